import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../verify/main";
import { HOME, oneLine } from "./cliRuns";

describe("verify's usage errors and a stack it cannot read, in this process", () => {
    const run = async (args: string[]) => {
        let stdout = "";
        let stderr = "";
        const code = await main(args, {
            io: { out: (text) => (stdout += text), err: (text) => (stderr += text), tty: false },
        });
        return { code, stdout, stderr };
    };

    it("needs a stack or an outputs file, and a duration for --timeout", async () => {
        oneLine(await run([]), /--stack <name> is required \(or --outputs <file>\)/);
        oneLine(
            await run(["--stack", "dev", "--timeout", "soon"]),
            /--timeout takes a duration such as 900s, 15m or 1h \(got "soon"\)/,
        );
        oneLine(await run(["--outputs"]), /--outputs needs a value/);
    });

    it("says that outputs without the verification output come from an older deploy", async () => {
        const file = path.join(HOME, "old-outputs.json");
        fs.writeFileSync(
            file,
            JSON.stringify({ topicArn: "arn:aws:sns:us-east-1:111122223333:old" }),
        );
        oneLine(
            await run(["--outputs", file]),
            /has no "verification" output: run pulumi up with this version/,
        );
        fs.writeFileSync(file, "not json");
        oneLine(
            await run(["--outputs", file]),
            /is not JSON; write it with pulumi stack output --json/,
        );
    });

    it("says what is wrong with the arguments, with the usage", async () => {
        oneLine(
            await run(["--stack", "dev", "--colour"]),
            /unknown argument --colour; usage: npm run verify -- \(--stack <name> \| --outputs <file>\)/,
        );
        oneLine(
            await run(["--stack", "dev", "--outputs", "outputs.json"]),
            /--stack and --outputs both say where the outputs come from: give one/,
        );
        oneLine(
            await run(["--stack", "dev", "--request-timeout", "0s"]),
            /--request-timeout takes a duration such as 900s, 15m or 1h \(got "0s"\)/,
        );
    });

    it("says that reading a stack needs the Pulumi CLI, or --outputs", async function () {
        this.timeout(20_000);
        const saved = process.env.PATH;
        process.env.PATH = path.dirname(process.execPath);
        try {
            oneLine(
                await run(["--stack", "dev"]),
                /the Pulumi CLI is not installed: install it, or pass --outputs <file>/,
            );
        } finally {
            process.env.PATH = saved;
        }
    });

    it("prints the usage for --help, and exits 0", async () => {
        const help = await run(["--help"]);
        assert.equal(help.code, 0);
        assert.match(
            help.stdout,
            /^usage: npm run verify -- \(--stack <name> \| --outputs <file>\)/,
        );
    });
});
