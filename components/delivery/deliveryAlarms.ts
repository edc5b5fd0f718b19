import * as pulumi from "@pulumi/pulumi";
import { createAlarm } from "../shared";

/** Where delivery broke: the queue, a rule to the topic, a rule to another bus, a rule to a log group, or the topic. */
export type DeliveryFailure =
    | "dead-letters"
    | "failed-invocations"
    | "failed-forwarding"
    | "failed-logging"
    | "failed-notifications";

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
            return {
                ...common,
                namespace: "AWS/Events",
                metricName: "FailedInvocations",
                dimension: "RuleName",
                statistic: "Sum",
            };
        case "failed-notifications":
            return {
                ...common,
                namespace: "AWS/SNS",
                metricName: "NumberOfNotificationsFailed",
                dimension: "TopicName",
                statistic: "Sum",
            };
    }
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
                "Check that the topic policy lets this rule publish and that the topic key " +
                "lets events.amazonaws.com use kms:GenerateDataKey* and kms:Decrypt. " +
                "EventBridge retries for 24 hours, then moves the event to the dead-letter queue."
            );
        case "failed-forwarding":
            return (
                `EventBridge rule ${subject} matched a KMS event or alarm change but could ` +
                `not put it on the destination event bus. ` +
                "Check that the rule's role may still events:PutEvents on that bus, the " +
                "bus's resource policy when it is in another account, and that the bus " +
                "exists in its region. " +
                "EventBridge retries for 24 hours, then moves the event to this region's dead-letter queue."
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
    }
}

/** `busRole` tells apart a rule of the same name on a custom bus, e.g. `org`. */
export function failedInvocationsAlarmName(ruleName: string, busRole?: string): string {
    return busRole === undefined
        ? `${ruleName}-failed-invocations`
        : `${ruleName}-${busRole}-failed-invocations`;
}

/** A custom event bus the watched rules are on. */
export interface WatchedBus {
    /** The bus's name, the `EventBusName` dimension of its rules' metrics. */
    readonly name: string;
    /** A short word for it in alarm names, e.g. `org`. */
    readonly role: string;
}

export function deadLettersAlarmName(alarmNamePrefix: string): string {
    return `${alarmNamePrefix}-dead-letters`;
}

export interface DeliveryAlarmsArgs {
    /** Name of the alert topic, the `TopicName` dimension. Default: no alarm on the topic. */
    readonly topicName?: pulumi.Input<string>;
    /** ARN of the alert topic, which the alarms notify. Default: no actions, for alarms outside the topic's region. */
    readonly topicArn?: pulumi.Input<string>;
    /**
     * Names of the EventBridge rules that target the topic; one alarm each. A plain list: it
     * decides which alarms exist. Default: none.
     */
    readonly ruleNames?: readonly string[];
    /**
     * Names of the rules that forward to another event bus; one alarm each, whose text points at
     * the role and the bus. Default: none.
     */
    readonly forwardingRuleNames?: readonly string[];
    /** Names of the rules that write to a CloudWatch Logs log group; one alarm each. Default: none. */
    readonly loggingRuleNames?: readonly string[];
    /** Name of the dead-letter queue, when there is one. Default: none, and no queue alarm. */
    readonly deadLetterQueueName?: pulumi.Input<string>;
    /** Prefix of every alarm name, e.g. `kms-monitoring-dev`. Required. */
    readonly alarmNamePrefix: string;
    /** Region of the alarms, and of the rules and queue they watch. Default: the provider's. */
    readonly region?: string;
    /**
     * The custom bus `ruleNames` are on; their metrics then carry EventBusName as well as RuleName
     * (EventBridge User Guide, "Monitoring Amazon EventBridge"). Default: the default bus.
     */
    readonly eventBus?: WatchedBus;
    /** Tags for every alarm. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** One delivery path to watch: its alarm's name, what can fail, and what fails (a rule, topic or queue). */
interface WatchedDelivery {
    readonly alarmName: string;
    readonly failure: DeliveryFailure;
    readonly subject: pulumi.Input<string>;
}

/** Every delivery path the arguments name, each with the alarm that watches it. */
function watchedDeliveries(args: DeliveryAlarmsArgs): WatchedDelivery[] {
    const prefix = args.alarmNamePrefix;
    const bus = args.eventBus;
    return [
        ...(args.topicName === undefined
            ? []
            : [
                  {
                      alarmName: `${prefix}-sns-failed-notifications`,
                      failure: "failed-notifications" as const,
                      subject: args.topicName,
                  },
              ]),
        ...(["failed-invocations", "failed-forwarding", "failed-logging"] as const).flatMap(
            (failure) =>
                (failure === "failed-invocations"
                    ? args.ruleNames
                    : failure === "failed-forwarding"
                      ? args.forwardingRuleNames
                      : args.loggingRuleNames
                )?.map((ruleName) => ({
                    alarmName: failedInvocationsAlarmName(ruleName, bus?.role),
                    failure,
                    subject: ruleName,
                })) ?? [],
        ),
        ...(args.deadLetterQueueName === undefined
            ? []
            : [
                  {
                      alarmName: deadLettersAlarmName(prefix),
                      failure: "dead-letters" as const,
                      subject: args.deadLetterQueueName,
                  },
              ]),
    ];
}

/**
 * Alarms on alert delivery itself: a rule that cannot publish, a topic that cannot deliver, events
 * parked in the dead-letter queue. When the topic itself is what broke they cannot email anyone,
 * but they still turn red in the CloudWatch console.
 */
export class DeliveryAlarms extends pulumi.ComponentResource {
    public readonly alarmNames: pulumi.Output<string[]>;
    public readonly alarmArns: pulumi.Output<string[]>;

    constructor(name: string, args: DeliveryAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:delivery:DeliveryAlarms", name, {}, opts);

        const prefix = args.alarmNamePrefix;
        const bus = args.eventBus;
        const watched = watchedDeliveries(args);
        const alarms = watched.map(({ alarmName, failure, subject }) => {
            const { dimension, ...settings } = deliveryAlarmSettings(failure);
            const role = alarmName.startsWith(`${prefix}-`)
                ? alarmName.slice(prefix.length + 1)
                : alarmName;
            return createAlarm(
                this,
                `${name}-${role}`,
                {
                    name: alarmName,
                    alarmDescription: pulumi
                        .output(subject)
                        .apply((value) => deliveryAlarmDescription(failure, value)),
                    ...settings,
                    dimensions:
                        dimension === "RuleName" && bus !== undefined
                            ? { EventBusName: bus.name, [dimension]: subject }
                            : { [dimension]: subject },
                    region: args.region,
                    tags: args.tags,
                },
                args.topicArn,
            );
        });

        this.alarmNames = pulumi.all(alarms.map((alarm) => alarm.name));
        this.alarmArns = pulumi.all(alarms.map((alarm) => alarm.arn));
        this.registerOutputs({ alarmNames: this.alarmNames, alarmArns: this.alarmArns });
    }
}
