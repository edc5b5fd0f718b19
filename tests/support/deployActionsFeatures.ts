/**
 * The calls of the resources that only some features create: chat, PagerDuty, the organization's
 * StackSets and the observability sinks (deployActions.ts has the rest).
 */

export const tagging = (service: string) => [
    `${service}:ListTagsForResource`,
    `${service}:TagResource`,
    `${service}:UntagResource`,
];

/** A service-linked role the first resource of a kind has its service create. */
export const SERVICE_LINKED_ROLE = ["iam:CreateServiceLinkedRole"];

/** The chatbot actions of one kind of configuration, and what any configuration needs. */
const chatConfiguration = (actions: string[]) => [
    ...actions,
    ...tagging("chatbot"),
    // The channel role is passed to Amazon Q Developer; its service-linked role subscribes it.
    "iam:PassRole",
    ...SERVICE_LINKED_ROLE,
];

export const FEATURE_RESOURCE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
    // EventBridge keeps the connection's key in a Secrets Manager secret, through the caller's
    // permissions and its service-linked role (EventBridge User Guide, AmazonEventBridgeFullAccess).
    "aws:cloudwatch/eventConnection:EventConnection": [
        "events:CreateConnection",
        "events:DeleteConnection",
        "events:DescribeConnection",
        "events:UpdateConnection",
        "secretsmanager:CreateSecret",
        "secretsmanager:DeleteSecret",
        "secretsmanager:DescribeSecret",
        "secretsmanager:GetSecretValue",
        "secretsmanager:PutSecretValue",
        "secretsmanager:UpdateSecret",
        ...SERVICE_LINKED_ROLE,
    ],
    "aws:cloudwatch/eventApiDestination:EventApiDestination": [
        "events:CreateApiDestination",
        "events:DeleteApiDestination",
        "events:DescribeApiDestination",
        "events:UpdateApiDestination",
    ],
    "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": chatConfiguration([
        "chatbot:CreateSlackChannelConfiguration",
        "chatbot:DeleteSlackChannelConfiguration",
        "chatbot:DescribeSlackChannelConfigurations",
        "chatbot:UpdateSlackChannelConfiguration",
    ]),
    "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration": chatConfiguration([
        "chatbot:CreateMicrosoftTeamsChannelConfiguration",
        "chatbot:DeleteMicrosoftTeamsChannelConfiguration",
        "chatbot:GetMicrosoftTeamsChannelConfiguration",
        "chatbot:ListMicrosoftTeamsChannelConfigurations",
        "chatbot:UpdateMicrosoftTeamsChannelConfiguration",
    ]),
    // With callAs DELEGATED_ADMIN, CloudFormation checks organizations:ListDelegatedAdministrators
    // (CloudFormation User Guide, "Register a delegated administrator member account"). When a
    // StackSet operation fails, the provider lists its results to say why
    // (terraform-provider-aws, internal/service/cloudformation/wait.go,
    // WaitStackSetOperationSucceeded: ListStackSetOperationResults).
    "aws:cloudformation/stackSet:StackSet": [
        "cloudformation:CreateStackSet",
        "cloudformation:DeleteStackSet",
        "cloudformation:DescribeStackSet",
        "cloudformation:DescribeStackSetOperation",
        "cloudformation:ListStackSetOperationResults",
        "cloudformation:UpdateStackSet",
        "organizations:ListDelegatedAdministrators",
    ],
    "aws:cloudformation/stackSetInstance:StackSetInstance": [
        "cloudformation:CreateStackInstances",
        "cloudformation:DeleteStackInstances",
        "cloudformation:DescribeStackInstance",
        "cloudformation:DescribeStackSetOperation",
        "cloudformation:ListStackInstances",
        "cloudformation:ListStackSetOperationResults",
        "cloudformation:UpdateStackInstances",
        "organizations:ListDelegatedAdministrators",
    ],
    "aws:oam/sink:Sink": ["oam:CreateSink", "oam:DeleteSink", "oam:GetSink", ...tagging("oam")],
    "aws:oam/sinkPolicy:SinkPolicy": ["oam:GetSinkPolicy", "oam:PutSinkPolicy"],
};
