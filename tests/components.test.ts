import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AlertTopic } from "../components/alertTopic";
import { ApiCallAlerts } from "../components/apiCallAlerts";
import { expiryAlarmSettings, expiryThresholdSeconds, keyLabel, KeyMaterialExpiryAlarms } from "../components/expiryAlarms";
import { ImportedKey } from "../components/importedKey";
import { KeyLifecycleEvents } from "../components/keyLifecycleEvents";
import { KmsMonitoring, nextStepsText } from "../components/kmsMonitoring";
import { ACCOUNT_ID, fakeUuid, installMocks, Recorder, restoreWarnings, settle, valueOf } from "./harness";

const ENV = { accountId: ACCOUNT_ID, partition: "aws", region: "us-east-1" };
const TOPIC_ARN = "arn:aws:sns:us-east-1:111122223333:alerts";

async function build(create: () => void, options: Parameters<typeof installMocks>[0] = {}): Promise<Recorder> {
    const recorder = await installMocks(options);
    create();
    await settle(recorder);
    return recorder;
}

afterEach(restoreWarnings);

describe("AlertTopic", () => {
    it("creates the topic with its display name and tags", async () => {
        const recorder = await build(() => new AlertTopic("alerts", { environment: ENV, topicName: "snsworkshop", displayName: "Workshop", tags: { team: "sec" } }));
        const topic = recorder.one("aws:sns/topic:Topic");
        assert.equal(topic.name, "alerts-topic");
        assert.equal(topic.inputs.name, "snsworkshop");
        assert.equal(topic.inputs.displayName, "Workshop");
        assert.deepEqual(topic.inputs.tags, { team: "sec" });
    });

    it("defaults the display name and auto-names the topic", async () => {
        const recorder = await build(() => new AlertTopic("alerts", { environment: ENV }));
        const topic = recorder.one("aws:sns/topic:Topic");
        assert.equal(topic.inputs.displayName, "KMS alerts");
        assert.equal(topic.inputs.name, undefined);
    });

    it("attaches a policy to the topic's ARN that names the rule ARNs", async () => {
        const ruleArn = "arn:aws:events:us-east-1:111122223333:rule/r1";
        const recorder = await build(() => new AlertTopic("alerts", { environment: ENV, topicName: "t", eventRuleArns: [ruleArn] }));
        const policy = recorder.one("aws:sns/topicPolicy:TopicPolicy");
        assert.equal(policy.inputs.arn, "arn:aws:sns:us-east-1:111122223333:t");
        const document = JSON.parse(policy.inputs.policy);
        const events = document.Statement.find((each: { Sid: string }) => each.Sid === "EventBridgeRulesPublish");
        assert.deepEqual(events.Condition.ArnEquals["aws:SourceArn"], [ruleArn]);
        assert.equal(document.Statement[0].Resource, "arn:aws:sns:us-east-1:111122223333:t");
    });

    it("subscribes each address by email, named after the address", async () => {
        let topic: AlertTopic | undefined;
        const recorder = await build(() => {
            topic = new AlertTopic("alerts", { environment: ENV, topicName: "t", emails: ["a@example.com", "B@example.com"] });
        });
        const subscriptions = recorder.byType("aws:sns/topicSubscription:TopicSubscription");
        assert.deepEqual(
            subscriptions.map((each) => [each.name, each.inputs.protocol, each.inputs.endpoint, each.inputs.topic]),
            [
                ["alerts-email-a@example.com", "email", "a@example.com", "arn:aws:sns:us-east-1:111122223333:t"],
                ["alerts-email-b@example.com", "email", "B@example.com", "arn:aws:sns:us-east-1:111122223333:t"],
            ],
        );
        assert.deepEqual(await valueOf(topic?.subscriptions), [
            { email: "a@example.com", pendingConfirmation: true },
            { email: "B@example.com", pendingConfirmation: true },
        ]);
        assert.deepEqual(recorder.warnings, []);
    });

    it("warns that nobody is notified when there are no addresses", async () => {
        const recorder = await build(() => new AlertTopic("alerts", { environment: ENV }));
        assert.equal(recorder.byType("aws:sns/topicSubscription:TopicSubscription").length, 0);
        assert.equal(recorder.warnings.length, 1);
        assert.match(recorder.warnings[0], /alertEmails is empty.*nobody will be notified/);
    });
});

