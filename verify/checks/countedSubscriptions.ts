import { GetSubscriptionAttributesCommand, Subscription } from "@aws-sdk/client-sns";
import type { VerificationSubscription, VerificationTopic } from "../../components/stack";
import { attempt, fail, pass, Subject, VerifyContext } from "../context";

/**
 * Part of check 2: the subscriptions whose endpoint verify does not know, counted by protocol on
 * their topic. The stack's own (the webhooks, each URL a secret) must all be there, confirmed,
 * with their dead-letter queue and retries; on a chat topic, Amazon Q Developer's must be
 * confirmed, however many it made.
 */

/**
 * What differs from the stack's settings in one confirmed subscription: its redrive policy's
 * dead-letter queue and its delivery policy's retries, read with GetSubscriptionAttributes
 * (`RedrivePolicy`, `DeliveryPolicy`: SNS API reference). Its `Endpoint` attribute, a webhook's
 * secret URL, is never read out.
 */
async function settingsProblems(
    ctx: VerifyContext,
    subject: Subject,
    subscription: Subscription,
    expected: VerificationSubscription,
): Promise<string[] | undefined> {
    const got = await attempt(ctx, subject, "sns", () =>
        ctx.aws.sns(subject.region).send(
            new GetSubscriptionAttributesCommand({
                SubscriptionArn: subscription.SubscriptionArn,
            }),
        ),
    );
    if (got === undefined) return undefined;
    const id = subscription.SubscriptionArn?.split(":").pop();
    const attributes = got.Attributes ?? {};
    const problems: string[] = [];
    const queue = attributes.RedrivePolicy
        ? (JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn?: string })
              .deadLetterTargetArn
        : undefined;
    if (expected.deadLetterQueueArn !== undefined && queue !== expected.deadLetterQueueArn) {
        problems.push(
            queue === undefined
                ? `subscription ${id} has no dead-letter queue: what fails after the retries is dropped`
                : `subscription ${id} sends its dead letters to ${queue}, not ${expected.deadLetterQueueArn}`,
        );
    }
    if (expected.deliveryPolicy !== undefined) {
        type Retry = Record<string, unknown>;
        const retry = (json?: string) =>
            json
                ? ((JSON.parse(json) as { healthyRetryPolicy?: Retry }).healthyRetryPolicy ?? {})
                : {};
        const want = retry(expected.deliveryPolicy);
        const have = retry(attributes.DeliveryPolicy);
        const differ = Object.keys(want).filter((key) => have[key] !== want[key]);
        if (differ.length > 0) {
            problems.push(
                `subscription ${id} retries with other settings than the stack's (${differ.join(", ")})`,
            );
        }
    }
    return problems;
}

/** A group of counted subscriptions: who they are, and those of their protocol on the topic. */
export interface Counted {
    readonly subject: Subject;
    readonly topic: VerificationTopic;
    readonly expected: readonly VerificationSubscription[];
    readonly pending: number;
    readonly confirmed: Subscription[];
}

/**
 * Amazon Q Developer's subscription of a chat topic: made by the service itself
 * (terraform-provider-aws#46101), an HTTPS subscription that no AWS page describes, nor how many it
 * makes for several configurations: one confirmed is enough. Without any, nothing the topic
 * receives reaches a chat channel (SNS delivers only to confirmed subscriptions), so that is a FAIL.
 */
export function checkChatSubscription(
    ctx: VerifyContext,
    { subject, topic, pending, confirmed }: Counted,
) {
    if (confirmed.length === 0) {
        fail(
            ctx,
            subject,
            `no confirmed https subscription of Amazon Q Developer on ${topic.arn}` +
                `${pending > 0 ? ` (${pending} pending)` : ""}: no alert reaches the chat channels`,
            "check that each chat configuration still lists this topic in the Amazon Q Developer " +
                "console; pulumi up restores them",
        );
    } else {
        pass(ctx, subject, `Amazon Q Developer is subscribed to ${topic.arn}`);
    }
}

/** The stack's own subscriptions of secret endpoints: every one there, confirmed, with its settings. */
export async function checkSecretSubscriptions(ctx: VerifyContext, counted: Counted) {
    const { subject, topic, expected, pending, confirmed } = counted;
    const missing = expected.length - confirmed.length - pending;
    if (missing > 0) {
        const message = `${missing} of the ${expected.length} are not subscribed to ${topic.arn}`;
        fail(ctx, subject, message, "run pulumi up");
        return;
    }
    if (pending > 0) {
        fail(
            ctx,
            subject,
            `${pending} of the ${expected.length} await confirmation: nothing reaches those ` +
                "endpoints until they fetch the SubscribeURL SNS sent them",
            "make each endpoint confirm (visit the SubscribeURL of the confirmation message), " +
                "or pulumi up to subscribe it again",
        );
        return;
    }
    const problems: string[] = [];
    for (const subscription of confirmed) {
        const found = await settingsProblems(ctx, subject, subscription, expected[0]);
        if (found === undefined) return;
        problems.push(...found);
    }
    if (problems.length > 0) {
        fail(
            ctx,
            subject,
            problems.join("; "),
            "run pulumi up to restore the subscriptions' settings",
        );
    } else {
        const settings =
            expected[0].deadLetterQueueArn === undefined
                ? ""
                : ", each with its dead-letter queue and retries";
        pass(ctx, subject, `${confirmed.length} confirmed on ${topic.arn}${settings}`);
    }
}
