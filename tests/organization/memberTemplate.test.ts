import { strict as assert } from "assert";
import {
    keyStoreAlarmNames,
    quotaUtilizationExpression,
    requestQuotaAlarmNames,
} from "../../components/alarms";
import { keyLifecycleEventPattern } from "../../components/alerts";
import { memberTemplate, substituted } from "../../components/organization";
import { Recorder, restoreWarnings } from "../harness";
import { validateTemplate, TEMPLATE_BODY_MAX_BYTES } from "../support/cloudFormationSpec";
import {
    BUS_ARN,
    CENTRAL,
    centralRecorder,
    FORWARDERS_STACK_SET,
    MEMBER,
    STACK_SET_TYPE,
    template,
} from "./fixtures";

afterEach(restoreWarnings);

/** The member's forwarding role: one per region, allowed to put events on the central bus only. */
function assertForwardingRole(recorder: Recorder): void {
    const role = template(recorder).Resources.ForwardingRole.Properties;
    assert.deepEqual(
        role.RoleName,
        { "Fn::Sub": "kms-monitoring-dev-member-forwarder-${AWS::Region}" },
        "one role per region: IAM names are account-wide",
    );
    assert.deepEqual(role.Policies[0].PolicyDocument.Statement, [
        {
            Sid: "PutEventsOnTheDestinationBus",
            Effect: "Allow",
            Action: "events:PutEvents",
            Resource: BUS_ARN,
        },
    ]);
    const ruleNames = Object.values(template(recorder).Resources)
        .filter((resource) => resource.Type === "AWS::Events::Rule")
        .map((resource) => resource.Properties.Name as string);
    assert.equal(ruleNames.length, 5);
    assert.deepEqual(role.AssumeRolePolicyDocument.Statement[0].Condition, {
        StringEquals: { "aws:SourceAccount": { "Fn::Sub": "${AWS::AccountId}" } },
        ArnLike: {
            "aws:SourceArn": ruleNames.map((name) => ({
                "Fn::Sub": `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/${name}`,
            })),
        },
    });
}

/** Each rule targets the central bus itself, with the role and the dead-letter queue. */
function assertTargetCentralBus(rules: readonly { Properties: Record<string, any> }[]): void {
    for (const rule of rules) {
        assert.deepEqual(rule.Properties.Targets, [
            {
                Id: "central-bus",
                Arn: BUS_ARN,
                RoleArn: { "Fn::GetAtt": ["ForwardingRole", "Arn"] },
                DeadLetterConfig: { Arn: { "Fn::GetAtt": ["DeadLetterQueue", "Arn"] } },
            },
        ]);
        assert.ok(
            !("InputTransformer" in rule.Properties.Targets[0]),
            "no input transformer on a cross-account bus target",
        );
    }
}

