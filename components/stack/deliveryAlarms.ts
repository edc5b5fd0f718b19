import { AlertTopic } from "../alerts";
import { DeadLetterQueue, DeliveryAlarms } from "../delivery";
import { Channels, channelTargetRuleNames } from "./channels";
import { channelRuleNames } from "./channelsPlan";
import { ruleArns, StackContext } from "./context";

/** The one queue for every event EventBridge could not deliver, when there is a rule to use it. */
export function buildDeadLetters({
    parent,
    name,
    args,
    plan,
    environment,
}: StackContext): DeadLetterQueue | undefined {
    if (!plan.features.deadLetterQueue) {
        return undefined;
    }
    return new DeadLetterQueue(
        `${name}-dead-letters`,
        {
            eventRuleArns: ruleArns(environment, [...plan.topicRules, ...plan.channelRules]),
            environment,
            tags: args.tags,
        },
        { parent },
    );
}

/** The alarms on failed delivery: the home rules, the topic, the queue, and the channels. */
export function buildDeliveryAlarms(
    { parent, name, args, plan }: StackContext,
    topic: AlertTopic,
    deadLetters: DeadLetterQueue | undefined,
    channels: Channels | undefined,
): DeliveryAlarms | undefined {
    if (!plan.features.selfMonitoring) {
        return undefined;
    }
    return new DeliveryAlarms(
        `${name}-delivery`,
        {
            topicName: topic.topicName,
            topicArn: topic.topicArn,
            ruleNames: plan.homeRules.ruleNames,
            channelTargetRuleNames: channelTargetRuleNames(plan.homeRules, channels),
            deadLetterQueueName: deadLetters?.queueName,
            channelRuleNames: channelRuleNames(plan.homeRules),
            channelTopics: channels?.topics,
            channelQueues: channels?.queues,
            alarmNamePrefix: plan.namePrefix,
            tags: args.tags,
        },
        { parent },
    );
}
