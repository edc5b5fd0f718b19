import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../harness";
import { main } from "../../verify/main";
import { outputsFile } from "./runVerify";

interface Ran {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** An empty directory for HOME, so that no profile, SSO cache or config of this machine is read. */
const HOME = fs.mkdtempSync(path.join(os.tmpdir(), "verify-home-"));

/**
 * The environment of a user without AWS credentials: nothing of AWS_* from this machine, no config
 * files, and no instance metadata look-up (AWS_EC2_METADATA_DISABLED), so that nothing leaves it.
 */
function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env = Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_")),
    );
    return {
        ...env,
        HOME,
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_CONFIG_FILE: path.join(HOME, "config"),
        AWS_SHARED_CREDENTIALS_FILE: path.join(HOME, "credentials"),
        ...extra,
    };
}

/** `npm run verify -- <args>` as a user runs it: node verify/cli.js in the project directory. */
function verify(
    args: string[],
    extra: Record<string, string> = {},
    pathDirs?: string,
): Promise<Ran> {
    const env = cleanEnvironment(extra);
    if (pathDirs !== undefined) {
        env.PATH = pathDirs;
    }
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            ["verify/cli.js", ...args],
            { cwd: REPO_ROOT, env, timeout: 60_000 },
            (error, stdout, stderr) =>
                resolve({
                    code: error ? (typeof error.code === "number" ? error.code : null) : 0,
                    stdout,
                    stderr,
                }),
        );
    });
}

/** A local port nothing listens on. */
function unusedPort(): Promise<number> {
    return new Promise((resolve) => {
        const server = net.createServer().listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

/** Exit code 2 and one clear line on stderr, nothing on stdout, no stack trace. */
function oneLine(ran: Ran, message: RegExp): void {
    assert.equal(ran.code, 2, ran.stderr);
    assert.equal(ran.stdout, "");
    const lines = ran.stderr.split("\n").filter((line) => line !== "");
    assert.equal(lines.length, 1, ran.stderr);
    assert.match(lines[0], /^verify: /);
    assert.match(lines[0], message);
    assert.doesNotMatch(ran.stderr, /\n\s+at /);
}

describe("npm run verify, run as a user runs it", function () {
    this.timeout(60_000);
    const runs = new Map<string, Ran>();
    let port: number;

    before(async () => {
        const file = await outputsFile("prod");
        const empty = path.join(HOME, "empty-outputs.json");
        fs.writeFileSync(
            empty,
            JSON.stringify({ topicArn: "arn:aws:sns:us-east-1:111122223333:old" }),
        );
        port = await unusedPort();
        const cases: [string, Promise<Ran>][] = [
            ["no credentials", verify(["--outputs", file])],
            [
                "unreachable endpoint",
                verify(["--outputs", file, "--json"], {
                    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
                    AWS_SECRET_ACCESS_KEY: "not-a-real-secret",
                    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
                }),
            ],
        ];
        const ran = await Promise.all(cases.map(([, run]) => run));
        cases.forEach(([name], index) => runs.set(name, ran[index]));
    });

    it("says in one line that there are no credentials", () => {
        oneLine(runs.get("no credentials")!, /no AWS credentials found .*AWS_PROFILE/);
    });

    it("says in one line that the endpoint in AWS_ENDPOINT_URL does not answer", () => {
        oneLine(
            runs.get("unreachable endpoint")!,
            new RegExp(`cannot reach the AWS endpoint http://127.0.0.1:${port} \\(ECONNREFUSED\\)`),
        );
    });
});

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
            /unknown argument --colour; usage: npm run verify -- --stack <name>/,
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
        assert.match(help.stdout, /^usage: npm run verify -- --stack <name>/);
    });
});
