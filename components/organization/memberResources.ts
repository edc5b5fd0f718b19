import { DEAD_LETTER_RETENTION_SECONDS, deadLetterQueuePolicyDocument } from "../delivery";
import { ForwardingPlan, forwardingRolePolicy } from "../forwarding";
import { eventBridgeRuleTrustPolicy, eventRuleArn } from "../shared";
import {
    CloudFormationTemplate,
    memberDeadLetterQueueName,
    MEMBER_ENVIRONMENT,
    memberForwarderRoleName,
    MemberTemplateInputs,
} from "./memberNames";

/**
 * The resources of the member template, each built by the functions that build the central
 * account's own: one function per part, each returning its logical IDs and resources. The
 * alarms are in memberAlarms.ts.
 */

export type Resources = CloudFormationTemplate["Resources"];

/**
 * A JSON value with every string that names `${...}` wrapped in `Fn::Sub`, so CloudFormation
 * fills in the member's values.
 */
export function substituted(value: unknown): unknown {
    if (typeof value === "string") {
        return value.includes("${") ? { "Fn::Sub": value } : value;
    }
    if (Array.isArray(value)) {
        return value.map(substituted);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value).map(([key, inner]) => [key, substituted(inner)]),
        );
    }
    return value;
}

export function logicalId(role: string): string {
    return role.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) =>
        letter.toUpperCase(),
    );
}

const tagList = (tags: Readonly<Record<string, string>>) =>
    Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/**
 * The role every forwarder of the member region puts events on the central bus with. One role per
 * region, so it trusts exactly that region's forwarding rules, by ARN.
 */
export function forwardingRoleResource(
    inputs: MemberTemplateInputs,
    plan: ForwardingPlan,
    centralBusArn: string,
): Resources {
    const resources: Resources = {};
    resources.ForwardingRole = {
        Type: "AWS::IAM::Role",
        Properties: {
            RoleName: { "Fn::Sub": memberForwarderRoleName(inputs.memberPrefix, "${AWS::Region}") },
            Description:
                "Lets this account's KMS monitoring rules put events on the organization's central bus",
            AssumeRolePolicyDocument: substituted(
                eventBridgeRuleTrustPolicy(
                    MEMBER_ENVIRONMENT.accountId,
                    plan.rules.map((rule) => eventRuleArn(MEMBER_ENVIRONMENT, rule.ruleName)),
                ),
            ),
            Policies: [
                {
                    PolicyName: "put-events-on-the-central-bus",
                    PolicyDocument: forwardingRolePolicy(centralBusArn),
                },
            ],
            Tags: tagList(inputs.tags),
        },
    };
    return resources;
}

/** The forwarders' dead-letter queue and its policy, which admits only this region's forwarders. */
export function deadLetterQueueResources(
    inputs: MemberTemplateInputs,
    plan: ForwardingPlan,
): Resources {
    const resources: Resources = {};
    resources.DeadLetterQueue = {
        Type: "AWS::SQS::Queue",
        // Naming the queue replaces an unnamed one of an earlier template; the old queue and the
        // events parked in it stay (UpdateReplacePolicy, CloudFormation User Guide).
        UpdateReplacePolicy: "Retain",
        Properties: {
            QueueName: memberDeadLetterQueueName(inputs.memberPrefix),
            SqsManagedSseEnabled: true,
            MessageRetentionPeriod: DEAD_LETTER_RETENTION_SECONDS,
            Tags: tagList(inputs.tags),
        },
    };
    resources.DeadLetterQueuePolicy = {
        Type: "AWS::SQS::QueuePolicy",
        Properties: {
            Queues: [{ Ref: "DeadLetterQueue" }],
            PolicyDocument: substituted(
                deadLetterQueuePolicyDocument({
                    accountId: MEMBER_ENVIRONMENT.accountId,
                    queueArn: "${DeadLetterQueue.Arn}",
                    eventRuleArns: plan.rules.map((rule) =>
                        eventRuleArn(MEMBER_ENVIRONMENT, rule.ruleName),
                    ),
                }),
            ),
        },
    };
    return resources;
}

/** The forwarding rules, each targeting the central bus with the role and the dead-letter queue. */
export function forwardingRuleResources(
    inputs: MemberTemplateInputs,
    plan: ForwardingPlan,
    centralBusArn: string,
): Resources {
    const resources: Resources = {};
    const deadLetters = inputs.deadLetterQueue
        ? { "Fn::GetAtt": ["DeadLetterQueue", "Arn"] }
        : undefined;
    for (const rule of plan.rules) {
        resources[logicalId(rule.role)] = {
            Type: "AWS::Events::Rule",
            Properties: {
                Name: rule.ruleName,
                Description: rule.description,
                ...(rule.eventPattern === undefined
                    ? { ScheduleExpression: rule.scheduleExpression }
                    : { EventPattern: rule.eventPattern }),
                State: rule.state,
                Targets: [
                    {
                        Id: "central-bus",
                        Arn: centralBusArn,
                        RoleArn: { "Fn::GetAtt": ["ForwardingRole", "Arn"] },
                        ...(deadLetters === undefined
                            ? {}
                            : { DeadLetterConfig: { Arn: deadLetters } }),
                    },
                ],
            },
        };
    }
    return resources;
}
