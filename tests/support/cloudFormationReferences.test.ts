import { strict as assert } from "assert";
import { findInMap, validateTemplate } from "./cloudFormationSpec";
import { template, templateWithLink } from "./sampleTemplate";

describe("validateTemplate (CloudFormation resource specification)", () => {
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

    it("checks Mappings and the maps, keys and regions of Fn::FindInMap", () => {
        const sink = "arn:aws:oam:eu-west-1:111122223333:sink/abcd";
        const withLink = () => templateWithLink(sink);
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
