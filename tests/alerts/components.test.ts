import { strict as assert } from "assert";
import { AlertTopic, ApiCallAlerts, EventAlert, eventAlerts } from "../../components/alerts";
import { build, restoreWarnings, TEST_ENV, TEST_TOPIC_ARN, valueOf } from "../harness";

afterEach(restoreWarnings);

describe("AlertTopic", () => {
    it("creates the topic with its display name and tags", async () => {
        const recorder = await build(
            () =>
                new AlertTopic("alerts", {
                    environment: TEST_ENV,
                    topicName: "snsworkshop",
                    displayName: "Workshop",
                    tags: { team: "sec" },
                }),
        );
        const topic = recorder.one("aws:sns/topic:Topic");
        assert.equal(topic.name, "alerts-topic");
        assert.equal(topic.inputs.name, "snsworkshop");
        assert.equal(topic.inputs.displayName, "Workshop");
        assert.deepEqual(topic.inputs.tags, { team: "sec" });
    });

    it("defaults the display name and auto-names the topic", async () => {
        const recorder = await build(() => new AlertTopic("alerts", { environment: TEST_ENV }));
        const topic = recorder.one("aws:sns/topic:Topic");
        assert.equal(topic.inputs.displayName, "KMS alerts");
        assert.equal(topic.inputs.name, undefined);
    });

    it("attaches a policy to the topic's ARN that names the rule ARNs", async () => {
        const ruleArn = "arn:aws:events:us-east-1:111122223333:rule/r1";
        const recorder = await build(
            () =>
                new AlertTopic("alerts", {
                    environment: TEST_ENV,
                    topicName: "t",
                    eventRuleArns: [ruleArn],
                }),
        );
        const policy = recorder.one("aws:sns/topicPolicy:TopicPolicy");
        assert.equal(policy.inputs.arn, "arn:aws:sns:us-east-1:111122223333:t");
        const document = JSON.parse(policy.inputs.policy);
        const events = document.Statement.find(
            (each: { Sid: string }) => each.Sid === "EventBridgeRulesPublish",
        );
        assert.deepEqual(events.Condition.ArnEquals["aws:SourceArn"], [ruleArn]);
        assert.equal(document.Statement[0].Resource, "arn:aws:sns:us-east-1:111122223333:t");
    });

    it("subscribes each address by email, named after the address", async () => {
        let topic: AlertTopic | undefined;
        const recorder = await build(() => {
            topic = new AlertTopic("alerts", {
                environment: TEST_ENV,
                topicName: "t",
                emails: ["a@example.com", "B@example.com"],
            });
        });
        const subscriptions = recorder.byType("aws:sns/topicSubscription:TopicSubscription");
        assert.deepEqual(
            subscriptions.map((each) => [
                each.name,
                each.inputs.protocol,
                each.inputs.endpoint,
                each.inputs.topic,
            ]),
            [
                [
                    "alerts-email-a@example.com",
                    "email",
                    "a@example.com",
                    "arn:aws:sns:us-east-1:111122223333:t",
                ],
                [
                    "alerts-email-b@example.com",
                    "email",
                    "B@example.com",
                    "arn:aws:sns:us-east-1:111122223333:t",
                ],
            ],
        );
        assert.deepEqual(await valueOf(topic?.subscriptions), [
            { email: "a@example.com", pendingConfirmation: true },
            { email: "B@example.com", pendingConfirmation: true },
        ]);
        assert.deepEqual(recorder.warnings, []);
    });

    it("warns that nobody is notified when there are no addresses", async () => {
        const recorder = await build(() => new AlertTopic("alerts", { environment: TEST_ENV }));
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
                    topicArn: TEST_TOPIC_ARN,
                    alerts: [
                        { name: "data-key-generation", eventNames: ["GenerateDataKey"] },
                        {
                            name: "key-management",
                            eventNames: ["DisableKey", "ScheduleKeyDeletion"],
                        },
                    ],
                    tags: { stack: "dev" },
                }),
        );
        const rules = recorder.byType("aws:cloudwatch/eventRule:EventRule");
        assert.deepEqual(
            rules.map((rule) => [rule.inputs.name, rule.inputs.state]),
            [
                [
                    "kms-monitoring-dev-data-key-generation",
                    "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
                ],
                ["kms-monitoring-dev-key-management", "ENABLED"],
            ],
        );
        assert.deepEqual(JSON.parse(rules[1].inputs.eventPattern), {
            source: ["aws.kms"],
            "detail-type": ["AWS API Call via CloudTrail"],
            detail: {
                eventSource: ["kms.amazonaws.com"],
                eventName: ["DisableKey", "ScheduleKeyDeletion"],
            },
        });
        assert.deepEqual(rules[0].inputs.tags, { stack: "dev" });
        const targets = recorder.byType("aws:cloudwatch/eventTarget:EventTarget");
        assert.deepEqual(
            targets.map((target) => [target.inputs.rule, target.inputs.arn, target.inputs.roleArn]),
            [
                ["kms-monitoring-dev-data-key-generation", TEST_TOPIC_ARN, undefined],
                ["kms-monitoring-dev-key-management", TEST_TOPIC_ARN, undefined],
            ],
        );
    });

    it("puts keyArns in the pattern", async () => {
        const keyArn =
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const recorder = await build(
            () =>
                new ApiCallAlerts("api", {
                    ruleNamePrefix: "p",
                    topicArn: TEST_TOPIC_ARN,
                    alerts: [{ name: "d", eventNames: ["Decrypt"], keyArns: [keyArn] }],
                }),
        );
        const pattern = JSON.parse(
            recorder.one("aws:cloudwatch/eventRule:EventRule").inputs.eventPattern,
        );
        assert.deepEqual(pattern.detail.resources, { ARN: [keyArn] });
    });
});

