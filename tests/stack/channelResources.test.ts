import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { TARGET_RETRY_POLICY } from "../../components/alerts";
import { PAGERDUTY_EVENTS_URL, WEBHOOK_DELIVERY_POLICY } from "../../components/channels";
import { KmsMonitoring, planMonitoring } from "../../components/stack";
import { Recorder, REPO_ROOT, restoreWarnings, valueOf } from "../harness";
import { deliveryPolicyProblems } from "../support/snsDeliveryPolicy";
import { EVERYTHING, everythingStack, ORG_BUS, PREFIX, stack } from "./fixtures";

afterEach(restoreWarnings);

describe("alert channels", function () {
    this.timeout(60_000);
    let recorder: Recorder;
    let monitoring: KmsMonitoring;
    before(async () => {
        ({ recorder, monitoring } = await everythingStack());
    });

    it("sends PagerDuty's Events API v2 the routing key from the connection only, at most 2 events a second", () => {
        const destination = recorder.one("aws:cloudwatch/eventApiDestination:EventApiDestination");
        assert.equal(destination.inputs.invocationEndpoint, PAGERDUTY_EVENTS_URL);
        assert.equal(destination.inputs.httpMethod, "POST");
        assert.equal(destination.inputs.invocationRateLimitPerSecond, 2);
        const connection = recorder.one("aws:cloudwatch/eventConnection:EventConnection");
        assert.deepEqual(connection.inputs.authParameters.invocationHttpParameters.bodies, [
            { key: "routing_key", value: EVERYTHING.pagerDutyRoutingKey, isValueSecret: true },
        ]);
        assert.equal(destination.inputs.connectionArn, connection.state.arn);
    });

    it("gives webhooks an explicit retry policy and a dead-letter queue", () => {
        const subscription = recorder.one(
            "aws:sns/topicSubscription:TopicSubscription",
            "-webhooks-0",
        );
        assert.equal(subscription.inputs.protocol, "https");
        const policy = JSON.parse(subscription.inputs.deliveryPolicy);
        assert.deepEqual(deliveryPolicyProblems(policy), [], "SNS accepts the policy");
        assert.ok(policy.healthyRetryPolicy.numRetries > 3, "more than SNS's three retries");
        assert.equal(policy.requestPolicy.headerContentType, "application/json");
        const queue = recorder.one("aws:sqs/queue:Queue", "-webhooks-dead-letters");
        assert.deepEqual(JSON.parse(subscription.inputs.redrivePolicy), {
            deadLetterTargetArn: queue.state.arn,
        });
        assert.equal(queue.inputs.sqsManagedSseEnabled, true);
    });

    it("checks a delivery policy as SNS does, refusing each rule's breach", () => {
        const valid = {
            healthyRetryPolicy: { ...WEBHOOK_DELIVERY_POLICY.healthyRetryPolicy },
            requestPolicy: { headerContentType: "application/json" },
        };
        assert.deepEqual(deliveryPolicyProblems(valid), []);
        const breaches: Record<string, unknown>[] = [
            { minDelayTarget: 0 },
            { minDelayTarget: 300 },
            { maxDelayTarget: 3601, minDelayTarget: 20 },
            { numRetries: 101 },
            { numRetries: 5 },
            { numMinDelayRetries: 2.5 },
            { numMaxDelayRetries: -1 },
            { backoffFunction: "cubic" },
            { maxDelayTarget: 600 },
            { surprise: 1 },
        ];
        for (const breach of breaches) {
            const policy = {
                ...valid,
                healthyRetryPolicy: { ...valid.healthyRetryPolicy, ...breach },
            };
            assert.notDeepEqual(deliveryPolicyProblems(policy), [], JSON.stringify(breach));
        }
        assert.notDeepEqual(
            deliveryPolicyProblems({ ...valid, requestPolicy: { headerContentType: "text/html" } }),
            [],
        );
        assert.notDeepEqual(
            deliveryPolicyProblems({ ...valid, throttlePolicy: { maxReceivesPerSecond: 0 } }),
            [],
        );
        assert.notDeepEqual(deliveryPolicyProblems({ ...valid, retryPolicy: {} }), []);
    });

    it("encrypts the channel topics with the alert topic's key, by its alias, and signs webhook messages with SHA256", () => {
        const alias = recorder.one("aws:kms/alias:Alias", "-alerts-key-alias");
        const key = recorder.one("aws:kms/key:Key", "-alerts-key");
        assert.equal(alias.inputs.targetKeyId, key.state.keyId);
        for (const suffix of ["-chat-topic-topic", "-webhooks-topic-topic"]) {
            const topic = recorder
                .byType("aws:sns/topic:Topic")
                .find((each) => each.name.endsWith(suffix));
            assert.equal(topic?.inputs.kmsMasterKeyId, alias.inputs.name, suffix);
        }
        assert.equal(
            recorder.one("aws:sns/topic:Topic", "-webhooks-topic-topic").inputs.signatureVersion,
            2,
        );
    });

    it("alarms on every channel topic, queue and rule", () => {
        const alarms = recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm");
        const watching = (metric: string, dimensions: Record<string, string>) =>
            alarms.some(
                (alarm) =>
                    alarm.inputs.metricName === metric &&
                    JSON.stringify(alarm.inputs.dimensions) === JSON.stringify(dimensions),
            );
        for (const suffix of ["-chat-topic-topic", "-webhooks-topic-topic"]) {
            const name = recorder.one("aws:sns/topic:Topic", suffix).state.name;
            assert.ok(watching("NumberOfNotificationsFailed", { TopicName: name }), suffix);
        }
        const queue = recorder.one("aws:sqs/queue:Queue", "-webhooks-dead-letters").state.name;
        assert.ok(watching("ApproximateNumberOfMessagesVisible", { QueueName: queue }));
        const plan = planMonitoring(EVERYTHING);
        for (const rule of plan.homeRules.channelRules) {
            assert.ok(watching("FailedInvocations", { RuleName: rule.ruleName }), rule.ruleName);
        }
        for (const rule of plan.organization?.rules.channelRules ?? []) {
            assert.ok(
                watching("FailedInvocations", { EventBusName: ORG_BUS, RuleName: rule.ruleName }),
            );
        }
    });

    it("outputs each channel and its configuration", async () => {
        const channels = await valueOf(monitoring.channels);
        assert.deepEqual(
            channels?.chat.map((each) => [each.platform, each.channelId, each.configurationName]),
            [
                ["slack", "C07EZ1ABC23", "kms-monitoring-test-slack-T07EA123LEP-C07EZ1ABC23"],
                ["teams", "19%3Aabc123%40thread.tacv2", configurationName("teams")],
            ],
        );
        assert.match(
            channels?.chat[0].configurationArn ?? "",
            /^arn:aws:chatbot::111122223333:chat-configuration\//,
        );
        assert.equal(channels?.pagerDutyApiDestination, `${PREFIX}-pagerduty`);
        assert.deepEqual(channels?.webhooks, [{ index: 0, pendingConfirmation: false }]);
        const plan = planMonitoring(EVERYTHING);
        assert.equal(
            channels?.ruleNames.length,
            plan.homeRules.channelRules.length +
                (plan.organization?.rules.channelRules.length ?? 0),
        );
    });

    function configurationName(platform: string): string {
        return recorder.byType(
            `aws:chatbot/${platform}ChannelConfiguration:${platform === "teams" ? "Teams" : "Slack"}ChannelConfiguration`,
        )[0].inputs.configurationName;
    }
});

