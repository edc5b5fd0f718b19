/**
 * `npm run test:integration`: proves the whole product in a real AWS account. Through the Pulumi
 * Automation API it creates a throwaway stack with Pulumi.dev.yaml's settings (and names of its
 * own, so that nothing of the account is adopted), runs `up`, runs `npm run verify -- --stack
 * <it> --canary` and expects no FAIL (a pending email confirmation is a WARN), and then, even when
 * a step failed, runs `destroy` and removes the stack. Not part of `npm test`: it deploys real
 * resources (a trail, a topic, keys scheduled for deletion after 7 days) for a few minutes.
 *
 * Without the Pulumi CLI or AWS credentials it says so in one line and exits 0, skipped.
 * Environment: AWS_REGION (default: Pulumi.dev.yaml's aws:region), INTEGRATION_EMAIL (default:
 * Pulumi.dev.yaml's address, whose confirmation stays pending), and what the Pulumi backend needs
 * (PULUMI_CONFIG_PASSPHRASE for a local backend).
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { main } from "../verify/main";
import { environmentErrorOf, messageOf } from "../verify/errors";
import { REPO_ROOT } from "./mockRuntime";

type Config = Record<string, unknown>;

/** Pulumi.dev.yaml's settings, with the names and windows a throwaway stack needs. */
function throwawayConfig(stackName: string): Config {
    const dev = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8"))
        .config as Config;
    const importedKey = dev["kms-monitoring:importedKey"] as Config;
    const validTo = new Date(Date.now() + 180 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
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
            validTo,
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
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const { STSClient, GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
    try {
        await new STSClient({ region }).send(new GetCallerIdentityCommand({}));
    } catch (error) {
        return (
            environmentErrorOf(error, "sts")?.message ??
            `no usable AWS credentials (${messageOf(error)})`
        );
    }
    return undefined;
}

const log = (text: string) => process.stdout.write(text);

async function run(): Promise<number> {
    const stackName = `kms-monitoring-it-${crypto.randomBytes(3).toString("hex")}`;
    const config = throwawayConfig(stackName);
    const reason = await skipReason(String(config["aws:region"]));
    if (reason !== undefined) {
        log(`test:integration skipped: ${reason}\n`);
        return 0;
    }
    const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
    const settingsFile = path.join(REPO_ROOT, `Pulumi.${stackName}.yaml`);
    // The stack's own settings file, as `pulumi stack init` would find it: structured values stay structured.
    fs.writeFileSync(settingsFile, YAML.stringify({ config }));
    const stack = await LocalWorkspace.createStack({ stackName, workDir: REPO_ROOT });
    let code = 1;
    try {
        log(`test:integration: pulumi up ${stackName}\n`);
        await stack.up({ onOutput: log });
        log(`test:integration: npm run verify -- --stack ${stackName} --canary\n`);
        code = await main(["--stack", stackName, "--canary"], {
            io: {
                out: log,
                err: (text) => process.stderr.write(text),
                tty: Boolean(process.stderr.isTTY),
            },
        });
        log(
            code === 0
                ? "test:integration: verify found no failure\n"
                : `test:integration: verify exited ${code}\n`,
        );
    } finally {
        log(`test:integration: pulumi destroy ${stackName}\n`);
        await stack.destroy({ onOutput: log });
        await stack.workspace.removeStack(stackName);
        fs.rmSync(settingsFile, { force: true });
    }
    return code;
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
