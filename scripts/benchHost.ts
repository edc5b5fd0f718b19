/**
 * `npm run bench -- host [--runs N] [--project-file <Pulumi.yaml>]`: the program as `pulumi preview` / `pulumi up` starts it, one
 * fresh process per run, beside `npm run plan` and the AWS CDK yardstick synthesizing the same stack.
 *
 * - program: `node <nodeargs> scripts/hostRun.js`, which hands over to the host's own entry point
 *   (@pulumi/pulumi/cmd/run) under the mock monitor, with the environment the Node language host
 *   derives from Pulumi.yaml's runtime options (typescript, tsconfig, nodeargs). Wall time is from
 *   spawn to exit; "last registration" is from process start to the last resource the mock monitor
 *   received, as the child reports it.
 * - plan: `npm run plan -- --stack <stack> --config <file>`, wall time from spawn to exit.
 * - CDK: `node /tmp/cdk-yardstick/app.js <watched keys> <rules>` when installed there (see
 *   ../shared/yardsticks/cdk/README.md); otherwise the column says it is not installed.
 *
 * Runs are interleaved (program, plan, CDK, program, ...) so drift on a shared machine hits all three
 * alike. Medians are reported. A script, not a test.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { loadStackConfig, REPO_ROOT } from "./mockRuntime";

export const CDK_YARDSTICK = "/tmp/cdk-yardstick/app.js";
const DEFAULT_RUNS = 5;

type RawConfig = Record<string, string>;

interface Scenario {
    readonly name: string;
    readonly config: RawConfig;
    /** Arguments of the CDK yardstick for the same stack: watched keys, rules. */
    readonly cdkArgs: [number, number];
}

