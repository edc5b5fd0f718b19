/**
 * `npm run test:integration`: proves the whole product in a real AWS account. Through the Pulumi
 * Automation API it creates a throwaway stack with Pulumi.dev.yaml's settings (and names of its
 * own, so that nothing of the account is adopted), runs `up`, runs `npm run verify -- --stack
 * <it> --canary` and expects no FAIL but the one a still pending email gives (no alert reaches
 * anyone until it is confirmed: integrationCode), and then, even when a step failed, runs
 * `destroy` and removes the stack. Not part of `npm test`: it deploys real
 * resources (a trail, a topic, keys scheduled for deletion after 7 days) for 10 to 30 minutes: up
 * and destroy take a few minutes each, the canary waits for its alert (at most 15 minutes).
 *
 * Without the Pulumi CLI or AWS credentials it says so in one line and exits 0, skipped.
 * Environment: AWS_REGION (default: Pulumi.dev.yaml's aws:region), INTEGRATION_EMAIL (default:
 * Pulumi.dev.yaml's address, whose confirmation stays pending), and what the Pulumi backend needs
 * (PULUMI_CONFIG_PASSPHRASE for a local backend).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { main } from "../verify/main";
import { AwsClients } from "../verify/clients";
import { environmentErrorOf, messageOf } from "../verify/errors";
import { REPO_ROOT, validToAfter } from "./mockRuntime";

type Config = Record<string, unknown>;

/** Pulumi.dev.yaml's settings, with the names and windows a throwaway stack needs. */
function throwawayConfig(stackName: string): Config {
    const dev = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8"))
        .config as Config;
    const importedKey = dev["kms-monitoring:importedKey"] as Config;
    return {
        ...dev,
        "aws:region": process.env.AWS_REGION ?? dev["aws:region"],
        "kms-monitoring:topicName": stackName,
        "kms-monitoring:alertEmails": [
            process.env.INTEGRATION_EMAIL ?? (dev["kms-monitoring:alertEmails"] as string[])[0],
        ],
        "kms-monitoring:importedKey": {
            ...importedKey,
            alias: `alias/${stackName}`,
            validTo: validToAfter(180),
            deletionWindowInDays: 7,
        },
        "kms-monitoring:alertKeyDeletionWindowInDays": 7,
        "kms-monitoring:auditTrail": {
            ...(dev["kms-monitoring:auditTrail"] as Config),
            forceDestroyBucket: true,
        },
    };
}

