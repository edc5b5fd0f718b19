import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { InputTransformer } from "./alertMessages";
import { EventPattern, RuleState } from "./eventPatterns";

export interface TopicRuleSpec {
    /** Physical rule name; the topic policy names the rule by its ARN, so it is fixed, not auto-named. */
    readonly ruleName: string;
    readonly description: string;
    readonly eventPattern: EventPattern;
    readonly state: RuleState;
    /** Turns the event into the text that is emailed. Default: the raw event JSON. */
    readonly inputTransformer?: InputTransformer;
}

/**
 * How long and how often EventBridge retries a failed publish to the topic. Both are at
 * EventBridge's maximum (24 hours of event age, 185 attempts, with backoff): an alert that arrives
 * late is still worth having, a retry of a failed publish cannot duplicate an email, and whatever
 * still fails lands in the dead-letter queue. The limits are 60..86400 s and 0..185 retries
 * (EventBridge API reference, RetryPolicy).
 */
export const TARGET_RETRY_POLICY = {
    maximumEventAgeInSeconds: 86_400,
    maximumRetryAttempts: 185,
} as const;

/** Where alert rules deliver: shared by the arguments of every alert component. */
export interface AlertDeliveryArgs {
    /** ARN of the SNS topic the rules target. Required. */
    readonly topicArn: pulumi.Input<string>;
    /** Email a short readable text instead of the raw event JSON. Default: true. */
    readonly readableAlerts?: boolean;
    /** SQS queue for events EventBridge could not deliver. Default: none, and they are dropped. */
    readonly deadLetterQueueArn?: pulumi.Input<string>;
    /** The bus the rules are on: the organization bus for member accounts' events. Default: the default bus. */
    readonly eventBusName?: pulumi.Input<string>;
    /** Tags for the rules. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** An EventBridge rule whose one target is the alert topic. */
export function createTopicRule(
    parent: pulumi.Resource,
    name: string,
    spec: TopicRuleSpec,
    delivery: AlertDeliveryArgs,
): aws.cloudwatch.EventRule {
    const rule = new aws.cloudwatch.EventRule(
        `${name}-rule`,
        {
            name: spec.ruleName,
            description: spec.description,
            eventPattern: pulumi.jsonStringify(spec.eventPattern),
            state: spec.state,
            eventBusName: delivery.eventBusName,
            tags: delivery.tags,
        },
        { parent },
    );
    // SNS targets rely on the topic's resource policy; EventBridge documents that setting a
    // RoleArn on them can make delivery fail, so none is set.
    new aws.cloudwatch.EventTarget(
        `${name}-target`,
        {
            rule: rule.name,
            eventBusName: delivery.eventBusName,
            arn: delivery.topicArn,
            retryPolicy: TARGET_RETRY_POLICY,
            inputTransformer: spec.inputTransformer,
            deadLetterConfig:
                delivery.deadLetterQueueArn === undefined
                    ? undefined
                    : { arn: delivery.deadLetterQueueArn },
        },
        { parent },
    );
    return rule;
}
