import { strict as assert } from "assert";
import { validateTemplate } from "./cloudFormationSpec";
import { template } from "./sampleTemplate";

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
});
