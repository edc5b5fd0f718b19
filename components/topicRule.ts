import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EventPattern, RuleState } from "./eventPatterns";

export interface TopicRuleSpec {
    /** Physical rule name; the topic policy names the rule by its ARN, so it is fixed, not auto-named. */
    readonly ruleName: string;
    readonly description: string;
    readonly eventPattern: EventPattern;
    readonly state: RuleState;
}

/** An EventBridge rule on the default bus whose one target is the alert topic. */
export function createTopicRule(
    parent: pulumi.Resource,
    name: string,
    spec: TopicRuleSpec,
    topicArn: pulumi.Input<string>,
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
): aws.cloudwatch.EventRule {
    const rule = new aws.cloudwatch.EventRule(
        `${name}-rule`,
        {
            name: spec.ruleName,
            description: spec.description,
            eventPattern: pulumi.jsonStringify(spec.eventPattern),
            state: spec.state,
            tags,
        },
        { parent },
    );
    // SNS targets rely on the topic's resource policy; EventBridge documents that setting a
    // RoleArn on them can make delivery fail, so none is set.
    new aws.cloudwatch.EventTarget(
        `${name}-target`,
        { rule: rule.name, arn: topicArn },
        { parent },
    );
    return rule;
}
