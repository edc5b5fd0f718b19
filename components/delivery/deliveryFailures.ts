/**
 * Where delivery broke: the queue, a rule to the topic, a rule to another bus, a rule to a log
 * group, the topic; and for the alert channels a rule to a channel, a channel topic to its
 * subscribers, a webhook subscription's dead-letter queue.
 */
export type DeliveryFailure =
    | "dead-letters"
    | "failed-invocations"
    | "failed-forwarding"
    | "failed-logging"
    | "failed-notifications"
    | "failed-alert-delivery"
    | "failed-channel-delivery"
    | "failed-channel-notifications"
    | "channel-dead-letters";

export interface DeliveryAlarmSettings {
    readonly namespace: string;
    readonly metricName: string;
    readonly dimension: string;
    readonly statistic: "Sum" | "Maximum";
    readonly period: number;
    readonly evaluationPeriods: number;
    readonly comparisonOperator: "GreaterThanThreshold";
    readonly threshold: 0;
    readonly treatMissingData: "notBreaching";
}

/**
 * Every delivery failure alarm fires on the first failure in a five-minute window. These metrics
 * are only published when something happens, so no data means nothing failed: missing data is
 * not breaching.
 */
export function deliveryAlarmSettings(failure: DeliveryFailure): DeliveryAlarmSettings {
    const common = {
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        treatMissingData: "notBreaching",
    } as const;
    switch (failure) {
        case "dead-letters":
        case "channel-dead-letters":
            return {
                ...common,
                namespace: "AWS/SQS",
                metricName: "ApproximateNumberOfMessagesVisible",
                dimension: "QueueName",
                statistic: "Maximum",
            };
        case "failed-invocations":
        case "failed-forwarding":
        case "failed-logging":
        case "failed-alert-delivery":
        case "failed-channel-delivery":
            return {
                ...common,
                namespace: "AWS/Events",
                metricName: "FailedInvocations",
                dimension: "RuleName",
                statistic: "Sum",
            };
        case "failed-notifications":
        case "failed-channel-notifications":
            return {
                ...common,
                namespace: "AWS/SNS",
                metricName: "NumberOfNotificationsFailed",
                dimension: "TopicName",
                statistic: "Sum",
            };
    }
}

/**
 * What to check when a rule cannot publish to a topic, after "Check that the topic policy" (the
 * alert topic) or "the topic's policy" (whichever of several): the policy, and the key.
 */
const PUBLISH_GRANTS =
    "lets this rule publish and that the topic key lets events.amazonaws.com use " +
    "kms:GenerateDataKey* and kms:Decrypt.";

/** What EventBridge does with an event it could not deliver, on every rule's target. */
function retriedUntil(queue: string): string {
    return `EventBridge retries for 24 hours, then moves the event to ${queue}.`;
}

/** What the on-call reads in the alarm: what broke and where to look. */
export function deliveryAlarmDescription(failure: DeliveryFailure, subject: string): string {
    switch (failure) {
        case "dead-letters":
            return (
                `KMS alerts were lost on the way to the topic: EventBridge gave up on them ` +
                `and put them in SQS queue ${subject}. ` +
                "Read them there (aws sqs receive-message), then check the topic policy and " +
                "the topic key policy for events.amazonaws.com."
            );
        case "failed-invocations":
            return (
                `EventBridge rule ${subject} matched a KMS event but could not publish it to the alert topic. ` +
                `Check that the topic policy ${PUBLISH_GRANTS} ${retriedUntil("the dead-letter queue")}`
            );
        case "failed-forwarding":
            return (
                `EventBridge rule ${subject} matched a KMS event or alarm change but could ` +
                `not put it on the destination event bus. ` +
                "Check that the rule's role may still events:PutEvents on that bus, the " +
                "bus's resource policy when it is in another account, and that the bus " +
                "exists in its region. " +
                retriedUntil("this region's dead-letter queue")
            );
        case "failed-logging":
            return (
                `EventBridge rule ${subject} could not write its events to its CloudWatch Logs log group. ` +
                "Check that the log group exists and that the account's CloudWatch Logs " +
                "resource policy still lets events.amazonaws.com create streams and put " +
                "events in it."
            );
        case "failed-notifications":
            return (
                `SNS topic ${subject} could not deliver alert notifications to its subscribers. ` +
                "Check the subscriptions (unconfirmed or bouncing addresses) and the topic's delivery status logs."
            );
        default:
            return channelFailureDescription(failure, subject);
    }
}

/** The channels' failures: what broke on the way to chat, PagerDuty or a webhook. */
function channelFailureDescription(
    failure:
        | "failed-alert-delivery"
        | "failed-channel-delivery"
        | "failed-channel-notifications"
        | "channel-dead-letters",
    subject: string,
): string {
    switch (failure) {
        case "failed-alert-delivery":
            return (
                `EventBridge rule ${subject} matched a KMS event but could not deliver it to the ` +
                "alert topic or to the chat or webhook topic. " +
                `Check that the topic's policy ${PUBLISH_GRANTS} ${retriedUntil("the dead-letter queue")}`
            );
        case "failed-channel-delivery":
            return (
                `EventBridge rule ${subject} matched an alert but could not deliver it to a chat ` +
                "or webhook topic or to PagerDuty. For a topic, check its policy and the topic " +
                "key; for PagerDuty, the connection's authorization state and the routing key " +
                "(PagerDuty answers 400 to a wrong key). " +
                retriedUntil("the dead-letter queue")
            );
        case "failed-channel-notifications":
            return (
                `SNS topic ${subject} could not deliver alerts to a chat channel or a webhook. ` +
                "For chat, check the Amazon Q Developer configuration and that the workspace or " +
                "team is still authorized; for a webhook, the endpoint and its subscription."
            );
        case "channel-dead-letters":
            return (
                `A webhook endpoint failed every retry and its alerts wait in SQS queue ${subject}. ` +
                "Read them there (aws sqs receive-message), then fix the endpoint."
            );
    }
}
