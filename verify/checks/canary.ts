import {
    CancelKeyDeletionCommand,
    DescribeKeyCommand,
    GenerateDataKeyCommand,
} from "@aws-sdk/client-kms";
import { errorName } from "../errors";
import { attempt, fail, pass, reportError, Subject, VerifyContext, warn } from "../context";
import { canaryCall, CanaryPlan } from "./canaryPlan";
import { CanaryProgress, readProgress } from "./canaryMetrics";
import { deadLetterQueueOf, readQueueCommand } from "./delivery";

/**
 * Check 10, with --canary: one KMS call that changes nothing and that one of the stack's alert
 * rules matches, then a wait (at most --timeout) for the rule's and the topic's metrics to rise,
 * naming the hop where the alert stopped. Two calls qualify (canaryPlan.ts):
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

/**
 * Reports the verdict and returns true once the metrics tell one; false while it is worth waiting.
 * A PASS needs both ends after the call: the chosen rule invoked its targets (Invocations) and the
 * topic delivered (NumberOfNotificationsDelivered). Deliveries alone can be another alert's.
 */
function verdict(
    ctx: VerifyContext,
    plan: CanaryPlan,
    seen: CanaryProgress,
    subject: Subject,
    timedOut: boolean,
): boolean {
    const queue = deadLetterQueueOf(ctx.expected, plan.rule);
    if (seen.failedInvocations > 0) {
        fail(
            ctx,
            subject,
            "the event matched but the invocation failed: the topic policy or the topic key refuses EventBridge",
            "see the topic-policy and key-policy checks; pulumi up restores both",
        );
    } else if (seen.failedToDlq > 0) {
        fail(
            ctx,
            subject,
            "the invocation failed and the event could not even be sent to the dead-letter queue: lost",
            "see the failed-invocations and topic-policy checks; pulumi up restores the queue's policy",
        );
    } else if (seen.sentToDlq > 0) {
        fail(
            ctx,
            subject,
            "the event was sent to the dead-letter queue",
            queue === undefined ? "see the rule check" : `read it: ${readQueueCommand(queue)}`,
        );
    } else if (seen.notificationsFailed > 0) {
        fail(
            ctx,
            subject,
            "published to the topic but not delivered: a subscription refuses it",
            "see the subscription checks and the topic's delivery status logs",
        );
    } else if (seen.invocations > 0 && seen.delivered > 0) {
        pass(
            ctx,
            subject,
            `${plan.operation} reached ${plan.rule.name} and the topic delivered it`,
        );
    } else if (seen.invocations > 0 && seen.published > 0 && !plan.confirmedSubscription) {
        nobodyToDeliverTo(ctx, subject);
    } else if (!timedOut) {
        return false;
    } else {
        timeoutVerdict(ctx, plan, seen, subject);
    }
    return true;
}

/** Published, while no subscription is confirmed: nothing can be delivered, so no wait helps. */
function nobodyToDeliverTo(ctx: VerifyContext, subject: Subject): void {
    warn(
        ctx,
        subject,
        "published to the topic; no confirmed subscription to deliver it to",
        "confirm the email subscriptions",
    );
}

function timeoutVerdict(
    ctx: VerifyContext,
    plan: CanaryPlan,
    seen: CanaryProgress,
    subject: Subject,
) {
    const within = `within ${elapsed(ctx.timeoutMs)}`;
    if (seen.matched === 0 && seen.invocations === 0) {
        if (plan.operation === "CancelKeyDeletion") {
            warn(
                ctx,
                subject,
                `no matching event ${within}: the canary's call failed on purpose, ` +
                    `and no AWS page says whether failed calls reach EventBridge`,
                "rely on the trail and rule checks above: they show that a trail records the " +
                    "call and that the rule receives it",
            );
        } else {
            fail(
                ctx,
                subject,
                `no matching event ${within}: the trail does not deliver ` +
                    `the call, or the rule's state does not receive it`,
                "see the trail and rule checks above",
            );
        }
    } else if (seen.invocations === 0) {
        fail(
            ctx,
            subject,
            `the rule matched but invoked no target ${within}`,
            "see the rule check: its targets",
        );
    } else if (seen.published === 0) {
        fail(
            ctx,
            subject,
            `the rule matched but nothing was published ${within}: the topic policy or the topic key`,
            "see the topic-policy and key-policy checks",
        );
    } else {
        fail(
            ctx,
            subject,
            `published but not delivered ${within}: the subscriptions`,
            "see the subscription checks",
        );
    }
}

export async function runCanary(ctx: VerifyContext): Promise<void> {
    const subject = { id: "canary", region: ctx.expected.homeRegion, resource: "alert path" };
    const plan = await canaryCall(ctx, subject);
    if (plan === undefined) return;
    const at = { ...subject, resource: `${plan.operation} on ${plan.keyArn} -> ${plan.rule.name}` };
    const start = ctx.now();
    if (!(await makeCall(ctx, plan, at))) return;
    for (;;) {
        const now = ctx.now();
        const seen = await attempt(ctx, at, "cloudwatch", () =>
            readProgress(ctx, plan, start, now),
        );
        if (seen === undefined) return;
        if (verdict(ctx, plan, seen, at, now - start >= ctx.timeoutMs)) return;
        ctx.report.progress(
            `canary: waiting for ${plan.rule.name} and the topic ` +
                `(${elapsed(now - start)} of ${elapsed(ctx.timeoutMs)})`,
        );
        await ctx.sleep(POLL_MS);
    }
}
