import {
    ChannelKind,
    ChannelRule,
    PAGERDUTY_EVENTS_URL,
    WEBHOOK_DELIVERY_POLICY,
} from "../channels";
import type { BusAlertRules } from "./busAlertRules";
import type { MonitoringPlan } from "./plan";
import type {
    VerificationApiDestination,
    VerificationQueue,
    VerificationRule,
    VerificationSubscription,
    VerificationTarget,
    VerificationTopic,
} from "./verificationTypes";

/**
 * The verification records of the alert channels (chat, webhooks, PagerDuty), from the plan and
 * the channels' resolved names and ARNs. Never a secret: a webhook's URL and PagerDuty's routing
 * key stay out; a webhook subscription is counted, not named.
 */

/** The channels' resources, resolved; each absent when the channel is not configured. */
export interface ResolvedChannels {
    readonly chat?: { readonly topicArn: string; readonly topicName: string };
    readonly webhooks?: {
        readonly topicArn: string;
        readonly topicName: string;
        readonly queueUrl: string;
        readonly queueArn: string;
    };
    readonly pagerDuty?: {
        readonly apiDestinationArn: string;
        readonly apiDestinationName: string;
        readonly connectionName: string;
        readonly roleArn: string;
    };
}

/** Who subscribes the chat topic: each chat configuration does, not the stack. */
export const AMAZON_Q_DEVELOPER = "amazon-q-developer";

/** What every channel target has besides its ARN: the 24-hour retry and the home dead-letter queue. */
type Delivery = Pick<VerificationTarget, "deadLetterQueueArn" | "retryPolicy">;

/** The chat and webhook topics, encrypted with the alert topic's key. */
export function channelTopics(
    channels: ResolvedChannels,
    region: string,
    keyArn: string | undefined,
): VerificationTopic[] {
    return [
        ...(channels.chat === undefined
            ? []
            : [{ kind: "chat", arn: channels.chat.topicArn, name: channels.chat.topicName }]),
        ...(channels.webhooks === undefined
            ? []
            : [
                  {
                      kind: "webhooks",
                      arn: channels.webhooks.topicArn,
                      name: channels.webhooks.topicName,
                  },
              ]),
    ].map((topic) => ({ ...topic, region, keyArn }));
}

/**
 * One HTTPS subscription per webhook, with its retry policy and dead-letter queue; and on the
 * chat topic the HTTPS subscription Amazon Q Developer makes itself (terraform-provider-aws#46101:
 * "An SNS subscription is created implicitly by AWS Chatbot"). How many it makes for several
 * configurations of one topic no page says, so one is expected per topic.
 */
export function channelSubscriptions(
    plan: MonitoringPlan,
    channels: ResolvedChannels,
): VerificationSubscription[] {
    const webhooks = channels.webhooks;
    return [
        ...(channels.chat === undefined
            ? []
            : [
                  {
                      topicArn: channels.chat.topicArn,
                      protocol: "https",
                      label: "Amazon Q Developer",
                      createdBy: AMAZON_Q_DEVELOPER,
                  },
              ]),
        ...(webhooks === undefined
            ? []
            : Array.from({ length: plan.channels.webhookCount }, (_, index) => ({
                  topicArn: webhooks.topicArn,
                  protocol: "https",
                  label: `webhooks[${index}]`,
                  deadLetterQueueArn: webhooks.queueArn,
                  deliveryPolicy: JSON.stringify(WEBHOOK_DELIVERY_POLICY),
              }))),
    ];
}

/** The webhook subscriptions' dead-letter queue. */
export function channelQueues(channels: ResolvedChannels, region: string): VerificationQueue[] {
    const webhooks = channels.webhooks;
    return webhooks === undefined
        ? []
        : [{ kind: "sns", url: webhooks.queueUrl, arn: webhooks.queueArn, region }];
}

/** The target of one channel, or undefined when it is not configured. */
function channelTarget(
    channel: ChannelKind,
    channels: ResolvedChannels,
    delivery: Delivery,
): VerificationTarget | undefined {
    switch (channel) {
        case "chat":
            return channels.chat && { kind: "topic", arn: channels.chat.topicArn, ...delivery };
        case "webhooks":
            return (
                channels.webhooks && { kind: "topic", arn: channels.webhooks.topicArn, ...delivery }
            );
        case "pagerduty":
            return (
                channels.pagerDuty && {
                    kind: "api-destination",
                    arn: channels.pagerDuty.apiDestinationArn,
                    roleArn: channels.pagerDuty.roleArn,
                    ...delivery,
                }
            );
    }
}

const targetsOf = (channels: ResolvedChannels, delivery: Delivery, kinds: readonly ChannelKind[]) =>
    kinds.flatMap((kind) => channelTarget(kind, channels, delivery) ?? []);

/** The targets the API-call and key-lifecycle rules get besides the alert topic: chat and webhooks. */
export function alertRuleChannelTargets(
    channels: ResolvedChannels,
    delivery: Delivery,
): VerificationTarget[] {
    return targetsOf(channels, delivery, ["chat", "webhooks"]);
}

/** A bus's channel rules: PagerDuty's by severity and the alarm rules by state, each to its channels. */
export function channelRules(
    rules: BusAlertRules,
    region: string,
    channels: ResolvedChannels,
    delivery: Delivery,
): VerificationRule[] {
    return rules.channelRules.map((rule: ChannelRule) => ({
        name: rule.ruleName,
        region,
        busName: rules.busName,
        kind: "channel",
        state: rule.state,
        eventPattern: JSON.stringify(rule.eventPattern),
        targets: targetsOf(channels, delivery, rule.channels),
    }));
}

/** PagerDuty's API destination, and the connection that holds the routing key. */
export function channelApiDestinations(
    channels: ResolvedChannels,
    region: string,
): VerificationApiDestination[] {
    const pagerDuty = channels.pagerDuty;
    return pagerDuty === undefined
        ? []
        : [
              {
                  kind: "pagerduty",
                  name: pagerDuty.apiDestinationName,
                  arn: pagerDuty.apiDestinationArn,
                  region,
                  endpoint: PAGERDUTY_EVENTS_URL,
                  connectionName: pagerDuty.connectionName,
              },
          ];
}
