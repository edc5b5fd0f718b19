import { ListSubscriptionsByTopicCommand, Subscription } from "@aws-sdk/client-sns";
import type { VerificationSubscription, VerificationTopic } from "../../components/stack";
import { attempt, fail, pass, VerifyContext, warn } from "../context";

/** What ListSubscriptionsByTopic shows instead of an ARN until the owner confirms (SNS API reference). */
export const PENDING = "PendingConfirmation";

export async function listSubscriptions(
    ctx: VerifyContext,
    topic: VerificationTopic,
): Promise<Subscription[] | undefined> {
    const subject = { id: "subscription", region: topic.region, resource: topic.arn };
    return attempt(ctx, subject, "sns", async () => {
        const found: Subscription[] = [];
        let NextToken: string | undefined;
        do {
            const page = await ctx.aws
                .sns(topic.region)
                .send(new ListSubscriptionsByTopicCommand({ TopicArn: topic.arn, NextToken }));
            found.push(...(page.Subscriptions ?? []));
            NextToken = page.NextToken;
        } while (NextToken);
        return found;
    });
}

function checkOne(
    ctx: VerifyContext,
    topic: VerificationTopic,
    expected: VerificationSubscription,
    existing: readonly Subscription[],
): void {
    const subject = {
        id: "subscription",
        region: topic.region,
        resource: `${expected.protocol} ${expected.endpoint ?? "(secret endpoint)"}`,
    };
    const matching = existing.filter(
        (each) =>
            each.Protocol === expected.protocol &&
            (expected.endpoint === undefined || each.Endpoint === expected.endpoint),
    );
    if (matching.length === 0) {
        fail(ctx, subject, `is not subscribed to ${topic.arn}`, "run pulumi up");
    } else if (matching.some((each) => each.SubscriptionArn === PENDING)) {
        if (expected.protocol === "email") {
            warn(
                ctx,
                subject,
                "awaits confirmation: no alert reaches this address until its owner confirms",
                'open the "AWS Notification - Subscription Confirmation" email and choose Confirm subscription',
            );
        } else {
            fail(
                ctx,
                subject,
                "awaits confirmation: the endpoint never confirmed the subscription",
                "make the endpoint visit the SubscribeURL of the confirmation message, or subscribe it again",
            );
        }
    } else {
        pass(ctx, subject, `is confirmed on ${topic.arn}`);
    }
}

/**
 * Check 2: every subscription the stack creates exists and is confirmed. An email subscription
 * delivers nothing until its owner follows the link, which only a person can do: pending email is
 * a WARN; a pending subscription of any other protocol is a FAIL.
 */
export async function checkSubscriptions(ctx: VerifyContext): Promise<void> {
    for (const topic of ctx.expected.topics) {
        const expected = ctx.expected.subscriptions.filter((each) => each.topicArn === topic.arn);
        if (expected.length === 0) {
            warn(
                ctx,
                { id: "subscription", region: topic.region, resource: topic.arn },
                "nobody is subscribed: alerts are published and reach no one",
                "set kms-monitoring:alertEmails and run pulumi up",
            );
            continue;
        }
        const existing = await listSubscriptions(ctx, topic);
        for (const subscription of existing === undefined ? [] : expected) {
            checkOne(ctx, topic, subscription, existing ?? []);
        }
    }
}
