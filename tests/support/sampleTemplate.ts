/** A valid template of the kind the StackSet deploys, for the tests of the CloudFormation checks. */

export type Template = {
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
    [section: string]: unknown;
};

/** A role EventBridge assumes to put events on the bus the CentralBusArn parameter names. */
function forwardingRole() {
    return {
        Type: "AWS::IAM::Role",
        Properties: {
            RoleName: { "Fn::Sub": "kms-forwarding-${AWS::Region}" },
            AssumeRolePolicyDocument: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "events.amazonaws.com" },
                        Action: "sts:AssumeRole",
                    },
                ],
            },
            Policies: [
                {
                    PolicyName: "put-events",
                    PolicyDocument: {
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Action: "events:PutEvents",
                                Resource: { Ref: "CentralBusArn" },
                            },
                        ],
                    },
                },
            ],
        },
    };
}

/** A rule forwarding KMS API calls to the central bus with the role, dead letters to the queue. */
function forwardingRule() {
    return {
        Type: "AWS::Events::Rule",
        Properties: {
            State: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
            EventPattern: {
                source: ["aws.kms"],
                "detail-type": ["AWS API Call via CloudTrail"],
            },
            Targets: [
                {
                    Id: "central",
                    Arn: { Ref: "CentralBusArn" },
                    RoleArn: { "Fn::GetAtt": ["Role", "Arn"] },
                    DeadLetterConfig: { Arn: { "Fn::GetAtt": ["Dlq", "Arn"] } },
                },
            ],
        },
    };
}

/** A Metrics Insights alarm on the days to expiry, named after the account and the queue. */
function expiryAlarm() {
    return {
        Type: "AWS::CloudWatch::Alarm",
        Properties: {
            AlarmName: { "Fn::Sub": "kms-expiry-${AWS::AccountId}-${Dlq.QueueName}" },
            ComparisonOperator: "LessThanThreshold",
            EvaluationPeriods: 1,
            Threshold: 30,
            Metrics: [
                {
                    Id: "q",
                    Expression: 'SELECT MIN(DaysToExpiry) FROM "AWS/KMS" GROUP BY KeyId',
                    Period: 86400,
                    ReturnData: true,
                },
            ],
            Tags: [{ Key: "app", Value: "kms-monitoring" }],
        },
    };
}

/** A fresh, valid template of the kind the StackSet deploys; each test breaks one thing in its own copy. */
export function template(): Template {
    return {
        AWSTemplateFormatVersion: "2010-09-09",
        Parameters: { CentralBusArn: { Type: "String" } },
        Resources: {
            Dlq: {
                Type: "AWS::SQS::Queue",
                Properties: { MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
            },
            Role: forwardingRole(),
            Forward: forwardingRule(),
            Expiry: expiryAlarm(),
        },
    };
}

/** The template with an observability link to the sink a one-region Mappings table names. */
export function templateWithLink(sink: string): Template {
    const t = template();
    t.Mappings = { Sinks: { "eu-west-1": { Arn: sink } } };
    t.Resources.Link = {
        Type: "AWS::Oam::Link",
        Properties: {
            LabelTemplate: "$AccountName",
            ResourceTypes: ["AWS::CloudWatch::Metric"],
            SinkIdentifier: { "Fn::FindInMap": ["Sinks", { Ref: "AWS::Region" }, "Arn"] },
            LinkConfiguration: { MetricConfiguration: { Filter: "Namespace = 'AWS/KMS'" } },
        },
    };
    return t;
}
