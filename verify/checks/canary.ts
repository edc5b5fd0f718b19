import {
    CancelKeyDeletionCommand,
    DescribeKeyCommand,
    GenerateDataKeyCommand,
} from "@aws-sdk/client-kms";
import { errorName } from "../errors";
import { attempt, fail, pass, reportError, Subject, VerifyContext, warn } from "../context";
import { awaitFailedCall, failedCallProbe } from "./canaryFailedCall";
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
 * With the pending-deletion rule, which rests on that very fact, canaryFailedCall.ts also reports
 * whether a refused call reached EventBridge.
 */

const POLL_MS = 30_000;

/**
 * CancelKeyDeletion on the topic key while it is not pending deletion: KMS refuses it, so it changes
 * nothing. A key that is pending deletion is never touched (the call would cancel its deletion).
 */
async function refusedCancel(
    ctx: VerifyContext,
    region: string,
    keyArn: string,
    subject: Subject,
): Promise<boolean> {
    const kms = ctx.aws.kms(region);
    const described = await attempt(ctx, subject, "kms", () =>
        kms.send(new DescribeKeyCommand({ KeyId: keyArn })),
    );
    if (described === undefined) return false;
    if (described.KeyMetadata?.KeyState === "PendingDeletion") {
        fail(
            ctx,
            subject,
            `the topic key ${keyArn} is pending deletion: once deleted, no alert can be published`,
            `aws kms cancel-key-deletion --key-id ${keyArn} --region ${region}, then aws kms enable-key`,
        );
        return false;
    }
    try {
        await kms.send(new CancelKeyDeletionCommand({ KeyId: keyArn }));
    } catch (error) {
        if (errorName(error) !== "KMSInvalidStateException") {
            reportError(ctx, subject, "kms", error);
            return false;
        }
    }
    return true;
}

async function makeCall(ctx: VerifyContext, plan: CanaryPlan, subject: Subject): Promise<boolean> {
    if (plan.operation === "GenerateDataKey") {
        const kms = ctx.aws.kms(plan.topic.region);
        const made = await attempt(ctx, subject, "kms", () =>
            kms.send(new GenerateDataKeyCommand({ KeyId: plan.keyArn, KeySpec: "AES_256" })),
        );
        return made !== undefined;
    }
    return refusedCancel(ctx, plan.topic.region, plan.keyArn, subject);
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

/** Polls every hop of the canary's paths until their metrics give a verdict, and reports it. */
async function awaitVerdict(
    ctx: VerifyContext,
    plan: CanaryPlan,
    at: Subject,
    startMs: number,
    baseline: number[],
): Promise<void> {
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

/**
 * The canary, and with the pending-deletion rule the failed-call probe (canaryFailedCall.ts): its
 * refused CancelKeyDeletion goes right after the canary's call, unless the canary's call is that one,
 * so that both wait at once.
 */
export async function runCanary(ctx: VerifyContext): Promise<void> {
    const subject = { id: "canary", region: ctx.expected.homeRegion, resource: "alert path" };
    const plan = await canaryCall(ctx, subject);
    if (plan === undefined) return;
    const probe = failedCallProbe(ctx, plan);
    const at = { ...subject, resource: `${plan.operation} on ${plan.keyArn} -> ${plan.rule.name}` };
    // The dead-letter queues as they were, so that only what the canary adds counts.
    const baseline = await attempt(ctx, at, "sqs", () => queueDepths(ctx, plan));
    if (baseline === undefined) return;
    const startMs = ctx.now();
    if (!(await makeCall(ctx, plan, at))) return;
    const probeStartMs = ctx.now();
    const probing =
        probe !== undefined &&
        (!probe.ownCall || (await refusedCancel(ctx, probe.region, probe.keyArn, probe.subject)));
    await awaitVerdict(ctx, plan, at, startMs, baseline);
    if (probing) await awaitFailedCall(ctx, probe, probe.ownCall ? probeStartMs : startMs);
}
