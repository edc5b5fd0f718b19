import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { InputTransformer } from "./alertMessages";
import { EventPattern, RuleState } from "./eventPatterns";

/** The kinds of the stack's own event alerts (eventAlerts.ts): KMS's events, and calls on a key pending deletion. */
export type EventAlertKind = "key-lifecycle" | "key-rotation" | "pending-deletion";

/** What an alert rule matches; each channel renders each kind in its own format. */
export type AlertKind = "api-call" | EventAlertKind | "alarm" | "expiring-key" | "key-store";

/** An EventBridge rule of the stack: its fixed name and what it matches. */
export interface AlertRuleSpec {
    /** Physical rule name; the topic policy names the rule by its ARN, so it is fixed, not auto-named. */
    readonly ruleName: string;
    readonly description: string;
    readonly eventPattern: EventPattern;
    readonly state: RuleState;
}

export interface TopicRuleSpec extends AlertRuleSpec {
    /** What the rule matches: picks each channel's input. */
    readonly kind: AlertKind;
    /** Turns the event into the text that is emailed. Default: the raw event JSON. */
    readonly inputTransformer?: InputTransformer;
}

/** A target of an alert rule besides the alert topic: a chat or webhook topic. */
export interface ChannelTarget {
    /** A short word for the channel, in the target's Pulumi name: `chat`, `webhooks`. Required. */
    readonly role: string;
    /** ARN of the topic. Required. */
    readonly arn: pulumi.Input<string>;
    /** The input for each kind of alert; a kind without one gets the event unchanged. Default: none. */
    readonly inputs?: Partial<Record<AlertKind, pulumi.Input<InputTransformer>>>;
}

/** One target of a rule. */
export interface RuleTarget {
    /** Inserted in the target's Pulumi name, `<name>-<role>-target`. Default: `<name>-target`. */
    readonly role?: string;
    readonly arn: pulumi.Input<string>;
    readonly roleArn?: pulumi.Input<string>;
    /** Default: the event unchanged. */
    readonly inputTransformer?: pulumi.Input<InputTransformer>;
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
    /** Targets every rule delivers to besides the topic: the chat and webhook topics. Default: none. */
    readonly channels?: readonly ChannelTarget[];
    /** Tags for the rules. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** An EventBridge rule whose targets are the alert topic and every channel of the delivery. */
export function createTopicRule(
    parent: pulumi.Resource,
    name: string,
    spec: TopicRuleSpec,
    delivery: AlertDeliveryArgs,
): aws.cloudwatch.EventRule {
    // SNS targets rely on the topic's resource policy; EventBridge documents that setting a
    // RoleArn on them can make delivery fail, so none is set.
    const topic: RuleTarget = { arn: delivery.topicArn, inputTransformer: spec.inputTransformer };
    const channels = (delivery.channels ?? []).map((channel): RuleTarget => ({
        role: channel.role,
        arn: channel.arn,
        inputTransformer: channel.inputs?.[spec.kind],
    }));
    return createAlertRule(parent, name, spec, [topic, ...channels], delivery);
}

/**
 * An EventBridge rule and its targets, each with the 24-hour retry policy and, when there is one,
 * the dead-letter queue.
 */
export function createAlertRule(
    parent: pulumi.Resource,
    name: string,
    spec: AlertRuleSpec,
    targets: readonly RuleTarget[],
    delivery: Pick<AlertDeliveryArgs, "deadLetterQueueArn" | "eventBusName" | "tags">,
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
    for (const target of targets) {
        new aws.cloudwatch.EventTarget(
            target.role === undefined ? `${name}-target` : `${name}-${target.role}-target`,
            {
                rule: rule.name,
                eventBusName: delivery.eventBusName,
                arn: target.arn,
                roleArn: target.roleArn,
                retryPolicy: TARGET_RETRY_POLICY,
                inputTransformer: target.inputTransformer,
                deadLetterConfig:
                    delivery.deadLetterQueueArn === undefined
                        ? undefined
                        : { arn: delivery.deadLetterQueueArn },
            },
            { parent },
        );
    }
    return rule;
}
