import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import type {
    VerificationOutput,
    VerificationQueue,
    VerificationRule,
} from "../../components/stack";
import { attempt, fail, pass, ruleResource, Subject, VerifyContext } from "../context";
import { readSeries, ruleDimensions, total } from "../metrics";

/**
 * Check 6, delivery health over the last 24 hours. FailedInvocations and
 * InvocationsFailedToBeSentToDlq of every rule (a channel rule's API destination included) and
 * NumberOfNotificationsFailed of every topic (the chat and
 * webhook topics included) must be 0. EventBridge "only sends this metric to CloudWatch if it isn't
 * zero" (EventBridge User Guide, "Monitoring Amazon EventBridge"), so no data is zero. And every
 * dead-letter queue, at home and in each region, must be empty: a message there is an alert that
 * never arrived; its attributes say why (EventBridge User Guide, "Using dead-letter queues to
 * process undelivered events": ERROR_CODE, ERROR_MESSAGE, RULE_ARN, TARGET_ARN). The webhook
 * subscriptions' queue holds what SNS could not deliver after the delivery policy's retries: a
 * redrive policy "sends undeliverable messages to the specified Amazon SQS dead-letter queue" (SNS
 * API reference, GetSubscriptionAttributes, RedrivePolicy).
 */

const DAY_MS = 86_400_000;

export function readQueueCommand(queue: VerificationQueue): string {
    return (
        `aws sqs receive-message --queue-url ${queue.url} --region ${queue.region} ` +
        "--max-number-of-messages 10 --attribute-names All --message-attribute-names All"
    );
}

/** The dead-letter queue of the rule's targets, if it has one. */
export function deadLetterQueueOf(
    expected: VerificationOutput,
    rule: VerificationRule,
): VerificationQueue | undefined {
    return expected.queues.find((each) =>
        rule.targets.some((target) => target.deadLetterQueueArn === each.arn),
    );
}

/**
 * FailedInvocations, and InvocationsFailedToBeSentToDlq: "The number of invocations that couldn't
 * be moved to a dead-letter queue. Dead-letter queue errors can occur due to permissions errors,
 * unavailable resources, or size limits" (EventBridge User Guide, "Monitoring Amazon EventBridge"):
 * a dead-letter queue that is broken, so that what it should keep is lost. No data is zero.
 */
const DELIVERY_METRICS = ["FailedInvocations", "InvocationsFailedToBeSentToDlq"] as const;

async function checkFailedInvocations(
    ctx: VerifyContext,
    region: string,
    rules: VerificationRule[],
) {
    const subject = { id: "failed-invocations", region, resource: `${rules.length} rules` };
    const end = ctx.now();
    const series = await attempt(ctx, subject, "cloudwatch", () =>
        readSeries(
            ctx,
            region,
            rules.flatMap((rule) =>
                DELIVERY_METRICS.map((metricName) => ({
                    namespace: "AWS/Events",
                    metricName,
                    dimensions: ruleDimensions(rule),
                    stat: "Sum" as const,
                })),
            ),
            { startMs: end - DAY_MS, endMs: end, period: 3600 },
        ),
    );
    if (series === undefined) return;
    const failing = rules.filter((rule, index) =>
        reportRuleDelivery(ctx, { ...subject, resource: ruleResource(rule) }, rule, {
            failed: total(series[index * DELIVERY_METRICS.length]),
            lost: total(series[index * DELIVERY_METRICS.length + 1]),
        }),
    );
    if (failing.length === 0) {
        pass(
            ctx,
            subject,
            "no failed invocation and no event lost on the way to a dead-letter queue in the last " +
                "24 hours (FailedInvocations and InvocationsFailedToBeSentToDlq are 0)",
        );
    }
}

