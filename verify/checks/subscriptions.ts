import { paginateListSubscriptionsByTopic, Subscription } from "@aws-sdk/client-sns";
import type { VerificationSubscription, VerificationTopic } from "../../components/stack";
import { attempt, fail, pass, VerifyContext, warn } from "../context";
import { checkChatSubscription, checkSecretSubscriptions, Counted } from "./countedSubscriptions";

/** What ListSubscriptionsByTopic shows instead of an ARN until the owner confirms (SNS API reference). */
export const PENDING = "PendingConfirmation";

/** Who subscribes a chat topic: each Amazon Q Developer configuration, not the stack. */
const AMAZON_Q_DEVELOPER = "amazon-q-developer";

export async function listSubscriptions(
    ctx: VerifyContext,
    topic: VerificationTopic,
): Promise<Subscription[] | undefined> {
    const subject = { id: "subscription", region: topic.region, resource: topic.arn };
    return attempt(ctx, subject, "sns", async () => {
        const found: Subscription[] = [];
        const pages = paginateListSubscriptionsByTopic(
            { client: ctx.aws.sns(topic.region) },
            { TopicArn: topic.arn },
        );
        for await (const page of pages) {
            found.push(...(page.Subscriptions ?? []));
        }
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
        resource: `${expected.protocol} ${expected.endpoint}`,
    };
    const matching = existing.filter(
        (each) => each.Protocol === expected.protocol && each.Endpoint === expected.endpoint,
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
 * The subscriptions whose endpoint verify may not know, counted by protocol: the stack's webhooks
 * (each URL is a secret), or Amazon Q Developer's on a chat topic.
 */
async function checkCounted(
    ctx: VerifyContext,
    topic: VerificationTopic,
    expected: readonly VerificationSubscription[],
    existing: readonly Subscription[],
): Promise<void> {
    const { protocol, createdBy } = expected[0];
    const labels = expected.map((each) => each.label ?? protocol).join(", ");
    const subject = { id: "subscription", region: topic.region, resource: `${protocol} ${labels}` };
    // Those of the protocol that no record names by its endpoint (an email address, say).
    const named = ctx.expected.subscriptions.map((each) => each.endpoint);
    const matching = existing.filter(
        (each) => each.Protocol === protocol && !named.includes(each.Endpoint),
    );
    const counted: Counted = {
        subject,
        topic,
        expected,
        pending: matching.filter((each) => each.SubscriptionArn === PENDING).length,
        confirmed: matching.filter((each) => each.SubscriptionArn !== PENDING),
    };
    if (createdBy === AMAZON_Q_DEVELOPER) {
        checkChatSubscription(ctx, counted);
    } else {
        await checkSecretSubscriptions(ctx, counted);
    }
}

/**
 * Whether something besides the alert topic's subscriptions delivers alerts: a chat or webhook
 * topic, or an API destination (PagerDuty).
 */
const otherChannels = (ctx: VerifyContext) =>
    ctx.expected.topics.some((topic) => topic.kind !== "alerts") ||
    ctx.expected.apiDestinations.length > 0;

/**
 * The alert topic without another channel: SNS delivers only to confirmed subscriptions (a pending
 * one shows `PendingConfirmation` instead of an ARN, SNS API reference, ListSubscriptionsByTopic),
 * so without one, no alert reaches anyone. Any confirmed subscription counts, the stack's or not.
 */
function checkDeliveryPath(
    ctx: VerifyContext,
    topic: VerificationTopic,
    existing: readonly Subscription[],
): void {
    const subject = { id: "subscription", region: topic.region, resource: topic.arn };
    const confirmed = existing.filter((each) => each.SubscriptionArn !== PENDING).length;
    if (confirmed > 0) {
        pass(ctx, subject, `${confirmed} confirmed subscription(s) deliver the alerts`);
        return;
    }
    const pending = existing.length;
    fail(
        ctx,
        subject,
        "no subscription is confirmed and no other channel is configured: no alert reaches anyone" +
            (pending > 0 ? ` (${pending} pending)` : ""),
        pending > 0
            ? 'confirm a subscription: open its "AWS Notification - Subscription Confirmation" ' +
                  "email and choose Confirm subscription"
            : "set kms-monitoring:alertEmails (or a channel) and run pulumi up",
    );
}

/**
 * Check 2: every subscription the stack creates exists and is confirmed. An email subscription
 * delivers nothing until its owner follows the link, which only a person can do: a pending email
 * is a WARN while another path delivers (a confirmed subscription, another channel); with none,
 * no alert reaches anyone, a FAIL. A pending subscription of any other protocol is a FAIL.
 * Subscriptions without a known endpoint are counted per protocol.
 */
export async function checkSubscriptions(ctx: VerifyContext): Promise<void> {
    const channels = otherChannels(ctx);
    for (const topic of ctx.expected.topics) {
        const expected = ctx.expected.subscriptions.filter((each) => each.topicArn === topic.arn);
        const subject = { id: "subscription", region: topic.region, resource: topic.arn };
        if (expected.length === 0 && channels) {
            pass(ctx, subject, "no email subscription: alerts go to the other channels");
            continue;
        }
        const existing = await listSubscriptions(ctx, topic);
        if (existing === undefined) continue;
        if (topic.kind === "alerts" && !channels) {
            checkDeliveryPath(ctx, topic, existing);
        }
        expected
            .filter((each) => each.endpoint !== undefined)
            .forEach((each) => checkOne(ctx, topic, each, existing));
        const counted = expected.filter((each) => each.endpoint === undefined);
        const groups = new Map<string, VerificationSubscription[]>();
        counted.forEach((each) => {
            const key = `${each.protocol} ${each.createdBy ?? ""}`;
            groups.set(key, [...(groups.get(key) ?? []), each]);
        });
        for (const group of groups.values()) {
            await checkCounted(ctx, topic, group, existing);
        }
    }
}
