import { strict as assert } from "assert";
import { KmsMonitoring } from "../../components/stack";
import { alertKeyPolicyDocument } from "../../components/alerts/topicPolicies";
import { deadLetterQueuePolicyDocument } from "../../components/delivery/queuePolicy";
import { TARGET_RETRY_POLICY } from "../../components/alerts/topicRule";
import { ACCOUNT_ID, installMocks, Recorder, restoreWarnings, settle } from "../harness";
import { ENV } from "./fixtures";

afterEach(restoreWarnings);

describe("topic key policy document", () => {
    it("keeps the account root statement and grants both services exactly GenerateDataKey* and Decrypt", () => {
        const statements = alertKeyPolicyDocument({ ...ENV, partition: "aws-cn" }).Statement;
        assert.deepEqual(statements[0].Principal, { AWS: "arn:aws-cn:iam::111122223333:root" });
        assert.equal(statements[0].Action, "kms:*");
        const byService = (service: string) =>
            statements.filter(
                (each) => JSON.stringify(each.Principal) === JSON.stringify({ Service: service }),
            );
        for (const service of ["events.amazonaws.com", "cloudwatch.amazonaws.com"]) {
            assert.equal(byService(service).length, 1, service);
            assert.deepEqual(
                byService(service)[0].Action,
                ["kms:GenerateDataKey*", "kms:Decrypt"],
                service,
            );
        }
        assert.equal(byService("events.amazonaws.com")[0].Condition, undefined);
        assert.deepEqual(byService("cloudwatch.amazonaws.com")[0].Condition, {
            StringEquals: { "aws:SourceAccount": "111122223333" },
        });
    });
});

