import {
    alarmArnPattern,
    allowFromEventRules,
    AwsEnvironment,
    denyInsecureTransport,
    PolicyDocument,
    PolicyStatement,
} from "../shared";

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
    /** Whether this account's CloudWatch alarms may publish. Default: true. */
    readonly alarmsPublish?: boolean;
    /**
     * A topic only the stack's rules publish to and only these principals (`aws:PrincipalArn`)
     * subscribe to: everyone else is denied both, the account's own principals included. Default:
     * undefined, the account's principals may publish and subscribe, as SNS's default policy lets
     * them (the alert topic).
     */
    readonly subscriberArns?: readonly string[];
}

/**
 * An explicit deny, because in the topic's own account an identity policy that allows
 * `sns:Publish` or `sns:Subscribe` is enough without the topic policy (IAM User Guide, "Policy
 * evaluation logic": within one account, an allow in either policy grants): so only the stack's
 * rules publish (`aws:SourceArn`, which a person's own call never carries) and only
 * `subscriberArns` subscribe. A key that the request lacks makes a negated operator true ("If the
 * policy condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and
 * the right key is not present, the condition is true", IAM User Guide, "Condition operators").
 */
function exclusiveTopicStatements(
    inputs: TopicPolicyInputs,
    subscriberArns: readonly string[],
): PolicyStatement[] {
    const deny = (sid: string, action: string, key: string, arns: readonly string[]) => ({
        Sid: sid,
        Effect: "Deny" as const,
        Principal: "*" as const,
        Action: action,
        Resource: inputs.topicArn,
        ...(arns.length === 0 ? {} : { Condition: { ArnNotEquals: { [key]: [...arns] } } }),
    });
    return [
        deny("OnlyTheStackRulesPublish", "sns:Publish", "aws:SourceArn", inputs.eventRuleArns),
        deny("OnlyTheStackSubscriptions", "sns:Subscribe", "aws:PrincipalArn", subscriberArns),
    ];
}

/**
 * The alert topic's access policy. A custom topic policy replaces SNS's default one, so it must
 * name every publisher: without the `events.amazonaws.com` and `cloudwatch.amazonaws.com`
 * statements no rule or alarm can publish (AWS Knowledge Center, "Why isn't my Amazon SNS topic
 * receiving EventBridge notifications?"). Both service statements carry `aws:SourceAccount` and
 * `aws:SourceArn` so that another account's rule or alarm cannot use the topic (confused deputy).
 */
export function topicPolicyDocument(inputs: TopicPolicyInputs): PolicyDocument {
    const exclusive = inputs.subscriberArns !== undefined;
    const statements: PolicyStatement[] = [
        {
            Sid: exclusive ? "TopicOwnerAdministration" : "TopicOwnerAccess",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: exclusive
                ? TOPIC_OWNER_ACTIONS.filter((action) => !/^sns:(Publish|Subscribe)$/.test(action))
                : TOPIC_OWNER_ACTIONS,
            Resource: inputs.topicArn,
            Condition: { StringEquals: { "AWS:SourceOwner": inputs.accountId } },
        },
    ];
    if (inputs.alarmsPublish ?? true) {
        statements.push({
            Sid: "CloudWatchAlarmsPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: inputs.topicArn,
            Condition: {
                StringEquals: { "aws:SourceAccount": inputs.accountId },
                ArnLike: { "aws:SourceArn": alarmArnPattern(inputs) },
            },
        });
    }
    if (inputs.eventRuleArns.length > 0) {
        statements.push(
            allowFromEventRules(
                "EventBridgeRulesPublish",
                "sns:Publish",
                inputs.topicArn,
                inputs.accountId,
                inputs.eventRuleArns,
            ),
        );
    }
    if (inputs.subscriberArns !== undefined) {
        statements.push(...exclusiveTopicStatements(inputs, inputs.subscriberArns));
    }
    statements.push(denyInsecureTransport("sns:*", inputs.topicArn));
    return { Version: "2012-10-17", Statement: statements };
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
