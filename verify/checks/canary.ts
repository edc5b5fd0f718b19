import {
    CancelKeyDeletionCommand,
    DescribeKeyCommand,
    GenerateDataKeyCommand,
} from "@aws-sdk/client-kms";
import { errorName } from "../errors";
import { attempt, fail, pass, reportError, Subject, VerifyContext, warn } from "../context";
import { canaryCall, CanaryPlan } from "./canaryPlan";
import { queueDepths, readProgress } from "./canaryMetrics";
import { canaryVerdict, Outcome } from "./canaryVerdict";

/**
 * Check 10, with --canary: one KMS call that changes nothing and that one of the stack's alert
 * rules matches, then a wait (at most --timeout) for the metrics of every rule the call reaches and
 * of every channel they deliver to, naming the hop where the alert stopped (canaryVerdict.ts).
 * Two calls qualify (canaryPlan.ts):
 * - GenerateDataKey on the topic key: it changes nothing (the data key is dropped) and CloudTrail
 *   records it as a read-only management event, which reaches a rule in the state
 *   ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS (EventBridge User Guide, "Receiving read-only
 *   management events from AWS services");
 * - for a stack whose rules watch management writes only, CancelKeyDeletion on the topic key while
 *   it is not pending deletion: it fails with KMSInvalidStateException and so changes nothing. No
 *   AWS page confirms that a failed call reaches EventBridge, so when nothing matched, this is a
 *   WARN saying so, never a PASS.
 */

const POLL_MS = 30_000;

async function makeCall(ctx: VerifyContext, plan: CanaryPlan, subject: Subject): Promise<boolean> {
    const kms = ctx.aws.kms(plan.topic.region);
    if (plan.operation === "GenerateDataKey") {
        const made = await attempt(ctx, subject, "kms", () =>
            kms.send(new GenerateDataKeyCommand({ KeyId: plan.keyArn, KeySpec: "AES_256" })),
        );
        return made !== undefined;
    }
    const described = await attempt(ctx, subject, "kms", () =>
        kms.send(new DescribeKeyCommand({ KeyId: plan.keyArn })),
    );
    if (described === undefined) return false;
    if (described.KeyMetadata?.KeyState === "PendingDeletion") {
        fail(
            ctx,
            subject,
            `the topic key ${plan.keyArn} is pending deletion: once deleted, no alert can be published`,
            `aws kms cancel-key-deletion --key-id ${plan.keyArn} ` +
                `--region ${plan.topic.region}, then aws kms enable-key`,
        );
        return false;
    }
    try {
        await kms.send(new CancelKeyDeletionCommand({ KeyId: plan.keyArn }));
    } catch (error) {
        if (errorName(error) !== "KMSInvalidStateException") {
            reportError(ctx, subject, "kms", error);
            return false;
        }
    }
    return true;
}

function elapsed(ms: number): string {
    const seconds = Math.round(ms / 1000);
    return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

function report(ctx: VerifyContext, subject: Subject, outcome: Outcome): void {
    if (outcome.status === "PASS") pass(ctx, subject, outcome.message);
    else if (outcome.status === "WARN") warn(ctx, subject, outcome.message, outcome.fix);
    else fail(ctx, subject, outcome.message, outcome.fix);
}

export async function runCanary(ctx: VerifyContext): Promise<void> {
    const subject = { id: "canary", region: ctx.expected.homeRegion, resource: "alert path" };
    const plan = await canaryCall(ctx, subject);
    if (plan === undefined) return;
    const at = { ...subject, resource: `${plan.operation} on ${plan.keyArn} -> ${plan.rule.name}` };
    // The dead-letter queues as they were, so that only what the canary adds counts.
    const baseline = await attempt(ctx, at, "sqs", () => queueDepths(ctx, plan));
    if (baseline === undefined) return;
    const startMs = ctx.now();
    if (!(await makeCall(ctx, plan, at))) return;
    for (;;) {
        const endMs = ctx.now();
        const seen = await attempt(ctx, at, "cloudwatch", () =>
            readProgress(ctx, plan, { startMs, endMs }, baseline),
        );
        if (seen === undefined) return;
        const timedOut = endMs - startMs >= ctx.timeoutMs;
        const outcome = canaryVerdict(plan, seen, timedOut, `within ${elapsed(ctx.timeoutMs)}`);
        if (outcome !== undefined) {
            report(ctx, at, outcome);
            return;
        }
        ctx.report.progress(
            `canary: waiting for ${plan.rule.name} and its channels ` +
                `(${elapsed(endMs - startMs)} of ${elapsed(ctx.timeoutMs)})`,
        );
        await ctx.sleep(POLL_MS);
    }
}
