import { strict as assert } from "assert";
import { KmsMonitoring, nextStepsText } from "../../components/stack";
import { build, restoreWarnings } from "../harness";

afterEach(restoreWarnings);

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
        assert.equal(
            nextStepsText([{ email: "a@example.com", pendingConfirmation: false }]),
            "All email subscriptions are confirmed.",
        );
        assert.match(nextStepsText([]), /No one is subscribed/);
    });

    it("says which webhooks still have to confirm, and that channels stand in for email", () => {
        const text = nextStepsText([], {
            chat: [],
            webhooks: [
                { index: 0, pendingConfirmation: false },
                { index: 1, pendingConfirmation: true },
            ],
        });
        assert.match(
            text,
            /^No email address is subscribed; alerts go to the configured alert channels only\./,
        );
        assert.match(text, /The endpoints of webhooks\[1\] have not confirmed/);
        assert.ok(!text.includes("webhooks[0]"));
    });
});

describe("KmsMonitoring", () => {
    it("parents every resource and tags every taggable one", async () => {
        const recorder = await build(
            () =>
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
            assert.notEqual(
                resource.parent,
                root.parent,
                `${resource.name} is not parented to the stack`,
            );
        }
        const expectedTagged: Record<string, number> = {
            "aws:sns/topic:Topic": 1,
            "aws:kms/key:Key": 1,
            "aws:sqs/queue:Queue": 1,
            "aws:cloudwatch/eventRule:EventRule": 7,
            // 2 per-key expiry alarms, the expiring-material alarm, 3 request quota alarms, 6 key
            // store alarms; delivery: 1 topic, 7 rules, 1 dead-letter queue.
            "aws:cloudwatch/metricAlarm:MetricAlarm": 2 + 1 + 3 + 6 + 9,
            "aws:kms/externalKey:ExternalKey": 1,
        };
        for (const [type, count] of Object.entries(expectedTagged)) {
            const resources = recorder.byType(type);
            assert.equal(resources.length, count, type);
            for (const resource of resources) {
                assert.deepEqual(
                    resource.inputs.tags,
                    { project: "kms-monitoring", stack: "dev", "managed-by": "pulumi" },
                    resource.name,
                );
            }
        }
    });

    it("invokes the account, partition and region once each", async () => {
        const recorder = await build(
            () => new KmsMonitoring("m", { namePrefix: "p", watchedKeys: ["alias/a", "alias/b"] }),
        );
        const tokens = recorder.invokes
            .map((invoke) => invoke.token)
            .filter((token) => !token.startsWith("aws:kms/"));
        assert.deepEqual([...tokens].sort(), [
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:index/getPartition:getPartition",
            "aws:index/getRegion:getRegion",
        ]);
    });

    it("scopes the topic policy to the partition, region and account it runs in", async () => {
        const recorder = await build(
            () => new KmsMonitoring("m", { namePrefix: "p", topicName: "t" }),
            { partition: "aws-us-gov", region: "us-gov-west-1", accountId: "444455556666" },
        );
        const document = JSON.parse(recorder.one("aws:sns/topicPolicy:TopicPolicy").inputs.policy);
        const events = document.Statement.find(
            (each: { Sid: string }) => each.Sid === "EventBridgeRulesPublish",
        );
        assert.deepEqual(events.Condition.ArnEquals["aws:SourceArn"], [
            "arn:aws-us-gov:events:us-gov-west-1:444455556666:rule/p-data-key-generation",
            "arn:aws-us-gov:events:us-gov-west-1:444455556666:rule/p-key-management",
            "arn:aws-us-gov:events:us-gov-west-1:444455556666:rule/p-key-lifecycle",
            "arn:aws-us-gov:events:us-gov-west-1:444455556666:rule/p-key-rotation",
            "arn:aws-us-gov:events:us-gov-west-1:444455556666:rule/p-pending-deletion-use",
            "arn:aws-us-gov:events:us-gov-west-1:444455556666:rule/p-expiring-keys",
            "arn:aws-us-gov:events:us-gov-west-1:444455556666:rule/p-key-stores",
        ]);
        assert.deepEqual(events.Condition.StringEquals, { "aws:SourceAccount": "444455556666" });
    });

    it("names in the topic policy exactly the rules it creates", async () => {
        const recorder = await build(
            () =>
                new KmsMonitoring("m", {
                    namePrefix: "p",
                    apiCallAlerts: [{ name: "enc", eventNames: ["Encrypt"] }],
                }),
        );
        const document = JSON.parse(recorder.one("aws:sns/topicPolicy:TopicPolicy").inputs.policy);
        const allowed = document.Statement.find(
            (each: { Sid: string }) => each.Sid === "EventBridgeRulesPublish",
        ).Condition.ArnEquals["aws:SourceArn"];
        const created = recorder
            .byType("aws:cloudwatch/eventRule:EventRule")
            .map((rule) => rule.state.arn);
        assert.deepEqual([...allowed].sort(), [...created].sort());
    });

    it("leaves out the lifecycle and rotation rules, and the pending-deletion rule, when switched off", async () => {
        const recorder = await build(
            () =>
                new KmsMonitoring("m", {
                    namePrefix: "p",
                    keyLifecycleEvents: false,
                    pendingDeletionUseAlerts: false,
                }),
        );
        assert.equal(recorder.byType("kms-monitoring:alerts:EventAlert").length, 0);
        assert.deepEqual(
            recorder.byType("aws:cloudwatch/eventRule:EventRule").map((rule) => rule.inputs.name),
            ["p-data-key-generation", "p-key-management", "p-expiring-keys", "p-key-stores"],
        );
    });

    it("alarms on the imported key only when its material expires", async () => {
        const recorder = await build(
            () =>
                new KmsMonitoring("m", {
                    namePrefix: "p",
                    importedKey: { alias: "alias/forever" },
                }),
        );
        assert.equal(recorder.byType("aws:kms/externalKey:ExternalKey").length, 1);
        const expiryAlarms = recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter((alarm) => alarm.inputs.metricName === "SecondsUntilKeyMaterialExpiration");
        // The Metrics Insights alarm still covers it, should its material ever be made to expire.
        assert.equal(expiryAlarms.length, 0);
    });
});
