import { alarmArnPattern, AwsEnvironment } from "./arns";

export interface PolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal: "*" | { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[] };
    readonly Action: string | readonly string[];
    readonly Resource: string | readonly string[];
    readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

/** The rights SNS's own default topic policy gives the topic owner's account. */
const TOPIC_OWNER_ACTIONS = [
    "sns:GetTopicAttributes",
    "sns:SetTopicAttributes",
    "sns:AddPermission",
    "sns:RemovePermission",
    "sns:DeleteTopic",
    "sns:Subscribe",
    "sns:ListSubscriptionsByTopic",
    "sns:Publish",
];

export interface TopicPolicyInputs extends AwsEnvironment {
    readonly topicArn: string;
    /** ARNs of the EventBridge rules that may publish; an empty list grants EventBridge nothing. */
    readonly eventRuleArns: readonly string[];
}

/**
 * The alert topic's access policy. A custom topic policy replaces SNS's default one, so it must
 * name every publisher: without the `events.amazonaws.com` and `cloudwatch.amazonaws.com`
 * statements no rule or alarm can publish (AWS Knowledge Center, "Why isn't my Amazon SNS topic
 * receiving EventBridge notifications?"). Both service statements carry `aws:SourceAccount` and
 * `aws:SourceArn` so that another account's rule or alarm cannot use the topic (confused deputy).
 */
export function topicPolicyDocument(inputs: TopicPolicyInputs): PolicyDocument {
    const sourceAccount = { "aws:SourceAccount": inputs.accountId };
    const statements: PolicyStatement[] = [
        {
            Sid: "TopicOwnerAccess",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: TOPIC_OWNER_ACTIONS,
            Resource: inputs.topicArn,
            Condition: { StringEquals: { "AWS:SourceOwner": inputs.accountId } },
        },
        {
            Sid: "CloudWatchAlarmsPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: inputs.topicArn,
            Condition: {
                StringEquals: sourceAccount,
                ArnLike: { "aws:SourceArn": alarmArnPattern(inputs) },
            },
        },
    ];
    if (inputs.eventRuleArns.length > 0) {
        statements.push({
            Sid: "EventBridgeRulesPublish",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sns:Publish",
            Resource: inputs.topicArn,
            Condition: {
                StringEquals: sourceAccount,
                ArnEquals: { "aws:SourceArn": [...inputs.eventRuleArns] },
            },
        });
    }
    statements.push({
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sns:*",
        Resource: inputs.topicArn,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    return { Version: "2012-10-17", Statement: statements };
}
