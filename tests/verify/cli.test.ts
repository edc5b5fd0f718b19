import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../harness";
import { HOME, oneLine, Ran, unusedPort, verify } from "./cliRuns";
import { silentEndpoint } from "./localServer";
import { outputsFile } from "./runVerify";

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