/** A validTo half a year ahead, so the imported key passes the 365-day rule whenever this runs. */
function withCurrentValidTo(config: RawConfig): RawConfig {
    const importedKey = JSON.parse(config["kms-monitoring:importedKey"] ?? "null") as Record<
        string,
        unknown
    > | null;
    if (!importedKey?.validTo) {
        return config;
    }
    const validTo = new Date(Date.now() + 180 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    return { ...config, "kms-monitoring:importedKey": JSON.stringify({ ...importedKey, validTo }) };
}

/** The dev stack grown to `keys` watched keys (given as key IDs, as the CDK yardstick does), 20 API-call rules and 10 addresses. */
export function syntheticConfig(keys: number): RawConfig {
    const config = loadStackConfig(path.join(REPO_ROOT, "Pulumi.dev.yaml")).config;
    const operations = [
        "Decrypt",
        "Encrypt",
        "GenerateDataKey",
        "DisableKey",
        "ScheduleKeyDeletion",
        "PutKeyPolicy",
        "CreateGrant",
        "RevokeGrant",
        "ImportKeyMaterial",
        "ReEncrypt",
    ];
    config["kms-monitoring:alertEmails"] = JSON.stringify(
        Array.from({ length: 10 }, (_, index) => `oncall-${index}@example.com`),
    );
    config["kms-monitoring:apiCallAlerts"] = JSON.stringify(
        Array.from({ length: 20 }, (_, index) => ({
            name: `rule-${index}`,
            eventNames: [operations[index % operations.length]],
        })),
    );
    config["kms-monitoring:watchedKeys"] = JSON.stringify(
        Array.from(
            { length: keys },
            (_, index) => `00000000-0000-4000-a000-${String(index).padStart(12, "0")}`,
        ),
    );
    return config;
}

export function scenarios(): Scenario[] {
    return [
        // The yardstick's README: "node app.js 2 2   # the dev stack".
        {
            name: "dev",
            config: withCurrentValidTo(
                loadStackConfig(path.join(REPO_ROOT, "Pulumi.dev.yaml")).config,
            ),
            cdkArgs: [2, 2],
        },
        {
            name: "large (200 keys)",
            config: withCurrentValidTo(syntheticConfig(200)),
            cdkArgs: [200, 20],
        },
        {
            name: "1000 keys",
            config: withCurrentValidTo(syntheticConfig(1000)),
            cdkArgs: [1000, 20],
        },
    ];
}

/** What the Node language host does with Pulumi.yaml's runtime options: environment for cmd/run, arguments for node. */
export function hostLaunch(projectFile = path.join(REPO_ROOT, "Pulumi.yaml")): {
    env: Record<string, string>;
    nodeArgs: string[];
} {
    const project = YAML.parse(fs.readFileSync(projectFile, "utf8")) as {
        runtime: string | { options?: Record<string, unknown> };
    };
    const options = typeof project.runtime === "object" ? (project.runtime.options ?? {}) : {};
    const env: Record<string, string> = {};
    // pulumi-language-nodejs: `if opts.typescript { env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true") }`; typescript defaults to true.
    if (options.typescript !== false) {
        env.PULUMI_NODEJS_TYPESCRIPT = "true";
    }
    // `if opts.tsconfigpath != "" { env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfigpath) }`
    if (typeof options.tsconfig === "string") {
        env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
    }
    // `nodeargs, err := shlex.Split(opts.nodeargs)`; passed to node before the cmd/run script.
    const nodeArgs =
        typeof options.nodeargs === "string" ? options.nodeargs.split(/\s+/).filter(Boolean) : [];
    return { env, nodeArgs };
}

interface Run {
    readonly seconds: number;
    readonly peakRssMb: number;
    readonly lastRegisteredSeconds?: number;
    readonly registered?: number;
}

/** Spawns a command and measures it from spawn to exit; the child may report JSON on fd 3. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
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
async function timedWithRss(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
    if (!fs.existsSync("/usr/bin/time")) {
        return timed(command, args, env);
    }
    const report = path.join(os.tmpdir(), `kms-bench-rss-${process.pid}`);
    const run = await timed("/usr/bin/time", ["-f", "%M", "-o", report, command, ...args], env);
    const kb = Number(fs.readFileSync(report, "utf8").trim().split("\n").pop());
    fs.rmSync(report, { force: true });
    return { ...run, peakRssMb: kb / 1024 };
}

const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Row {
    readonly scenario: Scenario;
    readonly resources: number;
    readonly program: Run[];
    readonly plan: Run[];
    readonly cdk: Run[];
}

export async function hostMain(argv: readonly string[]): Promise<void> {
    const runsIndex = argv.indexOf("--runs");
    const runs = runsIndex >= 0 ? Number(argv[runsIndex + 1]) : DEFAULT_RUNS;
    const cdkInstalled =
        fs.existsSync(CDK_YARDSTICK) &&
        fs.existsSync(path.join(path.dirname(CDK_YARDSTICK), "node_modules", "aws-cdk-lib"));
    // Another project file's runtime options, e.g. an earlier revision's, to measure a choice against.
    const projectIndex = argv.indexOf("--project-file");
    const launch =
        projectIndex >= 0 ? hostLaunch(path.resolve(argv[projectIndex + 1])) : hostLaunch();
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kms-bench-"));
    const rows: Row[] = [];
    try {
        for (const scenario of scenarios()) {
            const stackFile = path.join(scratch, `${scenario.name.replace(/\W+/g, "-")}.yaml`);
            fs.writeFileSync(
                stackFile,
                YAML.stringify({
                    config: Object.fromEntries(
                        Object.entries(scenario.config).map(([key, value]) => [
                            key,
                            parseMaybeJson(value),
                        ]),
                    ),
                }),
            );
            const row: Row = { scenario, resources: 0, program: [], plan: [], cdk: [] };
            for (let run = 0; run < runs; run++) {
                const programEnv = {
                    ...process.env,
                    ...launch.env,
                    PULUMI_CONFIG: JSON.stringify(scenario.config),
                    PULUMI_CONFIG_SECRET_KEYS: "[]",
                    BENCH_STACK: "dev",
                };
                row.program.push(
                    await timed(
                        process.execPath,
                        [...launch.nodeArgs, path.join(__dirname, "hostRun.js")],
                        programEnv,
                    ),
                );
                row.plan.push(
                    await timedWithRss(
                        "npm",
                        ["run", "--silent", "plan", "--", "--stack", "dev", "--config", stackFile],
                        process.env,
                    ),
                );
                if (cdkInstalled) {
                    // CDK refuses more than 500 resources in one stack (CloudFormation's quota) unless this context lifts it.
                    const cdkEnv = {
                        ...process.env,
                        CDK_CONTEXT_JSON: JSON.stringify({ "@aws-cdk/core:stackResourceLimit": 0 }),
                        CDK_OUT: path.join(scratch, "cdk.out"),
                    };
                    row.cdk.push(
                        await timedWithRss(
                            process.execPath,
                            [CDK_YARDSTICK, ...scenario.cdkArgs.map(String)],
                            cdkEnv,
                        ),
                    );
                }
            }
            rows.push({ ...row, resources: row.program[0].registered ?? 0 });
            process.stderr.write(`  ${scenario.name}: done\n`);
        }
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
    process.stdout.write(report(rows, runs, launch, cdkInstalled));
}

function parseMaybeJson(value: string): unknown {
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

function report(
    rows: Row[],
    runs: number,
    launch: ReturnType<typeof hostLaunch>,
    cdkInstalled: boolean,
): string {
    const seconds = (list: Run[]) => (list.length ? median(list.map((run) => run.seconds)) : NaN);
    const rss = (list: Run[]) => (list.length ? median(list.map((run) => run.peakRssMb)) : NaN);
    const fmt = (value: number, digits = 2) => (Number.isNaN(value) ? "-" : value.toFixed(digits));
    const header = [
        "stack",
        "resources",
        "program s",
        "last reg. s",
        "program MB",
        "plan s",
        "plan MB",
        "CDK synth s",
        "CDK MB",
        "program/CDK",
        "plan/CDK",
    ];
    const table = rows.map((row) => {
        const cdk = seconds(row.cdk);
        return [
            row.scenario.name,
            String(row.resources),
            fmt(seconds(row.program)),
            fmt(median(row.program.map((run) => run.lastRegisteredSeconds ?? NaN))),
            fmt(rss(row.program), 0),
            fmt(seconds(row.plan)),
            fmt(rss(row.plan), 0),
            cdkInstalled ? fmt(cdk) : "not installed",
            cdkInstalled ? fmt(rss(row.cdk), 0) : "-",
            cdkInstalled ? fmt(seconds(row.program) / cdk) : "-",
            cdkInstalled ? fmt(seconds(row.plan) / cdk) : "-",
        ];
    });
    const all = [header, ...table];
    const widths = header.map((_, column) => Math.max(...all.map((line) => line[column].length)));
    const lines = all.map(
        (line) => "| " + line.map((cell, column) => cell.padEnd(widths[column])).join(" | ") + " |",
    );
    lines.splice(1, 0, "|" + widths.map((width) => "-".repeat(width + 2)).join("|") + "|");

    // Growth per resource: seconds per added resource from large to 1000 keys, over the same from dev to large.
    const slope = (list: (row: Row) => Run[], from: Row, to: Row) =>
        (seconds(list(to)) - seconds(list(from))) / (to.resources - from.resources);
    const growth = (list: (row: Row) => Run[]) =>
        rows.length === 3 ? slope(list, rows[1], rows[2]) / slope(list, rows[0], rows[1]) : NaN;
    const perResourceMs = (list: (row: Row) => Run[]) =>
        rows.length === 3
            ? `${fmt(slope(list, rows[0], rows[1]) * 1000, 1)} ms then ${fmt(slope(list, rows[1], rows[2]) * 1000, 1)} ms`
            : "-";
    return [
        `kms-monitoring host bench, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"})`,
        `median of ${runs} runs, one process each; program as the language host starts it: ${Object.entries(
            launch.env,
        )
            .map(([key, value]) => `${key}=${value}`)
            .join(" ")} node ${launch.nodeArgs.join(" ")}`.trimEnd(),
        cdkInstalled
            ? `CDK yardstick: ${CDK_YARDSTICK} (aws-cdk-lib synth; CDK_CONTEXT_JSON lifts its 500-resource stack limit for the 1000-key stack, which CloudFormation would refuse to deploy)`
            : `CDK yardstick: not installed at ${CDK_YARDSTICK}; see ../shared/yardsticks/cdk/README.md (cp -r ../shared/yardsticks/cdk /tmp/cdk-yardstick && (cd /tmp/cdk-yardstick && npm install))`,
        "",
        ...lines,
        "",
        `time per added resource, dev -> large, then large -> 1000 keys: program ${perResourceMs((row) => row.program)}, plan ${perResourceMs((row) => row.plan)}`,
        `growth per resource (the second over the first; 1.00 is linear): program x${fmt(growth((row) => row.program))}, plan x${fmt(growth((row) => row.plan))}`,
        "",
    ].join("\n");
}
