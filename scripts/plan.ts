/**
 * `npm run plan -- --stack <name> [--json] [--config <file>] [--now <RFC 3339>] [--member-accounts <n>]`
 *
 * Shows what `pulumi up` would create for a stack, without the Pulumi CLI or AWS credentials: it
 * runs the real program (index.ts) under Pulumi's mock runtime with the stack's config file.
 * `secure:` values are not decrypted; they stand in as a placeholder marked secret.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { costWarning, CostEstimate } from "../components/cost";
import { costOfPlan } from "./planCost";
import { planTree } from "./planTree";
import {
    installMocks,
    loadStackConfig,
    Recorder,
    RecordedResource,
    redactWire,
    REGION,
    REPO_ROOT,
    restoreWarnings,
    runProgram,
    withClockAt,
} from "./mockRuntime";

export { planTree };

export interface PlanOptions {
    readonly stack: string;
    /** A file in the `Pulumi.<stack>.yaml` format. Default: `Pulumi.<stack>.yaml` in the repository. */
    readonly configFile?: string;
    /** Evaluate as of this moment (validTo must be ahead of it). Default: now. */
    readonly now?: Date;
    /** Member accounts to price in each member region (an organization stack). Default: 1. */
    readonly memberAccounts?: number;
}

export interface PlannedResource {
    readonly type: string;
    readonly name: string;
    /** Name of the parent component; null for the top level. */
    readonly parent: string | null;
    readonly protect: boolean;
    /** The inputs AWS would receive, with every secret shown as "[secret]". */
    readonly inputs: unknown;
}

export interface Plan {
    readonly stack: string;
    /** The stack's aws:region, where resources without a region input go. */
    readonly homeRegion: string;
    readonly resources: PlannedResource[];
    readonly warnings: string[];
    /** The full records, for the tree view and the tests. */
    readonly recorded: RecordedResource[];
    /** The stack outputs, resolved as the mock run sees them (secrets unwrapped: tests only). */
    readonly outputs: Record<string, unknown>;
    /** What it would cost a month (docs/cost.md). */
    readonly cost: CostEstimate;
}

export async function planStack(options: PlanOptions): Promise<Plan> {
    const configFile = options.configFile ?? path.join(REPO_ROOT, `Pulumi.${options.stack}.yaml`);
    const { config, secretKeys } = loadStackConfig(configFile);
    const recorder = await installMocks({
        stack: options.stack,
        config,
        secretKeys,
        region: config["aws:region"],
    });
    let outputs: Record<string, unknown>;
    try {
        outputs = await withClockAt(options.now ?? new Date(), () => runProgram(recorder));
    } finally {
        restoreWarnings();
    }
    return toPlan(options, recorder, config["aws:region"] ?? REGION, outputs);
}

function toPlan(
    options: PlanOptions,
    recorder: Recorder,
    homeRegion: string,
    outputs: Record<string, unknown>,
): Plan {
    const byUrn = new Map(recorder.resources.map((resource) => [resource.urn, resource]));
    const recorded = [...recorder.resources].sort((a, b) => a.urn.localeCompare(b.urn));
    const cost = costOfPlan({ homeRegion, recorded, outputs }, options.memberAccounts ?? 1);
    const expensive = costWarning(cost);
    return {
        stack: options.stack,
        homeRegion,
        recorded,
        outputs,
        cost,
        warnings: [...recorder.warnings, ...(expensive === undefined ? [] : [expensive])],
        resources: recorded.map((resource) => ({
            type: resource.type,
            name: resource.name,
            parent: (resource.parent && byUrn.get(resource.parent)?.name) || null,
            protect: resource.protect,
            inputs: redactWire(resource.wireInputs),
        })),
    };
}

export function planJson(plan: Plan): string {
    return (
        JSON.stringify(
            {
                stack: plan.stack,
                resources: plan.resources,
                warnings: plan.warnings,
                cost: plan.cost,
            },
            null,
            2,
        ) + "\n"
    );
}

function parseArguments(argv: readonly string[]): PlanOptions & { json: boolean } {
    let stack: string | undefined;
    let configFile: string | undefined;
    let now: Date | undefined;
    let memberAccounts: number | undefined;
    let json = false;
    for (let index = 0; index < argv.length; index++) {
        const argument = argv[index];
        if (argument === "--json") {
            json = true;
        } else if (argument === "--stack" || argument === "-s") {
            stack = argv[++index];
        } else if (argument === "--config") {
            configFile = path.resolve(argv[++index] ?? "");
        } else if (argument === "--now") {
            now = new Date(argv[++index] ?? "");
            if (Number.isNaN(now.getTime())) {
                throw new UsageError(
                    `--now takes an RFC 3339 date-time, e.g. 2027-01-01T00:00:00Z`,
                );
            }
        } else if (argument === "--member-accounts") {
            memberAccounts = Number(argv[++index]);
            if (!Number.isInteger(memberAccounts) || memberAccounts < 1) {
                throw new UsageError(
                    "--member-accounts takes a whole number of accounts, 1 or more",
                );
            }
        } else {
            throw new UsageError(`unknown argument ${argument}`);
        }
    }
    if (!stack) {
        throw new UsageError("--stack <name> is required");
    }
    return { stack, configFile, now, memberAccounts, json };
}

class UsageError extends Error {}

/** The command line: writes the result to `out`, problems to `err`, and returns the exit code. */
export async function runCli(
    argv: readonly string[],
    out: (text: string) => void,
    err: (text: string) => void,
): Promise<number> {
    try {
        const options = parseArguments(argv);
        const plan = await planStack(options);
        out(options.json ? planJson(plan) : planTree(plan));
        return 0;
    } catch (error) {
        if (error instanceof UsageError) {
            err(
                `${error.message}\nusage: npm run plan -- --stack <name> [--json] [--config <file>] [--now <RFC 3339>] [--member-accounts <n>]\n`,
            );
        } else if (error instanceof pulumi.RunError) {
            // What pulumi up prints: the message alone, no stack trace.
            err(`${error.message}\n`);
        } else {
            throw error;
        }
        return 1;
    }
}

if (require.main === module) {
    // As in tests/setup.ts: Pulumi takes a stack trace for every registered resource and for every
    // promise of every resource property (Resource.callsites, runtime/debuggable.js), and ts-node's
    // source-map support maps each frame; on the 200-key stack that was about half of the plan's
    // time. Without it a crash still names the .ts file, with the transpiled line. package.json also
    // runs this with --stack-trace-limit, as Pulumi.yaml's nodeargs do for the program.
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    void runCli(
        process.argv.slice(2),
        (text) => process.stdout.write(text),
        (text) => process.stderr.write(text),
    ).then((code) => (process.exitCode = code));
}
