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
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { REPO_ROOT, validToAfter } from "./mockRuntime";
import { devConfig, RawConfig, syntheticConfig } from "./benchConfigs";
import { report, Row } from "./benchHostReport";
import { CDK_YARDSTICK, timed, timedWithRss } from "./benchHostRuns";

export { CDK_YARDSTICK };
const DEFAULT_RUNS = 5;

export interface Scenario {
    readonly name: string;
    readonly config: RawConfig;
    /** Arguments of the CDK yardstick for the same stack: watched keys, rules. */
    readonly cdkArgs: [number, number];
}

/** How the language host starts the program: environment for cmd/run, arguments for node. */
export interface HostLaunch {
    readonly env: Record<string, string>;
    readonly nodeArgs: string[];
}

interface HostOptions {
    readonly runs: number;
    readonly launch: HostLaunch;
    readonly cdkInstalled: boolean;
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
    const validTo = validToAfter(180);
    return { ...config, "kms-monitoring:importedKey": JSON.stringify({ ...importedKey, validTo }) };
}

export function scenarios(): Scenario[] {
    return [
        // The yardstick's README: "node app.js 2 2   # the dev stack".
        {
            name: "dev",
            config: withCurrentValidTo(devConfig()),
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
export function hostLaunch(projectFile = path.join(REPO_ROOT, "Pulumi.yaml")): HostLaunch {
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

function hostOptions(argv: readonly string[]): HostOptions {
    const runsIndex = argv.indexOf("--runs");
    // Another project file's runtime options, e.g. an earlier revision's, to measure a choice against.
    const projectIndex = argv.indexOf("--project-file");
    return {
        runs: runsIndex >= 0 ? Number(argv[runsIndex + 1]) : DEFAULT_RUNS,
        launch: projectIndex >= 0 ? hostLaunch(path.resolve(argv[projectIndex + 1])) : hostLaunch(),
        cdkInstalled:
            fs.existsSync(CDK_YARDSTICK) &&
            fs.existsSync(path.join(path.dirname(CDK_YARDSTICK), "node_modules", "aws-cdk-lib")),
    };
}

export async function hostMain(argv: readonly string[]): Promise<void> {
    const options = hostOptions(argv);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kms-bench-"));
    const rows: Row[] = [];
    try {
        for (const scenario of scenarios()) {
            rows.push(await measureScenario(scenario, options, scratch));
            process.stderr.write(`  ${scenario.name}: done\n`);
        }
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
    process.stdout.write(report(rows, options.runs, options.launch, options.cdkInstalled));
}

/** Program, plan and CDK, interleaved, `runs` times each. */
async function measureScenario(
    scenario: Scenario,
    options: HostOptions,
    scratch: string,
): Promise<Row> {
    const stackFile = writeStackFile(scenario, scratch);
    const row: Row = { scenario, resources: 0, program: [], plan: [], cdk: [] };
    for (let run = 0; run < options.runs; run++) {
        const programEnv = {
            ...process.env,
            ...options.launch.env,
            PULUMI_CONFIG: JSON.stringify(scenario.config),
            PULUMI_CONFIG_SECRET_KEYS: "[]",
            BENCH_STACK: "dev",
        };
        row.program.push(
            await timed(
                process.execPath,
                [...options.launch.nodeArgs, path.join(__dirname, "hostRun.js")],
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
        if (options.cdkInstalled) {
            row.cdk.push(await timeCdk(scenario, scratch));
        }
    }
    return { ...row, resources: row.program[0].registered ?? 0 };
}

/** The scenario's config as a `Pulumi.<stack>.yaml` file for `npm run plan -- --config`. */
function writeStackFile(scenario: Scenario, scratch: string): string {
    const stackFile = path.join(scratch, `${scenario.name.replace(/\W+/g, "-")}.yaml`);
    fs.writeFileSync(
        stackFile,
        YAML.stringify({
            config: Object.fromEntries(
                Object.entries(scenario.config).map(([key, value]) => [key, parseMaybeJson(value)]),
            ),
        }),
    );
    return stackFile;
}

function timeCdk(scenario: Scenario, scratch: string) {
    // CDK refuses more than 500 resources in one stack (CloudFormation's quota) unless this context lifts it.
    const cdkEnv = {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ "@aws-cdk/core:stackResourceLimit": 0 }),
        CDK_OUT: path.join(scratch, "cdk.out"),
    };
    return timedWithRss(process.execPath, [CDK_YARDSTICK, ...scenario.cdkArgs.map(String)], cdkEnv);
}

function parseMaybeJson(value: string): unknown {
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}
