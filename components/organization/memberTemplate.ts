import { ApiCallSelection, EventPattern } from "../alerts";
import { expiringKeysAlarmDescription, expiringKeysAlarmName, expiringKeysAlarmSettings } from "../alarms";
import {
    DEAD_LETTER_RETENTION_SECONDS,
    deadLetterQueuePolicyDocument,
    deadLettersAlarmName,
    deliveryAlarmDescription,
    deliveryAlarmSettings,
    DeliveryFailure,
    failedInvocationsAlarmName,
} from "../delivery";
import { ForwardingPlan, forwardingPlan, forwardingRolePolicy, forwardingRoleTrustPolicy } from "../forwarding";
import { AwsEnvironment, eventRuleArn } from "../shared";

/**
 * The member account and region as CloudFormation knows them: pseudo parameters inside `Fn::Sub`
 * strings. The Pulumi resources get real values from the invokes; the template gets these, and
 * both go through the same builders.
 */
export const MEMBER_ENVIRONMENT: AwsEnvironment = { accountId: "${AWS::AccountId}", partition: "${AWS::Partition}", region: "${AWS::Region}" };

/** Names in the member accounts: `<project>-<stack>-member-...`, apart from any stack the member runs itself. */
export function organizationMemberPrefix(namePrefix: string): string {
    return `${namePrefix}-member`;
}

/** The forwarding role of a member region; IAM is global, so the region in the name keeps the stacks of one account's regions apart. */
export function memberForwarderRoleName(memberPrefix: string, region: string): string {
    return `${memberPrefix}-forwarder-${region}`;
}

export interface MemberTemplateInputs {
    /** Prefix of every name in the member accounts, e.g. `kms-monitoring-prod-org`. */
    readonly memberPrefix: string;
    readonly apiCalls: readonly ApiCallSelection[];
    readonly keyLifecycleEvents: boolean;
    readonly discoverExpiringKeys: boolean;
    readonly warningDays: number;
    readonly deadLetterQueue: boolean;
    readonly selfMonitoring: boolean;
    readonly tags: Readonly<Record<string, string>>;
}

export interface CloudFormationTemplate {
    readonly AWSTemplateFormatVersion: "2010-09-09";
    readonly Description: string;
    readonly Resources: Record<string, { readonly Type: string; readonly Properties: Record<string, unknown> }>;
}

/** The member's forwarding plan: the same one a remote region of the central account gets. */
export function memberForwardingPlan(inputs: MemberTemplateInputs): ForwardingPlan {
    return forwardingPlan(inputs.memberPrefix, {
        apiCalls: inputs.apiCalls,
        keyLifecycleEvents: inputs.keyLifecycleEvents,
        alarmNames: [],
        expiringKeysAlarmName: inputs.discoverExpiringKeys ? expiringKeysAlarmName(inputs.memberPrefix) : undefined,
        deadLetterQueue: inputs.deadLetterQueue,
        selfMonitoring: inputs.selfMonitoring,
        destination: "the organization's central bus",
    });
}

/** Every source and detail-type the member rules forward, for the bus policy. */
export function forwardedEvents(plan: ForwardingPlan): { sources: string[]; detailTypes: string[] } {
    const patterns = plan.rules.map((rule) => rule.eventPattern).filter((pattern): pattern is EventPattern => pattern !== undefined);
    const scheduled = plan.rules.some((rule) => rule.scheduleExpression !== undefined);
    return {
        sources: [...new Set([...patterns.flatMap((pattern) => pattern.source), ...(scheduled ? ["aws.events"] : [])])],
        detailTypes: [...new Set([...patterns.flatMap((pattern) => pattern["detail-type"]), ...(scheduled ? ["Scheduled Event"] : [])])],
    };
}

/** A JSON value with every string that names `${...}` wrapped in `Fn::Sub`, so CloudFormation fills in the member's values. */
export function substituted(value: unknown): unknown {
    if (typeof value === "string") {
        return value.includes("${") ? { "Fn::Sub": value } : value;
    }
    if (Array.isArray(value)) {
        return value.map(substituted);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, substituted(inner)]));
    }
    return value;
}

function logicalId(role: string): string {
    return role.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase());
}

