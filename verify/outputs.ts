import * as fs from "fs";
import * as path from "path";
import type { VerificationOutput } from "../components/stack";
import { EnvironmentError, messageOf, UsageError } from "./errors";

/** The project directory: Pulumi.yaml is there. */
const PROJECT_DIR = path.resolve(__dirname, "..");

/** The stack's `verification` output, checked for the shape this version of verify reads. */
function verificationOf(outputs: Record<string, unknown>, source: string): VerificationOutput {
    const verification = outputs.verification as VerificationOutput | undefined;
    if (verification === undefined || verification === null) {
        throw new UsageError(
            `${source} has no "verification" output: run pulumi up with this version of the program first`,
        );
    }
    const lists = [
        "topics",
        "subscriptions",
        "rules",
        "alarms",
        "queues",
        "apiDestinations",
        "heartbeats",
    ] as const;
    if (
        verification.schemaVersion !== 1 ||
        lists.some((list) => !Array.isArray(verification[list]))
    ) {
        throw new UsageError(
            `${source} has a "verification" output this verify does not read (schemaVersion ` +
                `${String(verification.schemaVersion)}); use the verify of the version that deployed it`,
        );
    }
    return verification;
}

/** `pulumi stack output --json`, saved to a file: no Pulumi CLI needed. */
export function readOutputsFile(file: string): VerificationOutput {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new UsageError(`cannot read --outputs ${file}: ${messageOf(error)}`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new UsageError(
            `--outputs ${file} is not JSON; write it with pulumi stack output --json`,
        );
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new UsageError(`--outputs ${file} is not an object of stack outputs`);
    }
    return verificationOf(parsed as Record<string, unknown>, file);
}

/**
 * The selected stack's outputs through the Pulumi Automation API (LocalWorkspace on this project
 * directory). Imported only here, so that the command starts fast and runs without the Pulumi CLI
 * when --outputs is given.
 */
export async function readStackOutputs(stackName: string): Promise<VerificationOutput> {
    const { LocalWorkspace, StackNotFoundError } = await import("@pulumi/pulumi/automation");
    try {
        const stack = await LocalWorkspace.selectStack({ stackName, workDir: PROJECT_DIR });
        const outputs = await stack.outputs();
        return verificationOf(
            Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value])),
            `stack ${stackName}`,
        );
    } catch (error) {
        if (error instanceof UsageError) {
            throw error;
        }
        if (error instanceof StackNotFoundError) {
            throw new EnvironmentError(
                `stack ${stackName} does not exist in the current Pulumi backend (pulumi stack ls)`,
            );
        }
        const full = error instanceof Error ? error.message : String(error);
        if (/ENOENT|command not found/i.test(full)) {
            throw new EnvironmentError(
                "the Pulumi CLI is not installed: install it, or pass --outputs <file> " +
                    "written by pulumi stack output --json",
            );
        }
        const reason = /stderr: (.+)/.exec(full)?.[1] ?? messageOf(error);
        throw new EnvironmentError(`cannot read stack ${stackName}: ${reason}`);
    }
}
