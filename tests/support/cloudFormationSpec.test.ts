import { strict as assert } from "assert";
import { findInMap, validateTemplate } from "./cloudFormationSpec";

type Template = {
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
    [section: string]: unknown;
};

/** A fresh, valid template of the kind the StackSet deploys; each test breaks one thing in its own copy. */
function template(): Template {
    return {
        AWSTemplateFormatVersion: "2010-09-09",
        Parameters: { CentralBusArn: { Type: "String" } },
        Resources: {
            Dlq: {
                Type: "AWS::SQS::Queue",
                Properties: { MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true },
            },
            Role: {
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
            },
            Forward: {
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
            },
            Expiry: {
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
            },
        },
    };
}

describe("validateTemplate (CloudFormation resource specification)", () => {
    it("accepts a valid template", () => {
        assert.deepEqual(validateTemplate(template()), []);
    });

    it("accepts intrinsics, resource attributes and escaped Fn::Sub text", () => {
        const t = template();
        t.Conditions = { Always: { "Fn::Equals": ["a", "a"] } };
        Object.assign(t.Resources.Dlq, {
            DependsOn: "Role",
            Condition: "Always",
            DeletionPolicy: "Retain",
            Metadata: { why: "test" },
        });
        t.Resources.Dlq.Properties.MessageRetentionPeriod = {
            "Fn::If": ["Always", 60, { Ref: "AWS::NoValue" }],
        };
        t.Resources.Role.Properties.Path = {
            "Fn::Sub": ["/${Prefix}/${!Literal}/", { Prefix: "kms" }],
        };
        t.Resources.Role.Properties.ManagedPolicyArns = { "Fn::Split": [",", "a,b"] };
        assert.deepEqual(validateTemplate(t), []);
    });

    it("checks the template sections", () => {
        assert.deepEqual(validateTemplate([]), ["template: expected an object, got []"]);
        assert.deepEqual(
            validateTemplate({ AWSTemplateFormatVersion: "2010-09-10", Resources: {} }),
            [
                'AWSTemplateFormatVersion: expected "2010-09-09", got "2010-09-10"',
                "Resources: expected a non-empty object",
            ],
        );
        assert.deepEqual(validateTemplate({ ...template(), Output: {} }), [
            "Output: unknown template section",
        ]);
    });

    it("reports an unknown resource type", () => {
        const t = template();
        t.Resources.Forward.Type = "AWS::Events::Rules";
        assert.deepEqual(validateTemplate(t), [
            "Resources.Forward.Type: unknown resource type AWS::Events::Rules",
        ]);
    });

    it("reports an unknown resource attribute", () => {
        const t = template();
        Object.assign(t.Resources.Dlq, { DependOn: ["Role"] });
        assert.deepEqual(validateTemplate(t), [
            "Resources.Dlq.DependOn: unknown resource attribute",
        ]);
    });

    it("reports unknown properties, top-level and nested", () => {
        const t = template();
        t.Resources.Dlq.Properties.RetentionPeriod = 60;
        const target = t.Resources.Forward.Properties.Targets[0];
        target.RoleARN = target.RoleArn;
        delete target.RoleArn;
        assert.deepEqual(validateTemplate(t), [
            "Resources.Dlq.Properties.RetentionPeriod: unknown property of AWS::SQS::Queue",
            "Resources.Forward.Properties.Targets[0].RoleARN: unknown property of Target (did you mean RoleArn?)",
        ]);
    });

    it("reports a missing required property", () => {
        const t = template();
        delete t.Resources.Forward.Properties.Targets[0].Id;
        assert.deepEqual(validateTemplate(t), [
            "Resources.Forward.Properties.Targets[0]: missing required property Id",
        ]);
    });

    it("reports wrong primitive shapes", () => {
        const t = template();
        t.Resources.Dlq.Properties.MessageRetentionPeriod = "x";
        t.Resources.Dlq.Properties.SqsManagedSseEnabled = "yes";
        t.Resources.Forward.Properties.Targets = { Id: "central" };
        assert.deepEqual(validateTemplate(t), [
            'Resources.Dlq.Properties.MessageRetentionPeriod: expected integer, got "x"',
            'Resources.Dlq.Properties.SqsManagedSseEnabled: expected boolean, got "yes"',
            'Resources.Forward.Properties.Targets: expected array of Target, got {"Id":"central"}',
        ]);
    });

    it("reports problems in a union against the alternative of the value's kind", () => {
        // AWS::Serverless::Application Location is string | ApplicationLocation (an object type).
        const app = (location: unknown) => ({
            Transform: "AWS::Serverless-2016-10-31",
            Resources: {
                App: { Type: "AWS::Serverless::Application", Properties: { Location: location } },
            },
        });
        assert.deepEqual(
            validateTemplate(
                app({ ApplicationId: "arn:app", SemanticVersion: "1.0.0", Version: 1 }),
            ),
            ["Resources.App.Properties.Location.Version: unknown property of ApplicationLocation"],
        );
        assert.deepEqual(validateTemplate(app(["arn:app"])), [
            'Resources.App.Properties.Location: expected string | ApplicationLocation, got ["arn:app"]',
        ]);
    });

    it("reports a value outside the spec's allowed values", () => {
        const t = template();
        t.Resources.Forward.Properties.State = "ON";
        assert.deepEqual(validateTemplate(t), [
            'Resources.Forward.Properties.State: "ON" is not one of DISABLED | ENABLED | ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
        ]);
    });

    it("reports Fn::GetAtt to an unknown logical ID or attribute", () => {
        const t = template();
        const target = t.Resources.Forward.Properties.Targets[0];
        target.RoleArn = { "Fn::GetAtt": ["ForwardingRole", "Arn"] };
        target.DeadLetterConfig.Arn = { "Fn::GetAtt": "Dlq.QueueArn" };
        target.Arn = { "Fn::GetAtt": ["CentralBusArn", { Ref: "AWS::NoValue" }] }; // a parameter has no attributes
        assert.deepEqual(validateTemplate(t), [
            "Resources.Forward.Properties.Targets[0].Arn: Fn::GetAtt refers to unknown resource CentralBusArn",
            "Resources.Forward.Properties.Targets[0].RoleArn: Fn::GetAtt refers to unknown resource ForwardingRole",
            "Resources.Forward.Properties.Targets[0].DeadLetterConfig.Arn: Fn::GetAtt refers to unknown attribute QueueArn" +
                " of Dlq (AWS::SQS::Queue has Arn, QueueName, QueueUrl)",
        ]);
    });

    it("reports Ref to an unknown logical ID, inside json values too", () => {
        const t = template();
        t.Resources.Forward.Properties.Targets[0].Arn = { Ref: "CentralBus" };
        t.Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0].Resource = {
            "Fn::Join": ["", [{ Ref: "Bus" }]],
        };
        assert.deepEqual(validateTemplate(t), [
            "Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0].Resource: Ref refers to unknown resource or parameter Bus",
            "Resources.Forward.Properties.Targets[0].Arn: Ref refers to unknown resource or parameter CentralBus",
        ]);
    });

    it("reports Fn::Sub names that are not pseudo parameters, parameters or resources", () => {
        const t = template();
        t.Resources.Role.Properties.RoleName = {
            "Fn::Sub": "kms-${AWS::Regoin}-${Queue.Arn}-${!Ignored}",
        };
        assert.deepEqual(validateTemplate(t), [
            "Resources.Role.Properties.RoleName: Fn::Sub ${AWS::Regoin} refers to unknown resource or parameter AWS::Regoin",
            "Resources.Role.Properties.RoleName: Fn::Sub ${Queue.Arn} refers to unknown resource Queue",
        ]);
    });

    it("reports unknown conditions, DependsOn targets and intrinsic functions", () => {
        const t = template();
        Object.assign(t.Resources.Dlq, { Condition: "IsProd", DependsOn: ["Role", "Rol"] });
        t.Resources.Role.Properties.Path = { "Fn::If": ["IsProd", "/prod/", "/"] };
        t.Resources.Forward.Properties.Targets[0].RoleArn = { "Fn::GetAttr": ["Role", "Arn"] };
        assert.deepEqual(validateTemplate(t), [
            'Resources.Dlq.Condition: unknown condition "IsProd"',
            'Resources.Dlq.DependsOn: unknown resource "Rol"',
            'Resources.Role.Properties.Path: Fn::If refers to unknown condition "IsProd"',
            "Resources.Forward.Properties.Targets[0].RoleArn: unknown intrinsic function Fn::GetAttr",
        ]);
    });

    it("requires ComparisonOperator and one metric form on alarms (extra rule)", () => {
        const t = template();
        delete t.Resources.Expiry.Properties.ComparisonOperator;
        assert.deepEqual(validateTemplate(t), [
            "Resources.Expiry.Properties: missing required property ComparisonOperator",
        ]);

        Object.assign(t.Resources.Expiry.Properties, {
            ComparisonOperator: "LessThanThreshold",
            MetricName: "DaysToExpiry",
        });
        assert.deepEqual(validateTemplate(t), [
            "Resources.Expiry.Properties: MetricName/Namespace and Metrics are mutually exclusive",
        ]);
        delete t.Resources.Expiry.Properties.Metrics;
        assert.deepEqual(validateTemplate(t), [
            "Resources.Expiry.Properties: MetricName and Namespace go together",
        ]);
        t.Resources.Expiry.Properties.Namespace = "KmsMonitoring";
        assert.deepEqual(validateTemplate(t), []);
        delete t.Resources.Expiry.Properties.MetricName;
        delete t.Resources.Expiry.Properties.Namespace;
        assert.deepEqual(validateTemplate(t), [
            "Resources.Expiry.Properties: needs either MetricName and Namespace, or Metrics",
        ]);
    });

    it("checks Mappings and the maps, keys and regions of Fn::FindInMap", () => {
        const sink = "arn:aws:oam:eu-west-1:111122223333:sink/abcd";
        const withLink = (): Template => {
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
        };
        assert.deepEqual(validateTemplate(withLink()), []);
        assert.equal(
            findInMap(withLink(), withLink().Resources.Link.Properties.SinkIdentifier, "eu-west-1"),
            sink,
        );
        assert.throws(
            () =>
                findInMap(
                    withLink(),
                    withLink().Resources.Link.Properties.SinkIdentifier,
                    "us-east-1",
                ),
            /fails in us-east-1/,
        );

        const wrongMap = withLink();
        wrongMap.Resources.Link.Properties.SinkIdentifier = {
            "Fn::FindInMap": ["Sink", "eu-west-1", "Arn"],
        };
        assert.deepEqual(validateTemplate(wrongMap), [
            'Resources.Link.Properties.SinkIdentifier: Fn::FindInMap refers to unknown map "Sink"',
        ]);
        const wrongKey = withLink();
        wrongKey.Resources.Link.Properties.SinkIdentifier = {
            "Fn::FindInMap": ["Sinks", { Ref: "AWS::Region" }, "SinkArn"],
        };
        assert.deepEqual(validateTemplate(wrongKey), [
            "Resources.Link.Properties.SinkIdentifier: Fn::FindInMap refers to second-level key SinkArn, missing in Sinks",
        ]);
        const badName = withLink();
        badName.Mappings = { "sink-map": { "eu-west-1": { Arn: sink } } };
        assert.ok(
            validateTemplate(badName).includes("Mappings.sink-map: not an alphanumeric name"),
        );
        const flat = withLink();
        flat.Mappings = { Sinks: { "eu-west-1": sink } };
        assert.ok(
            validateTemplate(flat).includes(
                "Mappings.Sinks.eu-west-1: expected a non-empty object of second-level keys",
            ),
        );
        const noLabelType = withLink();
        noLabelType.Resources.Link.Properties.ResourceTypes = "AWS::CloudWatch::Metric";
        assert.deepEqual(validateTemplate(noLabelType), [
            'Resources.Link.Properties.ResourceTypes: expected array of string, got "AWS::CloudWatch::Metric"',
        ]);
    });
});