/** Why the test cannot run here, or undefined when it can. */
async function skipReason(region: string): Promise<string | undefined> {
    const { PulumiCommand } = await import("@pulumi/pulumi/automation");
    try {
        await PulumiCommand.get();
    } catch {
        return "the Pulumi CLI is not installed";
    }
    const { GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
    try {
        await new AwsClients().sts(region).send(new GetCallerIdentityCommand({}));
    } catch (error) {
        return (
            environmentErrorOf(error, "sts")?.message ??
            `no usable AWS credentials (${messageOf(error)})`
        );
    }
    return undefined;
}

const log = (text: string) => process.stdout.write(text);

/** The throwaway stack, as the test drives it: the Automation API's Stack, or a test's. */
export interface ThrowawayStack {
    up(): Promise<unknown>;
    destroy(): Promise<unknown>;
    remove(): Promise<unknown>;
}

export interface IntegrationSteps {
    readonly stackName: string;
    /** The project directory, where `pulumi stack init` would find the stack's settings file. */
    readonly workDir: string;
    readonly config: Config;
    readonly createStack: () => Promise<ThrowawayStack>;
    /** Runs verify on the deployed stack; its exit code. */
    readonly verify: () => Promise<number>;
    readonly log: (text: string) => void;
}

/**
 * Writes the stack's settings file, creates the stack, runs up and verify, then always cleans up,
 * each step on its own: destroy, then removing the stack, then the settings file, whatever failed
 * before. A Pulumi.<stack>.yaml left in the project directory would be read as a shipped stack
 * (scripts/snapshots.ts shippedStacks) and fail npm test. Pulumi keeps a stack's settings in that
 * file in the project directory, whether written here or by `pulumi config set` (Pulumi docs,
 * "Configuration"): only removing it keeps the directory clean.
 */
export async function deployVerifyDestroy(steps: IntegrationSteps): Promise<number> {
    const settingsFile = path.join(steps.workDir, `Pulumi.${steps.stackName}.yaml`);
    const settings = YAML.stringify({ config: steps.config });
    try {
        // The stack's own settings file, as `pulumi stack init` would find it: structured values stay structured.
        fs.writeFileSync(settingsFile, settings);
        const stack = await steps.createStack();
        try {
            steps.log(`test:integration: pulumi up ${steps.stackName}\n`);
            await stack.up();
            steps.log(`test:integration: npm run verify -- --stack ${steps.stackName} --canary\n`);
            const code = await steps.verify();
            steps.log(
                code === 0
                    ? "test:integration: verify found no failure\n"
                    : `test:integration: verify exited ${code}\n`,
            );
            return code;
        } finally {
            await cleanUp(stack, steps, settings);
        }
    } finally {
        fs.rmSync(settingsFile, { force: true });
    }
}

/** Destroys and removes the stack, each attempted; one error naming what is left, if anything is. */
async function cleanUp(stack: ThrowawayStack, steps: IntegrationSteps, settings: string) {
    const problems: string[] = [];
    const cleanups: [string, () => Promise<unknown>][] = [
        ["pulumi destroy", () => stack.destroy()],
        ["pulumi stack rm", () => stack.remove()],
    ];
    for (const [what, cleanup] of cleanups) {
        steps.log(`test:integration: ${what} ${steps.stackName}\n`);
        try {
            await cleanup();
        } catch (error) {
            problems.push(`${what} failed (${messageOf(error)})`);
        }
    }
    if (problems.length > 0) {
        // The settings file leaves the project directory in any case; a copy stays for the user.
        const kept = path.join(os.tmpdir(), `Pulumi.${steps.stackName}.yaml`);
        fs.writeFileSync(kept, settings);
        throw new Error(
            `${problems.join("; ")}: stack ${steps.stackName} may still hold resources; copy ` +
                `${kept} into the project directory, then run pulumi destroy --stack ` +
                `${steps.stackName} and pulumi stack rm ${steps.stackName}`,
        );
    }
}

/** The FAIL verify gives a stack whose only subscription is still pending (checks/subscriptions.ts). */
const NOBODY_CONFIRMED = "no subscription is confirmed and no other channel is configured";

/**
 * The test's verdict from verify's exit code and its FAIL lines: the throwaway stack's one email
 * stays pending unless INTEGRATION_EMAIL is an address someone confirms during the run, and verify
 * fails that (no alert reaches anyone). That FAIL alone still passes the test, which then proves
 * every hop up to the topic (the canary's WARN says the alert was published); any other FAIL fails it.
 */
export function integrationCode(code: number, failLines: readonly string[]): number {
    const onlyPending =
        failLines.length > 0 && failLines.every((line) => line.includes(NOBODY_CONFIRMED));
    return code === 1 && onlyPending ? 0 : code;
}

async function run(): Promise<number> {
    const stackName = `kms-monitoring-it-${crypto.randomBytes(3).toString("hex")}`;
    const config = throwawayConfig(stackName);
    const reason = await skipReason(String(config["aws:region"]));
    if (reason !== undefined) {
        log(`test:integration skipped: ${reason}\n`);
        return 0;
    }
    const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
    return deployVerifyDestroy({
        stackName,
        workDir: REPO_ROOT,
        config,
        log,
        createStack: async () => {
            const stack = await LocalWorkspace.createStack({ stackName, workDir: REPO_ROOT });
            return {
                up: () => stack.up({ onOutput: log }),
                destroy: () => stack.destroy({ onOutput: log }),
                remove: () => stack.workspace.removeStack(stackName),
            };
        },
        verify: async () => {
            const failLines: string[] = [];
            const code = await main(["--stack", stackName, "--canary"], {
                io: {
                    out: (text) => {
                        log(text);
                        failLines.push(
                            ...text.split("\n").filter((line) => line.startsWith("FAIL")),
                        );
                    },
                    err: (text) => process.stderr.write(text),
                    tty: Boolean(process.stderr.isTTY),
                },
            });
            return integrationCode(code, failLines);
        },
    });
}

if (require.main === module) {
    run().then(
        (code) => (process.exitCode = code === 0 ? 0 : 1),
        (error: unknown) => {
            process.stderr.write(`test:integration failed: ${messageOf(error)}\n`);
            process.exitCode = 1;
        },
    );
}
