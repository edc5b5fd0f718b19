import * as pulumi from "@pulumi/pulumi";
import { createAlarm } from "../shared";
import { deliveryAlarmDescription, deliveryAlarmSettings } from "./deliveryFailures";
import { ChannelWatch, WatchedBus, watchedDeliveries } from "./deliveryWatch";

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
    /** Those of `ruleNames` that deliver to the chat and webhook topics too. Default: none. */
    readonly channelTargetRuleNames?: readonly string[];
    /**
     * Names of the rules that forward to another event bus; one alarm each, whose text points at
     * the role and the bus. Default: none.
     */
    readonly forwardingRuleNames?: readonly string[];
    /** Names of the rules that write to a CloudWatch Logs log group; one alarm each. Default: none. */
    readonly loggingRuleNames?: readonly string[];
    /** Name of the dead-letter queue, when there is one. Default: none, and no queue alarm. */
    readonly deadLetterQueueName?: pulumi.Input<string>;
    /**
     * Names of the rules that deliver only to the alert channels (chat, webhooks, PagerDuty); one
     * alarm each. A plain list. Default: none.
     */
    readonly channelRuleNames?: readonly string[];
    /** The chat and webhook topics, by role; one alarm each on failed notifications. Default: none. */
    readonly channelTopics?: readonly ChannelWatch<pulumi.Input<string>>[];
    /** The webhook subscriptions' dead-letter queue, by role; one alarm on its depth. Default: none. */
    readonly channelQueues?: readonly ChannelWatch<pulumi.Input<string>>[];
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
        const watched = watchedDeliveries({
            ...args,
            topic: args.topicName,
            deadLetterQueue: args.deadLetterQueueName,
        });
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