const tagList = (tags: Readonly<Record<string, string>>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/**
 * The CloudFormation template the StackSet deploys to every member account and region: the same
 * forwarding rules, role policy, queue policy, alarm settings and query as the central account's
 * own remote regions, built by the same functions, with the member's account, region and
 * partition as pseudo parameters. Every forwarder targets `centralBusArn`, the organization bus, directly.
 */
export function memberTemplate(inputs: MemberTemplateInputs, centralBusArn: string): CloudFormationTemplate {
    const plan = memberForwardingPlan(inputs);
    const resources: Record<string, { Type: string; Properties: Record<string, unknown> }> = {};
    const deadLetters = inputs.deadLetterQueue ? { "Fn::GetAtt": ["DeadLetterQueue", "Arn"] } : undefined;

    resources.ForwardingRole = {
        Type: "AWS::IAM::Role",
        Properties: {
            RoleName: { "Fn::Sub": memberForwarderRoleName(inputs.memberPrefix, "${AWS::Region}") },
            Description: "Lets this account's KMS monitoring rules put events on the organization's central bus",
            AssumeRolePolicyDocument: substituted(forwardingRoleTrustPolicy(MEMBER_ENVIRONMENT.accountId)),
            Policies: [{ PolicyName: "put-events-on-the-central-bus", PolicyDocument: forwardingRolePolicy(centralBusArn) }],
            Tags: tagList(inputs.tags),
        },
    };
    if (inputs.deadLetterQueue) {
        resources.DeadLetterQueue = {
            Type: "AWS::SQS::Queue",
            Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: DEAD_LETTER_RETENTION_SECONDS, Tags: tagList(inputs.tags) },
        };
        resources.DeadLetterQueuePolicy = {
            Type: "AWS::SQS::QueuePolicy",
            Properties: {
                Queues: [{ Ref: "DeadLetterQueue" }],
                PolicyDocument: substituted(
                    deadLetterQueuePolicyDocument({
                        accountId: MEMBER_ENVIRONMENT.accountId,
                        queueArn: "${DeadLetterQueue.Arn}",
                        eventRuleArns: plan.rules.map((rule) => eventRuleArn(MEMBER_ENVIRONMENT, rule.ruleName)),
                    }),
                ),
            },
        };
    }
    for (const rule of plan.rules) {
        resources[logicalId(rule.role)] = {
            Type: "AWS::Events::Rule",
            Properties: {
                Name: rule.ruleName,
                Description: rule.description,
                ...(rule.eventPattern === undefined ? { ScheduleExpression: rule.scheduleExpression } : { EventPattern: rule.eventPattern }),
                State: rule.state,
                Targets: [
                    {
                        Id: "central-bus",
                        Arn: centralBusArn,
                        RoleArn: { "Fn::GetAtt": ["ForwardingRole", "Arn"] },
                        ...(deadLetters === undefined ? {} : { DeadLetterConfig: { Arn: deadLetters } }),
                    },
                ],
            },
        };
    }
    Object.assign(resources, inputs.selfMonitoring ? deliveryAlarmResources(inputs, plan) : {}, inputs.discoverExpiringKeys ? expiringKeysAlarmResource(inputs) : {});
    return { AWSTemplateFormatVersion: "2010-09-09", Description: `KMS monitoring forwarders of ${inputs.memberPrefix}: KMS events, alarms and a heartbeat to the organization bus`, Resources: resources };
}

/** The same failed-invocation and dead-letter alarms a remote region of the central account has; no actions. */
function deliveryAlarmResources(inputs: MemberTemplateInputs, plan: ForwardingPlan): CloudFormationTemplate["Resources"] {
    const alarm = (alarmName: string, failure: DeliveryFailure, subject: unknown, subjectText: string) => {
        const { dimension, namespace, metricName, statistic, period, evaluationPeriods, comparisonOperator, threshold, treatMissingData } = deliveryAlarmSettings(failure);
        return {
            Type: "AWS::CloudWatch::Alarm",
            Properties: {
                AlarmName: alarmName,
                AlarmDescription: deliveryAlarmDescription(failure, subjectText),
                Namespace: namespace,
                MetricName: metricName,
                Statistic: statistic,
                Period: period,
                EvaluationPeriods: evaluationPeriods,
                ComparisonOperator: comparisonOperator,
                Threshold: threshold,
                TreatMissingData: treatMissingData,
                Dimensions: [{ Name: dimension, Value: subject }],
            },
        };
    };
    const resources: CloudFormationTemplate["Resources"] = {};
    for (const rule of plan.rules) {
        resources[`${logicalId(rule.role)}FailedInvocations`] = alarm(failedInvocationsAlarmName(rule.ruleName), "failed-forwarding", rule.ruleName, rule.ruleName);
    }
    if (inputs.deadLetterQueue) {
        resources.DeadLetters = alarm(deadLettersAlarmName(inputs.memberPrefix), "dead-letters", { "Fn::GetAtt": ["DeadLetterQueue", "QueueName"] }, `${inputs.memberPrefix} (this stack's dead-letter queue)`);
    }
    return resources;
}

function expiringKeysAlarmResource(inputs: MemberTemplateInputs): CloudFormationTemplate["Resources"] {
    const settings = expiringKeysAlarmSettings(inputs.warningDays);
    return {
        ExpiringKeyMaterial: {
            Type: "AWS::CloudWatch::Alarm",
            Properties: {
                AlarmName: expiringKeysAlarmName(inputs.memberPrefix),
                AlarmDescription: expiringKeysAlarmDescription(inputs.warningDays),
                ComparisonOperator: settings.comparisonOperator,
                Threshold: settings.threshold,
                EvaluationPeriods: settings.evaluationPeriods,
                DatapointsToAlarm: settings.datapointsToAlarm,
                TreatMissingData: settings.treatMissingData,
                Metrics: settings.metricQueries.map((query) => ({ Id: query.id, Expression: query.expression, Period: query.period, ReturnData: query.returnData })),
            },
        },
    };
}