describe("ApiCallAlerts", () => {
    it("creates one named rule and one topic target per alert", async () => {
        const recorder = await build(
            () =>
                new ApiCallAlerts("api", {
                    ruleNamePrefix: "kms-monitoring-dev",
                    topicArn: TOPIC_ARN,
                    alerts: [
                        { name: "data-key-generation", eventNames: ["GenerateDataKey"] },
                        { name: "key-management", eventNames: ["DisableKey", "ScheduleKeyDeletion"] },
                    ],
                    tags: { stack: "dev" },
                }),
        );
        const rules = recorder.byType("aws:cloudwatch/eventRule:EventRule");
        assert.deepEqual(
            rules.map((rule) => [rule.inputs.name, rule.inputs.state]),
            [
                ["kms-monitoring-dev-data-key-generation", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"],
                ["kms-monitoring-dev-key-management", "ENABLED"],
            ],
        );
        assert.deepEqual(JSON.parse(rules[1].inputs.eventPattern), {
            source: ["aws.kms"],
            "detail-type": ["AWS API Call via CloudTrail"],
            detail: { eventSource: ["kms.amazonaws.com"], eventName: ["DisableKey", "ScheduleKeyDeletion"] },
        });
        assert.deepEqual(rules[0].inputs.tags, { stack: "dev" });
        const targets = recorder.byType("aws:cloudwatch/eventTarget:EventTarget");
        assert.deepEqual(
            targets.map((target) => [target.inputs.rule, target.inputs.arn, target.inputs.roleArn]),
            [
                ["kms-monitoring-dev-data-key-generation", TOPIC_ARN, undefined],
                ["kms-monitoring-dev-key-management", TOPIC_ARN, undefined],
            ],
        );
    });

    it("puts keyArns in the pattern", async () => {
        const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const recorder = await build(
            () => new ApiCallAlerts("api", { ruleNamePrefix: "p", topicArn: TOPIC_ARN, alerts: [{ name: "d", eventNames: ["Decrypt"], keyArns: [keyArn] }] }),
        );
        const pattern = JSON.parse(recorder.one("aws:cloudwatch/eventRule:EventRule").inputs.eventPattern);
        assert.deepEqual(pattern.detail.resources, { ARN: [keyArn] });
    });
});

describe("KeyLifecycleEvents", () => {
    it("creates one ENABLED rule on KMS's own events targeting the topic", async () => {
        const recorder = await build(() => new KeyLifecycleEvents("life", { ruleName: "p-key-lifecycle", topicArn: TOPIC_ARN }));
        const rule = recorder.one("aws:cloudwatch/eventRule:EventRule");
        assert.equal(rule.inputs.name, "p-key-lifecycle");
        assert.equal(rule.inputs.state, "ENABLED");
        assert.deepEqual(JSON.parse(rule.inputs.eventPattern)["detail-type"], ["KMS Imported Key Material Expiration", "KMS CMK Rotation", "KMS CMK Deletion"]);
        assert.equal(recorder.one("aws:cloudwatch/eventTarget:EventTarget").inputs.arn, TOPIC_ARN);
    });
});

describe("expiry alarm settings", () => {
    it("converts days to seconds", () => {
        assert.equal(expiryThresholdSeconds(30), 2_592_000);
        assert.equal(expiryThresholdSeconds(1), 86_400);
    });

    it("alarms on the minimum at or below the threshold and treats missing data as breaching", () => {
        const settings = expiryAlarmSettings(45);
        assert.equal(settings.namespace, "AWS/KMS");
        assert.equal(settings.metricName, "SecondsUntilKeyMaterialExpiration");
        assert.equal(settings.statistic, "Minimum");
        assert.equal(settings.comparisonOperator, "LessThanOrEqualToThreshold");
        assert.equal(settings.threshold, 45 * 86_400);
        assert.equal(settings.treatMissingData, "breaching");
        assert.ok(settings.period % 60 === 0 && settings.period * settings.evaluationPeriods <= 86_400);
    });

    it("makes key references safe for names", () => {
        assert.equal(keyLabel("alias/ImportedCMK"), "alias-ImportedCMK");
        assert.equal(keyLabel("arn:aws:kms:us-east-1:111122223333:key/abc"), "arn-aws-kms-us-east-1-111122223333-key-abc");
    });
});

describe("KeyMaterialExpiryAlarms", () => {
    it("alarms on a managed key by its UUID and notifies the topic on ALARM and OK", async () => {
        const keyId = fakeUuid("managed");
        const recorder = await build(
            () => new KeyMaterialExpiryAlarms("expiry", { keys: [{ label: "alias/ImportedCMK", keyId }], warningDays: 10, alarmNamePrefix: "p", topicArn: TOPIC_ARN }),
        );
        const alarm = recorder.one("aws:cloudwatch/metricAlarm:MetricAlarm");
        assert.equal(alarm.inputs.name, "p-key-material-expiry-alias-ImportedCMK");
        assert.deepEqual(alarm.inputs.dimensions, { KeyId: keyId });
        assert.equal(alarm.inputs.threshold, 864_000);
        assert.equal(alarm.inputs.statistic, "Minimum");
        assert.equal(alarm.inputs.treatMissingData, "breaching");
        assert.deepEqual(alarm.inputs.alarmActions, [TOPIC_ARN]);
        assert.deepEqual(alarm.inputs.okActions, [TOPIC_ARN]);
        assert.match(alarm.inputs.alarmDescription, /alias\/ImportedCMK.*Re-import/);
    });

    it("resolves every watched key reference to its UUID with kms.getKey", async () => {
        const uuid = "1234abcd-12ab-34cd-56ef-1234567890ab";
        const recorder = await build(
            () =>
                new KeyMaterialExpiryAlarms("expiry", {
                    watchedKeys: ["alias/legacy", `arn:aws:kms:us-east-1:111122223333:key/${uuid}`],
                    alarmNamePrefix: "p",
                    topicArn: TOPIC_ARN,
                }),
        );
        const lookups = recorder.invokes.filter((invoke) => invoke.token === "aws:kms/getKey:getKey").map((invoke) => invoke.inputs.keyId);
        assert.deepEqual(lookups, ["alias/legacy", `arn:aws:kms:us-east-1:111122223333:key/${uuid}`]);
        const dimensions = recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => alarm.inputs.dimensions.KeyId);
        assert.deepEqual(dimensions, [fakeUuid("alias/legacy"), uuid]);
        for (const alarm of recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
            assert.equal(alarm.inputs.threshold, 30 * 86_400, "default warning days");
        }
    });
});

