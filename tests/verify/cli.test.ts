import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../harness";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { AwsClients } from "../../verify/clients";
import { main } from "../../verify/main";
import { answeringEndpoint, silentEndpoint, withEnvironment } from "./localServer";
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
    cli = "verify/cli.js",
): Promise<Ran> {
    const env = cleanEnvironment(extra);
    delete env.NODE_PATH;
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            [cli, ...args],
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

/**
 * Exit code 2 and one clear line on stderr, no stack trace; nothing on stdout, or with --json the
 * results so far (none here) with that line as `error`.
 */
function oneLine(ran: Ran, message: RegExp, json = false): void {
    assert.equal(ran.code, 2, ran.stderr);
    const lines = ran.stderr.split("\n").filter((line) => line !== "");
    if (json) {
        assert.deepEqual(JSON.parse(ran.stdout), {
            checks: [],
            summary: { pass: 0, warn: 0, fail: 0 },
            error: lines[0]?.replace(/^verify: /, ""),
        });
    } else {
        assert.equal(ran.stdout, "");
    }
    assert.equal(lines.length, 1, ran.stderr);
    assert.match(lines[0], /^verify: /);
    assert.match(lines[0], message);
    assert.doesNotMatch(ran.stderr, /\n\s+at /);
}

describe("npm run verify, run as a user runs it", function () {
    this.timeout(60_000);
    const runs = new Map<string, Ran>();
    let port: number;
    let silent: { url: string; close: () => Promise<void> };
    let silentSeconds = 0;
    const timed = async (running: Promise<Ran>) => {
        const started = Date.now();
        const ran = await running;
        silentSeconds = (Date.now() - started) / 1000;
        return ran;
    };

    after(() => silent.close());

    before(async () => {
        const file = await outputsFile("prod");
        const empty = path.join(HOME, "empty-outputs.json");
        fs.writeFileSync(
            empty,
            JSON.stringify({ topicArn: "arn:aws:sns:us-east-1:111122223333:old" }),
        );
        port = await unusedPort();
        silent = await silentEndpoint();
        // verify/cli.js where no node_modules holds ts-node: as after npm ci --omit=dev.
        const bare = fs.mkdtempSync(path.join(os.tmpdir(), "verify-without-dev-"));
        fs.mkdirSync(path.join(bare, "verify"));
        fs.copyFileSync(
            path.join(REPO_ROOT, "verify", "cli.js"),
            path.join(bare, "verify", "cli.js"),
        );
        const keys = {
            AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
            AWS_SECRET_ACCESS_KEY: "not-a-real-secret",
        };
        const cases: [string, Promise<Ran>][] = [
            [
                "silent endpoint",
                timed(
                    verify(["--outputs", file, "--request-timeout", "1s"], {
                        ...keys,
                        AWS_ENDPOINT_URL: silent.url,
                    }),
                ),
            ],
            [
                "without dev dependencies",
                verify(["--help"], {}, path.join(bare, "verify", "cli.js")),
            ],
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
            true,
        );
    });

    it("gives up on an endpoint that accepts the connection and never answers, in one line", () => {
        oneLine(
            runs.get("silent endpoint")!,
            new RegExp(`the AWS endpoint ${silent.url} did not answer in time .*--request-timeout`),
        );
        // Three attempts of one second each, and the SDK's back-off between them.
        assert.ok(silentSeconds < 20, `took ${silentSeconds} s`);
    });

    it("says in one line that it needs the dev dependencies, after npm ci --omit=dev", () => {
        oneLine(
            runs.get("without dev dependencies")!,
            /needs the project's dev dependencies \(ts-node\): run npm ci, without --omit=dev/,
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

describe("verify against an endpoint that is not AWS, in this process", () => {
    const HOME_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "verify-home-"));
    /** Keys that need no look-up, no profile or metadata service, and every call to `url`. */
    const environment = (url: string) => ({
        AWS_ENDPOINT_URL: url,
        AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
        AWS_SECRET_ACCESS_KEY: "not-a-real-secret",
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_CONFIG_FILE: path.join(HOME_DIR, "config"),
        AWS_SHARED_CREDENTIALS_FILE: path.join(HOME_DIR, "credentials"),
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    const against = async (status: number, body: string) => {
        const endpoint = await answeringEndpoint(status, body);
        try {
            let stdout = "";
            let stderr = "";
            const code = await withEnvironment(environment(endpoint.url), async () =>
                main(["--outputs", await outputsFile("dev")], {
                    io: {
                        out: (text) => (stdout += text),
                        err: (text) => (stderr += text),
                        tty: false,
                    },
                }),
            );
            return { ran: { code, stdout, stderr }, url: endpoint.url };
        } finally {
            await endpoint.close();
        }
    };

    it("says in one line that an answer without an account is not AWS STS, naming the endpoint", async () => {
        const { ran, url } = await against(200, "<html>hello</html>");
        oneLine(
            ran,
            new RegExp(
                `the AWS endpoint ${url} answered HTTP 200 .*GetCallerIdentity without an Account`,
            ),
        );
    });

    it("says in one line that a 404 or a 503 is not an AWS answer, with its status", async () => {
        for (const status of [404, 503]) {
            const { ran, url } = await against(status, status === 404 ? "<html>no</html>" : "");
            oneLine(
                ran,
                new RegExp(
                    `the AWS endpoint ${url} answered HTTP ${status} with something that is not an AWS answer`,
                ),
            );
        }
    });

    it("sends SQS calls to the configured endpoint, not to the queue URL's host", async () => {
        const endpoint = await answeringEndpoint(
            200,
            JSON.stringify({ Attributes: { ApproximateNumberOfMessages: "0" } }),
            "application/x-amz-json-1.0",
        );
        try {
            const answer = await withEnvironment(environment(endpoint.url), () =>
                new AwsClients().sqs("eu-central-1").send(
                    new GetQueueAttributesCommand({
                        QueueUrl:
                            "https://sqs.eu-central-1.amazonaws.com/111122223333/dead-letters",
                        AttributeNames: ["ApproximateNumberOfMessages"],
                    }),
                ),
            );
            assert.deepEqual(answer.Attributes, { ApproximateNumberOfMessages: "0" });
            assert.deepEqual(
                endpoint.received.map((each) => [each.host, each.headers["x-amz-target"]]),
                [[endpoint.url.replace("http://", ""), "AmazonSQS.GetQueueAttributes"]],
            );
        } finally {
            await endpoint.close();
        }
    });
});