/** One rule's failures of the last 24 hours; whether it had any. */
function reportRuleDelivery(
    ctx: VerifyContext,
    at: Subject,
    rule: VerificationRule,
    { failed, lost }: { failed: number; lost: number },
): boolean {
    const queue = deadLetterQueueOf(ctx.expected, rule);
    if (failed > 0) {
        fail(
            ctx,
            at,
            `${failed} invocation(s) failed for good in the last 24 hours`,
            `run the rule, topic-policy and key-policy checks' fixes` +
                (queue === undefined
                    ? ""
                    : `, then read what was lost: ${readQueueCommand(queue)}`),
        );
    }
    if (lost > 0) {
        fail(
            ctx,
            at,
            `${lost} event(s) could not be sent to the dead-letter queue in the last 24 ` +
                "hours (InvocationsFailedToBeSentToDlq): lost, and kept nowhere",
            `run pulumi up to restore the queue${queue === undefined ? "" : ` ${queue.url}`} ` +
                "and its policy, which must let events.amazonaws.com send to it",
        );
    }
    return failed > 0 || lost > 0;
}

async function checkTopics(ctx: VerifyContext): Promise<void> {
    for (const topic of ctx.expected.topics) {
        const subject = { id: "failed-notifications", region: topic.region, resource: topic.arn };
        const end = ctx.now();
        const series = await attempt(ctx, subject, "cloudwatch", () =>
            readSeries(
                ctx,
                topic.region,
                [
                    {
                        namespace: "AWS/SNS",
                        metricName: "NumberOfNotificationsFailed",
                        dimensions: { TopicName: topic.name },
                        stat: "Sum",
                    },
                ],
                { startMs: end - DAY_MS, endMs: end, period: 3600 },
            ),
        );
        if (series === undefined) continue;
        const failed = total(series[0]);
        if (failed > 0) {
            fail(
                ctx,
                subject,
                `${failed} notification(s) could not be delivered in the last 24 hours`,
                "check the subscriptions (bouncing or deleted addresses, " +
                    "endpoints down) and enable the topic's delivery status logging",
            );
        } else {
            pass(ctx, subject, "no failed notification in the last 24 hours");
        }
    }
}

/** The messages in a queue, visible, in flight or delayed (GetQueueAttributes). */
export async function queueDepth(ctx: VerifyContext, queue: VerificationQueue): Promise<number> {
    const attributes = await ctx.aws.sqs(queue.region).send(
        new GetQueueAttributesCommand({
            QueueUrl: queue.url,
            AttributeNames: [
                "ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed",
            ],
        }),
    );
    return Object.values(attributes.Attributes ?? {}).reduce(
        (sum, value) => sum + Number(value ?? 0),
        0,
    );
}

async function checkQueue(ctx: VerifyContext, queue: VerificationQueue): Promise<void> {
    const subject = { id: "dead-letters", region: queue.region, resource: queue.url };
    const count = await attempt(
        ctx,
        subject,
        "sqs",
        () => queueDepth(ctx, queue),
        "does not exist: undeliverable events are dropped",
    );
    if (count === undefined) return;
    if (count > 0) {
        const what =
            queue.kind === "sns"
                ? `message(s) SNS could not deliver to a webhook after every retry`
                : "event(s) EventBridge could not deliver";
        fail(
            ctx,
            subject,
            `holds ${count} ${what}: alerts that never arrived`,
            `read them: ${readQueueCommand(queue)}`,
        );
    } else {
        pass(ctx, subject, "is empty");
    }
}

export async function checkDelivery(ctx: VerifyContext): Promise<void> {
    const regions = [...new Set(ctx.expected.rules.map((rule) => rule.region))];
    for (const region of regions) {
        ctx.report.progress(`delivery metrics in ${region}...`);
        const rules = ctx.expected.rules.filter(
            (rule) => rule.region === region && rule.targets.length > 0,
        );
        await checkFailedInvocations(ctx, region, rules);
    }
    await checkTopics(ctx);
    for (const queue of ctx.expected.queues) {
        await checkQueue(ctx, queue);
    }
}
