/**
 * Running verify as a user runs it, in a clean environment without AWS credentials, and what a
 * run that stops must print: one clear line.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../harness";

export interface Ran {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** An empty directory for HOME, so that no profile, SSO cache or config of this machine is read. */
export const HOME = fs.mkdtempSync(path.join(os.tmpdir(), "verify-home-"));

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
export function verify(
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
export function unusedPort(): Promise<number> {
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
export function oneLine(ran: Ran, message: RegExp, json = false): void {
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