describe("the member template", () => {
    let recorder: Recorder;
    before(async () => {
        recorder = await centralRecorder();
    });

    it("is valid CloudFormation and fits in a StackSet's template body", () => {
        const body = recorder.one(STACK_SET_TYPE, FORWARDERS_STACK_SET).inputs
            .templateBody as string;
        assert.deepEqual(validateTemplate(JSON.parse(body)), []);
        assert.ok(
            Buffer.byteLength(body) < TEMPLATE_BODY_MAX_BYTES,
            `${Buffer.byteLength(body)} bytes`,
        );
    });

    it("stays valid and small with every option on and many API-call alerts", () => {
        const big = memberTemplate(
            {
                memberPrefix: "kms-monitoring-production-member",
                apiCalls: Array.from({ length: 20 }, (_, index) => ({
                    eventNames: ["Decrypt", "DisableKey"],
                    keyArns: [`arn:aws:kms:eu-west-1:${MEMBER}:key/${index}`],
                })),
                eventAlerts: [keyLifecycleEventPattern()],
                discoverExpiringKeys: true,
                warningDays: 30,
                quotaWarningPercent: 80,
                customKeyStoreAlarms: true,
                deadLetterQueue: true,
                selfMonitoring: true,
                tags: { a: "b" },
            },
            BUS_ARN,
        );
        assert.deepEqual(validateTemplate(big), []);
        assert.ok(Buffer.byteLength(JSON.stringify(big)) < TEMPLATE_BODY_MAX_BYTES);
    });

    it("uses the member's own account, region and partition, never the central account's literals", () => {
        // The central bus is the central account's.
        const text = JSON.stringify(template(recorder));
        const withoutBus = text.split(BUS_ARN).join("");
        assert.ok(!withoutBus.includes(CENTRAL), "only the central bus names the central account");
        assert.ok(!withoutBus.includes("arn:aws:"), "the partition is ${AWS::Partition}");
        assert.ok(!withoutBus.includes("us-east-1"), "the region is ${AWS::Region}");
    });

    it("has the forwarding rules and heartbeat, each targeting the central bus directly with a role", () => {
        const resources = template(recorder).Resources;
        const rules = Object.values(resources).filter(
            (resource) => resource.Type === "AWS::Events::Rule",
        );
        assert.deepEqual(
            rules.map((rule) => [
                rule.Properties.Name,
                rule.Properties.State,
                rule.Properties.ScheduleExpression ??
                    rule.Properties.EventPattern["detail-type"].join(", "),
            ]),
            [
                // GenerateDataKey is read-only: the member's forwarder must opt in too.
                [
                    "kms-monitoring-dev-member-forward-api-calls",
                    "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
                    "AWS API Call via CloudTrail",
                ],
                [
                    "kms-monitoring-dev-member-forward-key-lifecycle",
                    "ENABLED",
                    "KMS Imported Key Material Expiration, KMS CMK Rotation, KMS CMK Deletion",
                ],
                [
                    "kms-monitoring-dev-member-forward-contributors",
                    "ENABLED",
                    "CloudWatch Alarm Contributor State Change",
                ],
                ["kms-monitoring-dev-member-heartbeat", "ENABLED", "rate(5 minutes)"],
                [
                    "kms-monitoring-dev-member-forward-alarms",
                    "ENABLED",
                    "CloudWatch Alarm State Change",
                ],
            ],
        );
        const operations = [
            "GenerateDataKey",
            "DisableKey",
            "ScheduleKeyDeletion",
            "CancelKeyDeletion",
            "DeleteImportedKeyMaterial",
            "ImportKeyMaterial",
            "PutKeyPolicy",
            "DisableKeyRotation",
            "DisconnectCustomKeyStore",
            "UpdateCustomKeyStore",
            "DeleteCustomKeyStore",
        ];
        // The default calls, and every other call that failed on a key pending deletion.
        assert.deepEqual(resources.ForwardApiCalls.Properties.EventPattern.detail.$or, [
            { eventName: operations },
            {
                eventName: [{ "anything-but": operations }],
                errorMessage: [{ suffix: " is pending deletion." }],
            },
        ]);
        assertTargetCentralBus(rules);
        assertForwardingRole(recorder);
    });

    it("has the failed-invocation, dead-letter, expiring-material, quota and key store alarms, without actions", () => {
        const alarms = Object.values(template(recorder).Resources).filter(
            (resource) => resource.Type === "AWS::CloudWatch::Alarm",
        );
        assert.equal(alarms.length, 5 + 1 + 1 + 3 + 6);
        assert.ok(alarms.every((alarm) => alarm.Properties.AlarmActions === undefined));
        const names = alarms.map((alarm) => alarm.Properties.AlarmName);
        for (const name of [
            "kms-monitoring-dev-member-expiring-key-material",
            ...requestQuotaAlarmNames("kms-monitoring-dev-member"),
            ...keyStoreAlarmNames("kms-monitoring-dev-member"),
        ]) {
            assert.ok(names.includes(name), name);
        }
    });

    it("names the member's own account and region in each quota alarm, through Fn::Sub", () => {
        const quotas = Object.values(template(recorder).Resources).filter((resource) =>
            String(resource.Properties.AlarmName).includes("-kms-quota-"),
        );
        assert.equal(quotas.length, 3);
        for (const quota of quotas) {
            const text: string = quota.Properties.AlarmDescription["Fn::Sub"];
            assert.match(text, /account \$\{AWS::AccountId\}, region \$\{AWS::Region\}/);
            assert.match(
                text,
                /https:\/\/console\.aws\.amazon\.com\/servicequotas\/home\/services\/kms\/quotas\?region=\$\{AWS::Region\}/,
            );
            assert.equal(
                quota.Properties.Metrics[1].Expression,
                quotaUtilizationExpression("usage"),
            );
        }
    });

    it("turns every ${...} string into Fn::Sub and leaves the rest alone", () => {
        assert.deepEqual(
            substituted({ a: "arn:${AWS::Partition}:x", b: ["plain", 3, { c: "${Q.Arn}" }] }),
            {
                a: { "Fn::Sub": "arn:${AWS::Partition}:x" },
                b: ["plain", 3, { c: { "Fn::Sub": "${Q.Arn}" } }],
            },
        );
    });
});
