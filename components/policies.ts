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
                StringEquals: { "aws:SourceAccount": inputs.accountId },
                ArnLike: { "aws:SourceArn": alarmArnPattern(inputs) },
            },
        },
    ];
    if (inputs.eventRuleArns.length > 0) {
        statements.push(fromEventRules("EventBridgeRulesPublish", "sns:Publish", inputs.topicArn, inputs.accountId, inputs.eventRuleArns));
    }
    statements.push(denyInsecureTransport("sns:*", inputs.topicArn));
    return { Version: "2012-10-17", Statement: statements };
}

/** Lets EventBridge act on the resource only on behalf of the given rules of this account. */
function fromEventRules(sid: string, action: string, resource: string, accountId: string, eventRuleArns: readonly string[]): PolicyStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: action,
        Resource: resource,
        Condition: {
            StringEquals: { "aws:SourceAccount": accountId },
            ArnEquals: { "aws:SourceArn": [...eventRuleArns] },
        },
    };
}

/** Refuses every request made over plain HTTP, whoever makes it. */
function denyInsecureTransport(action: string, resource: string): PolicyStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: action,
        Resource: resource,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/** What a service needs of a customer managed key to publish to a topic encrypted with it. */
const TOPIC_KEY_USE_ACTIONS = ["kms:GenerateDataKey*", "kms:Decrypt"];

/**
 * The policy of the key that encrypts the alert topic. Without a statement for each publishing
 * service, EventBridge and CloudWatch cannot publish and their messages are dropped; the AWS
 * managed `alias/aws/sns` key cannot be given one, which is why the topic needs its own key (SNS
 * Developer Guide, "Enable compatibility between event sources from AWS services and encrypted
 * topics").
 */
export function alertKeyPolicyDocument(env: AwsEnvironment): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                // The key policy is the only thing that grants access to a KMS key; without the
                // account statement, IAM policies have no effect on it and nobody can manage it.
                Sid: "AccountAdministration",
                Effect: "Allow",
                Principal: { AWS: `arn:${env.partition}:iam::${env.accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                // No aws:SourceAccount or aws:SourceArn here: the SNS Developer Guide states that
                // adding them to a KMS key policy "is not supported for EventBridge-to-encrypted
                // topics", and with them every EventBridge delivery fails (reported in
                // awslabs/landing-zone-accelerator-on-aws#407). The topic policy scopes EventBridge
                // to this stack's rules instead.
                Sid: "EventBridgePublishToEncryptedTopic",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: TOPIC_KEY_USE_ACTIONS,
                Resource: "*",
            },
            {
                Sid: "CloudWatchAlarmsPublishToEncryptedTopic",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: TOPIC_KEY_USE_ACTIONS,
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": env.accountId } },
            },
        ],
    };
}

export interface DeadLetterQueuePolicyInputs {
    readonly accountId: string;
    readonly queueArn: string;
    /** ARNs of the EventBridge rules whose targets may send failed events here. */
    readonly eventRuleArns: readonly string[];
}

/**
 * Lets EventBridge put an event it could not deliver into the dead-letter queue, only on behalf of
 * this stack's rules (EventBridge User Guide, "Using dead-letter queues to process undelivered
 * events": the queue policy names the rule ARN as aws:SourceArn).
 */
export function deadLetterQueuePolicyDocument(inputs: DeadLetterQueuePolicyInputs): PolicyDocument {
    const statements: PolicyStatement[] = [];
    if (inputs.eventRuleArns.length > 0) {
        statements.push(fromEventRules("EventBridgeRulesSendDeadLetters", "sqs:SendMessage", inputs.queueArn, inputs.accountId, inputs.eventRuleArns));
    }
    statements.push(denyInsecureTransport("sqs:*", inputs.queueArn));
    return { Version: "2012-10-17", Statement: statements };
}