describe("ImportedKey", () => {
    it("creates an EXTERNAL key with secret material, the deletion window and the alias", async () => {
        const material = Buffer.alloc(32, 3).toString("base64");
        const recorder = await build(
            () =>
                new ImportedKey("imported", {
                    alias: "alias/ImportedCMK",
                    validTo: "2027-06-30T00:00:00Z",
                    deletionWindowInDays: 7,
                    keyMaterialBase64: pulumi.secret(material),
                    tags: { stack: "dev" },
                }),
        );
        const key = recorder.one("aws:kms/externalKey:ExternalKey");
        assert.equal(key.inputs.validTo, "2027-06-30T00:00:00Z");
        assert.equal(key.inputs.deletionWindowInDays, 7);
        assert.equal(key.inputs.keyMaterialBase64, material);
        assert.equal(key.wireInputs.keyMaterialBase64.value, material);
        assert.notEqual(key.wireInputs.keyMaterialBase64, material, "the material travels as a secret");
        assert.deepEqual(key.inputs.tags, { stack: "dev" });
        assert.equal(key.protect, false);
        const alias = recorder.one("aws:kms/alias:Alias");
        assert.equal(alias.inputs.name, "alias/ImportedCMK");
        assert.equal(alias.inputs.targetKeyId, fakeUuid("imported-key"));
        assert.equal(recorder.byType("random:index/randomBytes:RandomBytes").length, 0, "given material is not generated");
    });

    it("generates 32 bytes of material with @pulumi/random and protects it with the key", async () => {
        const recorder = await build(() => new ImportedKey("imported", { alias: "alias/x", protect: true }));
        const generated = recorder.one("random:index/randomBytes:RandomBytes");
        assert.equal(generated.inputs.length, 32);
        assert.equal(generated.protect, true);
        const key = recorder.one("aws:kms/externalKey:ExternalKey");
        assert.equal(key.protect, true);
        assert.equal(key.inputs.deletionWindowInDays, 30);
        assert.equal(key.inputs.validTo, undefined);
        assert.equal(key.inputs.keyMaterialBase64, generated.state.base64);
    });
});

describe("nextSteps", () => {
    it("lists the addresses still to confirm", () => {
        const text = nextStepsText([
            { email: "a@example.com", pendingConfirmation: true },
            { email: "b@example.com", pendingConfirmation: false },
        ]);
        assert.match(text, /Confirm the SNS subscription sent to a@example.com:/);
        assert.ok(!text.includes("b@example.com"));
    });

    it("says when everyone has confirmed, and when nobody is subscribed", () => {
        assert.equal(nextStepsText([{ email: "a@example.com", pendingConfirmation: false }]), "All email subscriptions are confirmed.");
        assert.match(nextStepsText([]), /No one is subscribed/);
    });
});

