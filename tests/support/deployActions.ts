/**
 * The IAM actions `pulumi up` (create, read, update, delete) needs for each resource type and invoke
 * the program uses, through the AWS provider's calls: what deploy-policy.json must grant, and all it
 * may grant. A new resource type or invoke without an entry here fails the deploy policy's test.
 */

import { FEATURE_RESOURCE_ACTIONS, tagging } from "./deployActionsFeatures";

const KEY = [
    "kms:CreateKey",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:EnableKey",
    "kms:GetKeyPolicy",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateKeyDescription",
];

const LOG_GROUP = [
    "logs:CreateLogGroup",
    "logs:DeleteLogGroup",
    "logs:DeleteRetentionPolicy",
    "logs:DescribeLogGroups",
    "logs:PutRetentionPolicy",
    ...tagging("logs"),
];

const ROLE = [
    "iam:CreateRole",
    "iam:DeleteRole",
    "iam:GetRole",
    "iam:ListAttachedRolePolicies",
    "iam:ListInstanceProfilesForRole",
    "iam:ListRolePolicies",
    "iam:TagRole",
    "iam:UntagRole",
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateRole",
];

const ROLE_POLICY = ["iam:DeleteRolePolicy", "iam:GetRolePolicy", "iam:PutRolePolicy"];

