import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { snapshotPlan } from "../../scripts/snapshots";
import type { Plan } from "../../scripts/plan";
import { main } from "../../verify/main";
import type { CheckResult } from "../../verify/report";
import type { VerificationOutput } from "../../components/stack";
import { FakeAccount, healthyAccount } from "./fakeAccount";
import { installFakes } from "./fakeClients";

/** `pulumi stack output --json` of a shipped stack, from the mock run of its plan. */
export async function outputsFile(stack: string): Promise<string> {
    const file = path.join(os.tmpdir(), `kms-monitoring-verify-${process.pid}-${stack}.json`);
    if (!fs.existsSync(file)) {
        fs.writeFileSync(file, JSON.stringify((await snapshotPlan(stack)).outputs, null, 2));
    }
    return file;
}

export interface Run {
    readonly code: number;
    readonly results: CheckResult[];
    readonly stderr: string;
    /** The JSON document's `error`: what stopped verify (exit code 2) after the checks began. */
    readonly error?: string;
    /** The results that are not PASS, as `STATUS id resource: message`. */
    readonly problems: string[];
}

/**
 * The outputs of a shipped stack whose `verification` output `edit` changed: a stack file that is
 * not shipped, without a mock run of its own. Its file's path, for runVerify's `outputs`.
 */
export async function editedOutputs(
    stack: string,
    name: string,
    edit: (verification: VerificationOutput) => VerificationOutput,
): Promise<string> {
    const outputs = JSON.parse(fs.readFileSync(await outputsFile(stack), "utf8"));
    outputs.verification = edit(outputs.verification);
    const file = path.join(
        os.tmpdir(),
        `kms-monitoring-verify-${process.pid}-${stack}-${name}.json`,
    );
    fs.writeFileSync(file, JSON.stringify(outputs, null, 2));
    return file;
}

/** A fresh account where the shipped stack is deployed as planned. */
export async function deployed(stack: string): Promise<{ plan: Plan; fake: FakeAccount }> {
    const plan = await snapshotPlan(stack);
    return { plan, fake: healthyAccount(plan) };
}

/** Runs verify in this process, as the command would, against the fake account; JSON results. */
export async function runVerify(
    stack: string,
    fake: FakeAccount,
    args: string[] = [],
    outputs?: string,
): Promise<Run> {
    const restore = installFakes(fake);
    let stdout = "";
    let stderr = "";
    try {
        const code = await main(
            ["--outputs", outputs ?? (await outputsFile(stack)), "--json", ...args],
            {
                io: {
                    out: (text) => (stdout += text),
                    err: (text) => (stderr += text),
                    tty: false,
                },
                now: () => fake.now,
                sleep: async (ms) => {
                    fake.now += ms;
                },
            },
        );
        const document = stdout === "" ? { checks: [] } : JSON.parse(stdout);
        const results: CheckResult[] = document.checks;
        return {
            code,
            results,
            stderr,
            error: document.error,
            problems: results
                .filter((result) => result.status !== "PASS")
                .map(
                    (result) =>
                        `${result.status} ${result.id} ${result.resource}: ${result.message}`,
                ),
        };
    } finally {
        restore();
    }
}