describe("KmsMonitoring", () => {
    it("parents every resource and tags every taggable one", async () => {
        const recorder = await build(() =>
            new KmsMonitoring("kms-monitoring", {
                namePrefix: "kms-monitoring-dev",
                alertEmails: ["a@example.com"],
                importedKey: { alias: "alias/ImportedCMK", validTo: "2027-06-30T00:00:00Z" },
                watchedKeys: ["alias/legacy"],
                tags: { project: "kms-monitoring", stack: "dev", "managed-by": "pulumi" },
            }),
        );
        const root = recorder.one("kms-monitoring:index:KmsMonitoring");
        for (const resource of recorder.resources.filter((each) => each !== root)) {
            assert.ok(resource.parent, `${resource.type} ${resource.name} has a parent`);
            assert.notEqual(resource.parent, root.parent, `${resource.name} is not parented to the stack`);
        }
        const expectedTagged: Record<string, number> = {
            "aws:sns/topic:Topic": 1,
            "aws:kms/key:Key": 1,
            "aws:sqs/queue:Queue": 1,
            "aws:cloudwatch/eventRule:EventRule": 3,
            // 2 expiry alarms; delivery: 1 topic, 3 rules, 1 dead-letter queue.
            "aws:cloudwatch/metricAlarm:MetricAlarm": 2 + 5,
            "aws:kms/externalKey:ExternalKey": 1,
        };
        for (const [type, count] of Object.entries(expectedTagged)) {
            const resources = recorder.byType(type);
            assert.equal(resources.length, count, type);
            for (const resource of resources) {
                assert.deepEqual(resource.inputs.tags, { project: "kms-monitoring", stack: "dev", "managed-by": "pulumi" }, resource.name);
            }
        }
    });

    it("invokes the account, partition and region once each", async () => {
        const recorder = await build(() => new KmsMonitoring("m", { namePrefix: "p", watchedKeys: ["alias/a", "alias/b"] }));
        const tokens = recorder.invokes.map((invoke) => invoke.token).filter((token) => !token.startsWith("aws:kms/"));
        assert.deepEqual([...tokens].sort(), ["aws:index/getCallerIdentity:getCallerIdentity", "aws:index/getPartition:getPartition", "aws:index/getRegion:getRegion"]);
    });

    it("scopes the topic policy to the partition, region and account it runs in", async () => {
        const recorder = await build(() => new KmsMonitoring("m", { namePrefix: "p", topicName: "t" }), { partition: "aws-us-gov", region: "us-gov-west-1", accountId: "444455556666" });
        const document = JSON.parse(recorder.one("aws:sns/topicPolicy:TopicPolicy").inputs.policy);
        const events = document.Statement.find((each: { Sid: string }) => each.Sid === "EventBridgeRulesPublish");
        assert.deepEqual(events.Condition.ArnEquals["aws:SourceArn"], [
            "arn:aws-us-gov:events:us-gov-west-1:444455556666:rule/p-data-key-generation",
            "arn:aws-us-gov:events:us-gov-west-1:444455556666:rule/p-key-management",
            "arn:aws-us-gov:events:us-gov-west-1:444455556666:rule/p-key-lifecycle",
        ]);
        assert.deepEqual(events.Condition.StringEquals, { "aws:SourceAccount": "444455556666" });
    });

    it("names in the topic policy exactly the rules it creates", async () => {
        const recorder = await build(() => new KmsMonitoring("m", { namePrefix: "p", apiCallAlerts: [{ name: "enc", eventNames: ["Encrypt"] }] }));
        const document = JSON.parse(recorder.one("aws:sns/topicPolicy:TopicPolicy").inputs.policy);
        const allowed = document.Statement.find((each: { Sid: string }) => each.Sid === "EventBridgeRulesPublish").Condition.ArnEquals["aws:SourceArn"];
        const created = recorder.byType("aws:cloudwatch/eventRule:EventRule").map((rule) => rule.state.arn);
        assert.deepEqual([...allowed].sort(), [...created].sort());
    });

    it("leaves out the lifecycle rule when keyLifecycleEvents is false", async () => {
        const recorder = await build(() => new KmsMonitoring("m", { namePrefix: "p", keyLifecycleEvents: false }));
        assert.equal(recorder.byType("kms-monitoring:alerts:KeyLifecycleEvents").length, 0);
        assert.equal(recorder.byType("aws:cloudwatch/eventRule:EventRule").length, 2);
    });

    it("alarms on the imported key only when its material expires", async () => {
        const recorder = await build(() => new KmsMonitoring("m", { namePrefix: "p", importedKey: { alias: "alias/forever" } }));
        assert.equal(recorder.byType("aws:kms/externalKey:ExternalKey").length, 1);
        const expiryAlarms = recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((alarm) => alarm.inputs.metricName === "SecondsUntilKeyMaterialExpiration");
        assert.equal(expiryAlarms.length, 0);
    });
});

describe("watched keys without expiring material", () => {
    it("warns that the alarm would stay in ALARM", async () => {
        const recorder = await build(() => new KeyMaterialExpiryAlarms("expiry", { watchedKeys: ["alias/aws-generated-key"], alarmNamePrefix: "p", topicArn: TOPIC_ARN }));
        assert.equal(recorder.warnings.length, 1);
        assert.match(recorder.warnings[0], /alias\/aws-generated-key \(origin AWS_KMS.*has no expiring imported key material/);
    });
});