describe("EventAlert", () => {
    const [lifecycle, rotation, pendingDeletion] = eventAlerts({
        keyLifecycleEvents: true,
        pendingDeletionUseAlerts: true,
    });

    it("creates the ENABLED rule on KMS's expiration and deletion events, targeting the topic", async () => {
        const recorder = await build(
            () =>
                new EventAlert("p-key-lifecycle", {
                    alert: { ...lifecycle, ruleName: "p-key-lifecycle" },
                    topicArn: TEST_TOPIC_ARN,
                }),
        );
        const rule = recorder.one("aws:cloudwatch/eventRule:EventRule");
        assert.equal(rule.name, "p-key-lifecycle-rule", "the Pulumi name the lifecycle rule had");
        assert.equal(rule.inputs.name, "p-key-lifecycle");
        assert.equal(rule.inputs.state, "ENABLED");
        assert.deepEqual(JSON.parse(rule.inputs.eventPattern)["detail-type"], [
            "KMS Imported Key Material Expiration",
            "KMS CMK Deletion",
        ]);
        assert.equal(
            recorder.one("aws:cloudwatch/eventTarget:EventTarget").inputs.arn,
            TEST_TOPIC_ARN,
        );
    });

    it("gives rotations a rule of their own, and calls on keys pending deletion the read-only opt-in", async () => {
        const recorder = await build(() => [
            new EventAlert("p-key-rotation", {
                alert: { ...rotation, ruleName: "p-key-rotation" },
                topicArn: TEST_TOPIC_ARN,
            }),
            new EventAlert("p-pending", {
                alert: { ...pendingDeletion, ruleName: "p-pending-deletion-use" },
                topicArn: TEST_TOPIC_ARN,
            }),
        ]);
        const rules = recorder.byType("aws:cloudwatch/eventRule:EventRule");
        assert.deepEqual(
            rules.map((rule) => [rule.inputs.name, rule.inputs.state]),
            [
                ["p-key-rotation", "ENABLED"],
                ["p-pending-deletion-use", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"],
            ],
        );
        assert.deepEqual(JSON.parse(rules[0].inputs.eventPattern)["detail-type"], [
            "KMS CMK Rotation",
        ]);
    });
});
