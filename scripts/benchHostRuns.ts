/** One measured run of a command in its own process: wall time, peak RSS, what the child reports. */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "./mockRuntime";

/** The CDK yardstick's app, when installed there (../shared/yardsticks/cdk/README.md). */
export const CDK_YARDSTICK = "/tmp/cdk-yardstick/app.js";

export interface Run {
    readonly seconds: number;
    readonly peakRssMb: number;
    readonly lastRegisteredSeconds?: number;
    readonly registered?: number;
}

/** Spawns a command and measures it from spawn to exit; the child may report JSON on fd 3. */
export function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(command, args, {
            cwd: REPO_ROOT,
            env,
            stdio: ["ignore", "ignore", "pipe", "pipe"],
        });
        let stderr = "";
        let report = "";
        child.stderr?.on("data", (chunk) => (stderr += chunk));
        (child.stdio[3] as NodeJS.ReadableStream | null)?.on("data", (chunk) => (report += chunk));
        child.on("error", reject);
        child.on("close", (code) => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            if (code !== 0) {
                reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${stderr}`));
                return;
            }
            const parsed = report
                ? (JSON.parse(report.trim().split("\n").pop() as string) as {
                      lastRegisteredMs: number;
                      registered: number;
                      maxRssKb: number;
                  })
                : undefined;
            resolve({
                seconds,
                peakRssMb: parsed ? parsed.maxRssKb / 1024 : 0,
                lastRegisteredSeconds: parsed ? parsed.lastRegisteredMs / 1000 : undefined,
                registered: parsed?.registered,
            });
        });
    });
}

/** Peak RSS of a command that does not report it: GNU time's %M when available. */
export async function timedWithRss(
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
): Promise<Run> {
    if (!fs.existsSync("/usr/bin/time")) {
        return timed(command, args, env);
    }
    const report = path.join(os.tmpdir(), `kms-bench-rss-${process.pid}`);
    const run = await timed("/usr/bin/time", ["-f", "%M", "-o", report, command, ...args], env);
    const kb = Number(fs.readFileSync(report, "utf8").trim().split("\n").pop());
    fs.rmSync(report, { force: true });
    return { ...run, peakRssMb: kb / 1024 };
}

export const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