describe("delivery wiring", () => {
    async function deploy(
        args: Partial<ConstructorParameters<typeof KmsMonitoring>[1]> = {},
        stack = "dev",
    ): Promise<Recorder> {
        const recorder = await installMocks({ stack });
        new KmsMonitoring("kms-monitoring", {
            namePrefix: `kms-monitoring-${stack}`,
            topicName: "snsworkshop",
            alertEmails: ["a@example.com"],
            ...args,
        });
        await settle(recorder);
        return recorder;
    }

    it("encrypts the topic with its own rotating key, never alias/aws/sns", async () => {
        const recorder = await deploy({ alertKeyDeletionWindowInDays: 14 });
        const key = recorder.one("aws:kms/key:Key");
        assert.equal(key.inputs.enableKeyRotation, true);
        assert.equal(key.inputs.deletionWindowInDays, 14);
        assert.equal(key.protect, false);
        // The topic names its key by the alias, which SNS's own calls then name too
        // (components/alerts/ownTopicCalls.ts).
        const alias = recorder.one("aws:kms/alias:Alias");
        assert.equal(alias.inputs.name, "alias/kms-monitoring-dev-alerts");
        assert.equal(alias.inputs.targetKeyId, key.state.keyId);
        assert.equal(recorder.one("aws:sns/topic:Topic").inputs.kmsMasterKeyId, alias.inputs.name);
        const policy = JSON.parse(key.inputs.policy);
        assert.deepEqual(policy, alertKeyPolicyDocument(ENV));
    });

    it("leaves the topic unencrypted only when asked", async () => {
        const recorder = await deploy({ encryptTopic: false });
        assert.equal(recorder.byType("aws:kms/key:Key").length, 0);
        assert.equal(recorder.one("aws:sns/topic:Topic").inputs.kmsMasterKeyId, undefined);
    });

    it("gives every target the dead-letter queue and the retry policy", async () => {
        const recorder = await deploy();
        const queue = recorder.one("aws:sqs/queue:Queue");
        assert.equal(queue.inputs.sqsManagedSseEnabled, true);
        assert.equal(queue.inputs.messageRetentionSeconds, 1_209_600);
        const targets = recorder.byType("aws:cloudwatch/eventTarget:EventTarget");
        assert.equal(targets.length, 7);
        for (const target of targets) {
            assert.deepEqual(target.inputs.deadLetterConfig, { arn: queue.state.arn }, target.name);
            assert.deepEqual(target.inputs.retryPolicy, TARGET_RETRY_POLICY, target.name);
        }
        const queuePolicy = recorder.one("aws:sqs/queuePolicy:QueuePolicy");
        assert.equal(queuePolicy.inputs.queueUrl, queue.state.url);
        // The policy lists the rules in the plan's order; they register in their own.
        const rules = recorder
            .byType("aws:cloudwatch/eventRule:EventRule")
            .map((rule) => rule.state.arn as string);
        const policy = JSON.parse(queuePolicy.inputs.policy);
        const listed: string[] = policy.Statement[0].Condition.ArnEquals["aws:SourceArn"];
        assert.deepEqual([...listed].sort(), [...rules].sort());
        assert.deepEqual(
            policy,
            deadLetterQueuePolicyDocument({
                accountId: ACCOUNT_ID,
                queueArn: queue.state.arn,
                eventRuleArns: listed,
            }),
        );
    });

    it("keeps the retry policy but no queue when dead-letter queues are off", async () => {
        const recorder = await deploy({ deadLetterQueue: false });
        assert.equal(recorder.byType("aws:sqs/queue:Queue").length, 0);
        for (const target of recorder.byType("aws:cloudwatch/eventTarget:EventTarget")) {
            assert.equal(target.inputs.deadLetterConfig, undefined);
            assert.deepEqual(target.inputs.retryPolicy, TARGET_RETRY_POLICY);
        }
    });

    it("creates no dead-letter queue when the stack has no rules", async () => {
        const recorder = await deploy({
            apiCallAlerts: [],
            keyLifecycleEvents: false,
            pendingDeletionUseAlerts: false,
            discoverExpiringKeys: false,
            customKeyStoreAlarms: false,
            requestQuotaAlarms: false,
        });
        assert.equal(recorder.byType("aws:cloudwatch/eventRule:EventRule").length, 0);
        assert.equal(recorder.byType("aws:sqs/queue:Queue").length, 0);
        assert.deepEqual(
            recorder
                .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
                .map((alarm) => alarm.inputs.name),
            ["kms-monitoring-dev-sns-failed-notifications"],
        );
    });

    /** A rule's failed-invocation alarm: its name, metric and dimension. */
    const failed = (role: string) => [
        `kms-monitoring-dev-${role}-failed-invocations`,
        "FailedInvocations",
        { RuleName: `kms-monitoring-dev-${role}` },
    ];

    it("points each delivery alarm at the right dimension and at the topic", async () => {
        const recorder = await deploy();
        const alarms = recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter(
                (alarm) =>
                    alarm.inputs.namespace !== "AWS/KMS" &&
                    alarm.inputs.metricQueries === undefined,
            )
            .sort((a, b) => a.inputs.name.localeCompare(b.inputs.name));
        const topic = recorder.one("aws:sns/topic:Topic");
        const queue = recorder.one("aws:sqs/queue:Queue");
        assert.deepEqual(
            alarms.map((alarm) => [
                alarm.inputs.name,
                alarm.inputs.metricName,
                alarm.inputs.dimensions,
            ]),
            [
                failed("data-key-generation"),
                [
                    "kms-monitoring-dev-dead-letters",
                    "ApproximateNumberOfMessagesVisible",
                    { QueueName: queue.state.name },
                ],
                failed("expiring-keys"),
                failed("key-lifecycle"),
                failed("key-management"),
                failed("key-rotation"),
                failed("key-stores"),
                failed("pending-deletion-use"),
                [
                    "kms-monitoring-dev-sns-failed-notifications",
                    "NumberOfNotificationsFailed",
                    { TopicName: "snsworkshop" },
                ],
            ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        );
        for (const alarm of alarms) {
            assert.deepEqual(alarm.inputs.alarmActions, [topic.state.arn]);
            assert.equal(alarm.inputs.treatMissingData, "notBreaching");
            assert.ok(alarm.inputs.alarmDescription.length > 40);
        }
        assert.equal(
            recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm").length,
            alarms.length + 1 + 3 + 6,
            "no imported or watched key: the expiring-material, 3 quota and 6 key store alarms",
        );
    });

    it("adds no delivery alarms when self-monitoring is off", async () => {
        const recorder = await deploy({
            selfMonitoring: false,
            discoverExpiringKeys: false,
            requestQuotaAlarms: false,
            customKeyStoreAlarms: false,
        });
        assert.equal(recorder.byType("kms-monitoring:delivery:DeliveryAlarms").length, 0);
        assert.equal(recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm").length, 0);
    });

    it("protects the alert key when asked", async () => {
        const recorder = await deploy({ alertKeyProtect: true });
        assert.equal(recorder.one("aws:kms/key:Key").protect, true);
        assert.equal(recorder.one("aws:kms/alias:Alias").protect, true);
    });

    it("can only schedule the deletion of any KMS key it creates", async () => {
        const recorder = await deploy({ importedKey: { alias: "alias/ImportedCMK" } });
        const keys = [
            ...recorder.byType("aws:kms/key:Key"),
            ...recorder.byType("aws:kms/externalKey:ExternalKey"),
        ];
        assert.equal(keys.length, 2);
        for (const key of keys) {
            assert.ok(
                key.inputs.deletionWindowInDays >= 7 && key.inputs.deletionWindowInDays <= 30,
                key.name,
            );
        }
    });
});