export const RESOURCE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
    ...FEATURE_RESOURCE_ACTIONS,
    "aws:sns/topic:Topic": [
        "sns:CreateTopic",
        "sns:DeleteTopic",
        "sns:GetTopicAttributes",
        "sns:SetTopicAttributes",
        ...tagging("sns"),
    ],
    "aws:sns/topicPolicy:TopicPolicy": ["sns:GetTopicAttributes", "sns:SetTopicAttributes"],
    "aws:sns/topicSubscription:TopicSubscription": [
        "sns:GetSubscriptionAttributes",
        "sns:SetSubscriptionAttributes",
        "sns:Subscribe",
        "sns:Unsubscribe",
    ],
    "aws:kms/key:Key": [
        ...KEY,
        "kms:DisableKeyRotation",
        "kms:EnableKeyRotation",
        "kms:GetKeyRotationStatus",
    ],
    "aws:kms/externalKey:ExternalKey": [
        ...KEY,
        "kms:DeleteImportedKeyMaterial",
        "kms:GetParametersForImport",
        "kms:ImportKeyMaterial",
    ],
    "aws:kms/alias:Alias": [
        "kms:CreateAlias",
        "kms:DeleteAlias",
        "kms:ListAliases",
        "kms:UpdateAlias",
    ],
    "aws:cloudwatch/eventRule:EventRule": [
        "events:DeleteRule",
        "events:DescribeRule",
        "events:DisableRule",
        "events:EnableRule",
        "events:PutRule",
        ...tagging("events"),
    ],
    // A target with a role (forwarders, PagerDuty) passes it to EventBridge.
    "aws:cloudwatch/eventTarget:EventTarget": [
        "events:ListTargetsByRule",
        "events:PutTargets",
        "events:RemoveTargets",
        "iam:PassRole",
    ],
    "aws:cloudwatch/eventBus:EventBus": [
        "events:CreateEventBus",
        "events:DeleteEventBus",
        "events:DescribeEventBus",
        "events:UpdateEventBus",
        ...tagging("events"),
    ],
    "aws:cloudwatch/eventBusPolicy:EventBusPolicy": [
        "events:DescribeEventBus",
        "events:PutPermission",
        "events:RemovePermission",
    ],
    "aws:sqs/queue:Queue": [
        "sqs:CreateQueue",
        "sqs:DeleteQueue",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
        "sqs:ListQueueTags",
        "sqs:SetQueueAttributes",
        "sqs:TagQueue",
        "sqs:UntagQueue",
    ],
    "aws:sqs/queuePolicy:QueuePolicy": ["sqs:GetQueueAttributes", "sqs:SetQueueAttributes"],
    "aws:cloudwatch/metricAlarm:MetricAlarm": [
        "cloudwatch:DeleteAlarms",
        "cloudwatch:DescribeAlarms",
        "cloudwatch:PutMetricAlarm",
        ...tagging("cloudwatch"),
    ],
    "aws:cloudwatch/dashboard:Dashboard": [
        "cloudwatch:DeleteDashboards",
        "cloudwatch:GetDashboard",
        "cloudwatch:PutDashboard",
    ],
    "aws:cloudwatch/logGroup:LogGroup": LOG_GROUP,
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": [
        "logs:DeleteResourcePolicy",
        "logs:DescribeResourcePolicies",
        "logs:PutResourcePolicy",
    ],
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": [
        "logs:DeleteMetricFilter",
        "logs:DescribeMetricFilters",
        "logs:PutMetricFilter",
    ],
    "aws:cloudwatch/queryDefinition:QueryDefinition": [
        "logs:DeleteQueryDefinition",
        "logs:DescribeQueryDefinitions",
        "logs:PutQueryDefinition",
    ],
    "aws:iam/role:Role": ROLE,
    "aws:iam/rolePolicy:RolePolicy": ROLE_POLICY,
    "aws:iam/policy:Policy": [
        "iam:CreatePolicy",
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:GetPolicy",
        "iam:GetPolicyVersion",
        "iam:ListPolicyVersions",
        "iam:TagPolicy",
        "iam:UntagPolicy",
    ],
    // awsx's trail: the trail, its S3 bucket and bucket policy (emptied on delete with
    // forceDestroyBucket), its log group, and the role CloudTrail delivers to the log group with.
    "awsx:cloudtrail:Trail": [
        "cloudtrail:AddTags",
        "cloudtrail:CreateTrail",
        "cloudtrail:DeleteTrail",
        "cloudtrail:DescribeTrails",
        "cloudtrail:GetEventSelectors",
        "cloudtrail:GetTrail",
        "cloudtrail:GetTrailStatus",
        "cloudtrail:ListTags",
        "cloudtrail:PutEventSelectors",
        "cloudtrail:RemoveTags",
        "cloudtrail:StartLogging",
        "cloudtrail:StopLogging",
        "cloudtrail:UpdateTrail",
        "s3:CreateBucket",
        "s3:DeleteBucket",
        "s3:DeleteBucketPolicy",
        "s3:DeleteObject",
        "s3:DeleteObjectVersion",
        "s3:GetAccelerateConfiguration",
        "s3:GetBucket*",
        "s3:GetEncryptionConfiguration",
        "s3:GetLifecycleConfiguration",
        "s3:GetReplicationConfiguration",
        "s3:ListBucket",
        "s3:ListBucketVersions",
        "s3:PutBucketPolicy",
        "s3:PutBucketTagging",
        ...LOG_GROUP,
        ...ROLE,
        ...ROLE_POLICY,
        "iam:PassRole",
    ],
    // Random bytes made where `pulumi up` runs: no AWS call.
    "random:index/randomBytes:RandomBytes": [],
};

/** The invokes the program makes while it runs, and what each calls. */
export const INVOKE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
    // sts:GetCallerIdentity needs no permission (STS API reference, GetCallerIdentity).
    "aws:index/getCallerIdentity:getCallerIdentity": [],
    "aws:index/getPartition:getPartition": [],
    "aws:index/getRegion:getRegion": [],
    "aws:kms/getKey:getKey": ["kms:DescribeKey"],
    "aws:iam/getSessionContext:getSessionContext": ["iam:GetRole"],
    "aws:organizations/getOrganization:getOrganization": ["organizations:DescribeOrganization"],
    "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts":
        [
            "organizations:ListAccountsForParent",
            "organizations:ListChildren",
            "organizations:ListOrganizationalUnitsForParent",
        ],
};