describe("alert channels in a home region with the chat API", () => {
    it("creates the chat configuration in the home region and adds nothing without other channels", async () => {
        const { recorder, monitoring } = await stack({
            namePrefix: PREFIX,
            homeRegion: "eu-west-1",
            chat: { slack: [{ workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" }] },
        });
        const configuration = recorder.one(
            "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
        );
        assert.equal(configuration.inputs.region, undefined, "the provider's region: eu-west-1");
        assert.deepEqual(
            recorder.byType("aws:cloudwatch/eventApiDestination:EventApiDestination"),
            [],
        );
        assert.deepEqual(recorder.byType("aws:sns/topicSubscription:TopicSubscription"), []);
        assert.ok(
            recorder
                .byType("aws:cloudwatch/eventRule:EventRule")
                .every((rule) => !/pagerduty/.test(rule.inputs.name)),
        );
        assert.equal((await valueOf(monitoring.channels))?.pagerDutyApiDestination, undefined);
    });

    it("changes nothing without a channel", async () => {
        const { recorder, monitoring } = await stack({
            namePrefix: PREFIX,
            homeRegion: "eu-west-1",
        });
        assert.deepEqual(
            recorder.resources.filter((each) => each.type.startsWith("kms-monitoring:channels:")),
            [],
        );
        assert.deepEqual(await valueOf(monitoring.channels), {
            chat: [],
            webhooks: [],
            ruleNames: [],
        });
    });
});

describe("alert channels without the dead-letter queue", () => {
    it("give no channel target a dead-letter queue, as channels.md says", async () => {
        const { recorder } = await stack({
            namePrefix: PREFIX,
            homeRegion: "eu-west-1",
            deadLetterQueue: false,
            chat: { slack: [{ workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" }] },
            pagerDutyRoutingKey: "R0123456789ABCDEFGHIJKLMNOPQRSTU",
        });
        const channelTargets = recorder
            .byType("aws:cloudwatch/eventTarget:EventTarget")
            .filter((target) => /-(chat|pagerduty)-target$/.test(target.name));
        assert.ok(channelTargets.length > 5);
        for (const target of channelTargets) {
            assert.deepEqual(target.inputs.retryPolicy, TARGET_RETRY_POLICY, target.name);
            assert.equal(target.inputs.deadLetterConfig, undefined, target.name);
        }
        const page = fs.readFileSync(path.join(REPO_ROOT, "docs", "channels.md"), "utf8");
        const guarantees = page.slice(page.indexOf("## Delivery guarantees")).replace(/\s+/g, " ");
        assert.match(guarantees, /with `deadLetterQueue: false` no target has one/);
        assert.doesNotMatch(
            guarantees,
            /Every channel target has the 24-hour retry policy and the stack's dead-letter queue/,
        );
    });
});
