import { strict as assert } from "assert";
import { TARGET_RETRY_POLICY } from "../../components/alerts";
import { PAGERDUTY_EVENTS_URL, WEBHOOK_DELIVERY_POLICY } from "../../components/channels";
import { KmsMonitoring, KmsMonitoringArgs, planMonitoring } from "../../components/stack";
import {
    build,
    RecordedResource,
    Recorder,
    restoreWarnings,
    settle,
    validToAfter,
    valueOf,
} from "../harness";
import { matchesPattern } from "../support/eventMatcher";
import * as samples from "../../verify/samples";

const PREFIX = "kms-monitoring-test";
const MEMBER_ACCOUNT = "444455556666";
const ORG_BUS = `${PREFIX}-members`;

/** Every channel, other regions, an organization, a trail, a key and read-only calls: the most targets and rules. */
const EVERYTHING: KmsMonitoringArgs = {
    namePrefix: PREFIX,
    homeRegion: "us-east-1",
    alertEmails: ["security@example.com"],
    regions: ["us-east-1", "eu-west-1"],
    watchedKeys: ["alias/legacy"],
    importedKey: { alias: "alias/ImportedCMK", validTo: validToAfter(200) },
    auditTrail: { create: true },
    apiCallAlerts: [
        {
            name: "key-management",
            eventNames: ["DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy"],
        },
        { name: "data-keys", eventNames: ["GenerateDataKey", "Decrypt"] },
    ],
    organization: { id: "o-a1b2c3d4e5", organizationalUnitIds: ["ou-ab12-cdef3456"] },
    chat: {
        slack: [{ workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" }],
        teams: [
            {
                tenantId: "00000000-0000-0000-0000-000000000001",
                teamId: "00000000-0000-0000-0000-000000000002",
                channelId: "19%3Aabc123%40thread.tacv2",
            },
        ],
    },
    pagerDutyRoutingKey: "R0123456789ABCDEFGHIJKLMNOPQRSTU",
    webhooks: ["https://hooks.example.com/kms?token=s3cr3t"],
};

async function stack(
    args: KmsMonitoringArgs,
): Promise<{ recorder: Recorder; monitoring: KmsMonitoring }> {
    let monitoring: KmsMonitoring | undefined;
    const recorder = await build(() => {
        monitoring = new KmsMonitoring("kms", args);
    });
    await valueOf(monitoring?.channels);
    await settle(recorder);
    return { recorder, monitoring: monitoring as KmsMonitoring };
}

const busOf = (resource: RecordedResource) =>
    (resource.inputs.eventBusName as string | undefined) ?? "default";

/**
 * The home alarms the plan names, and the deployed ones whose names start as the plan says the
 * deploy-time ones (one per member account) start; sorted, to compare with what was deployed.
 */
function plannedHomeAlarms(args: KmsMonitoringArgs, deployed: readonly string[]): string[] {
    const plan = planMonitoring(args);
    const byPrefix = deployed.filter((name) =>
        plan.homeAlarmNamePrefixes.some((prefix) => name.startsWith(prefix)),
    );
    assert.ok(byPrefix.every((name) => !plan.homeAlarmNames.includes(name)));
    return [...plan.homeAlarmNames, ...byPrefix].sort();
}

function targetsOf(recorder: Recorder, rule: RecordedResource): RecordedResource[] {
    return recorder
        .byType("aws:cloudwatch/eventTarget:EventTarget")
        .filter(
            (target) => target.inputs.rule === rule.inputs.name && busOf(target) === busOf(rule),
        );
}

/** Where an event on a home bus ends up: the ARNs of every target of every home rule it matches. */
function destinations(recorder: Recorder, bus: string, event: object): string[] {
    return recorder
        .byType("aws:cloudwatch/eventRule:EventRule")
        .filter((rule) => rule.inputs.region === undefined && busOf(rule) === bus)
        .filter((rule) => rule.inputs.eventPattern !== undefined)
        .filter((rule) => matchesPattern(JSON.parse(rule.inputs.eventPattern), event))
        .flatMap((rule) => targetsOf(recorder, rule).map((target) => target.inputs.arn as string));
}

function fromMember<T extends { account: string }>(event: T): T {
    return JSON.parse(JSON.stringify(event).replace(/111122223333/g, MEMBER_ACCOUNT)) as T;
}

function withState<T extends { detail: object }>(event: T, value: string): T {
    return { ...event, detail: { ...event.detail, state: { value } } };
}

const BACKOFF_FUNCTIONS = ["arithmetic", "exponential", "geometric", "linear"];
const RETRY_FIELDS = [
    "minDelayTarget",
    "maxDelayTarget",
    "numRetries",
    "numNoDelayRetries",
    "numMinDelayRetries",
    "numMaxDelayRetries",
    "backoffFunction",
];

/**
 * What SNS refuses in an HTTP/S delivery policy (SNS Developer Guide, "Amazon SNS message delivery
 * retries", Creating an HTTP/S delivery policy; "SetSubscriptionAttributes delivery policy JSON
 * format"): whole numbers, minDelayTarget from 1 to maxDelayTarget, maxDelayTarget up to 3,600,
 * numRetries from 0 to 100, the no-delay, pre-backoff and post-backoff retries 0 or more and
 * together at most numRetries (the backoff phase gets the rest), one of the four backoff functions,
 * at least one receive a second, a content type SNS sends, and "the total policy retry time for an
 * HTTP/S endpoint cannot be greater than 3,600 seconds". A retry waits at most maxDelayTarget in the
 * backoff phase, so the sum below is the longest the policy can take.
 */
function deliveryPolicyProblems(policy: any): string[] {
    const problems: string[] = [];
    const check = (ok: boolean, problem: string) => (ok ? undefined : problems.push(problem));
    const unknown = Object.keys(policy).filter(
        (key) => !["healthyRetryPolicy", "throttlePolicy", "requestPolicy"].includes(key),
    );
    check(unknown.length === 0, `unknown fields ${unknown.join(", ")}`);
    const retry = {
        numNoDelayRetries: 0,
        numMinDelayRetries: 0,
        numMaxDelayRetries: 0,
        ...policy.healthyRetryPolicy,
    };
    check(
        Object.keys(retry).every((key) => RETRY_FIELDS.includes(key)),
        "unknown retry fields",
    );
    for (const field of RETRY_FIELDS.filter((name) => name !== "backoffFunction")) {
        check(Number.isInteger(retry[field]) && retry[field] >= 0, `${field} is a whole number`);
    }
    const { minDelayTarget: min, maxDelayTarget: max, numRetries } = retry;
    check(min >= 1 && min <= max, "minDelayTarget is from 1 to maxDelayTarget");
    check(max <= 3600, "maxDelayTarget is at most 3,600");
    check(numRetries <= 100, "numRetries is at most 100");
    const backoffRetries =
        numRetries - retry.numNoDelayRetries - retry.numMinDelayRetries - retry.numMaxDelayRetries;
    check(backoffRetries >= 0, "the phases' retries are at most numRetries");
    check(BACKOFF_FUNCTIONS.includes(retry.backoffFunction), "backoffFunction is one of four");
    const longest =
        retry.numMinDelayRetries * min + (backoffRetries + retry.numMaxDelayRetries) * max;
    check(longest <= 3600, `retries take up to ${longest} seconds, over 3,600`);
    const perSecond = policy.throttlePolicy?.maxReceivesPerSecond;
    check(
        perSecond === undefined || (Number.isInteger(perSecond) && perSecond >= 1),
        "maxReceivesPerSecond is 1 or more",
    );
    const contentType = policy.requestPolicy?.headerContentType;
    check(
        contentType === undefined ||
            /^(text\/plain|application\/json|application\/xml)(;.*)?$/.test(contentType),
        "headerContentType is text/plain, application/json or application/xml",
    );
    return problems;
}

afterEach(restoreWarnings);

describe("alert channels", function () {
    this.timeout(60_000);
    let recorder: Recorder;
    let monitoring: KmsMonitoring;
    before(async () => {
        ({ recorder, monitoring } = await stack(EVERYTHING));
    });

    const topicArn = (suffix: string) =>
        recorder.byType("aws:sns/topic:Topic").find((topic) => topic.name.endsWith(suffix))?.state
            .arn as string;

    it("gives no rule more than EventBridge's 5 targets, every target the 24-hour retry and the dead-letter queue", () => {
        const rules = recorder.byType("aws:cloudwatch/eventRule:EventRule");
        for (const rule of rules) {
            const targets = targetsOf(recorder, rule);
            assert.ok(targets.length <= 5, `${rule.inputs.name} has ${targets.length} targets`);
        }
        const channelTargets = recorder
            .byType("aws:cloudwatch/eventTarget:EventTarget")
            .filter((target) => /-(chat|webhooks|pagerduty)-target$/.test(target.name));
        assert.ok(channelTargets.length > 40);
        for (const target of channelTargets) {
            assert.deepEqual(target.inputs.retryPolicy, TARGET_RETRY_POLICY, target.name);
            assert.match(
                target.inputs.deadLetterConfig?.arn ?? "",
                /:sqs:us-east-1:.*dead-letters/,
            );
        }
    });

    it("delivers every alert to every channel: API calls, key events, expiring keys, alarms, member accounts", () => {
        const email = topicArn("-alerts-topic");
        const chat = topicArn("-chat-topic-topic");
        const webhooks = topicArn("-webhooks-topic-topic");
        const pagerDuty = recorder.one("aws:cloudwatch/eventApiDestination:EventApiDestination")
            .state.arn as string;
        const homeAlarm = `${PREFIX}-sns-failed-notifications`;
        const remoteAlarm = `${PREFIX}-forward-api-calls-failed-invocations`;
        const cases: [string, string, object, boolean][] = [
            ["DisableKey at home", "default", samples.disableKeyEvent, true],
            ["GenerateDataKey at home", "default", samples.generateDataKeyEvent, true],
            [
                "DisableKey in eu-west-1",
                "default",
                samples.recordedIn(samples.disableKeyEvent, "eu-west-1"),
                true,
            ],
            ["DisableKey in a member account", ORG_BUS, fromMember(samples.disableKeyEvent), true],
            ["key deleted", "default", samples.keyDeletionEvent, true],
            [
                "key deleted in a member account",
                ORG_BUS,
                fromMember(samples.keyDeletionEvent),
                true,
            ],
            [
                "expiring key",
                "default",
                samples.contributorStateChangeEvent(
                    `${PREFIX}-expiring-key-material`,
                    "eu-west-1",
                    "k",
                ),
                true,
            ],
            [
                "home alarm ALARM",
                "default",
                withState(samples.alarmStateChangeEvent(homeAlarm, "us-east-1"), "ALARM"),
                false,
            ],
            [
                "home alarm OK",
                "default",
                withState(samples.alarmStateChangeEvent(homeAlarm, "us-east-1"), "OK"),
                false,
            ],
            [
                "alarm in eu-west-1",
                "default",
                samples.alarmStateChangeEvent(remoteAlarm, "eu-west-1"),
                true,
            ],
            [
                "alarm in a member account",
                ORG_BUS,
                fromMember(
                    samples.alarmStateChangeEvent(
                        `${PREFIX}-member-forward-api-calls-failed-invocations`,
                        "eu-west-1",
                    ),
                ),
                true,
            ],
        ];
        for (const [name, bus, event, emailedByRule] of cases) {
            const reached = destinations(recorder, bus, event);
            for (const [channel, arn] of Object.entries({ chat, webhooks, pagerDuty })) {
                assert.ok(reached.includes(arn), `${name} reaches ${channel}`);
            }
            assert.equal(reached.includes(email), emailedByRule, `${name}: email by a rule`);
            assert.equal(
                new Set(reached).size,
                reached.length,
                `${name} is delivered once per channel`,
            );
        }
        // A home alarm emails through its own actions, as before.
        const alarm = recorder.one(
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "-delivery-sns-failed-notifications",
        );
        assert.deepEqual(alarm.inputs.alarmActions, [email]);
    });

    it("plans exactly the home alarms that notify the topic, which the alarm rules match", () => {
        const email = topicArn("-alerts-topic");
        const notifying = recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter((alarm) => (alarm.inputs.alarmActions ?? []).includes(email))
            .map((alarm) => alarm.inputs.name as string);
        assert.deepEqual(plannedHomeAlarms(EVERYTHING, notifying), notifying.sort());
        assert.ok(notifying.some((name) => name.startsWith(`${PREFIX}-silent-member-`)));
        for (const name of notifying) {
            const reached = destinations(
                recorder,
                "default",
                withState(samples.alarmStateChangeEvent(name, "us-east-1"), "ALARM"),
            );
            assert.equal(reached.length, 3, `${name} reaches chat, webhooks and PagerDuty`);
        }
    });

    it("configures each chat channel read-only, never with AdministratorAccess, logging errors, in a Region with the API", () => {
        const policy = recorder.one("aws:iam/policy:Policy", "-chat-read-cloudwatch");
        const role = recorder.one("aws:iam/role:Role", "-chat-role");
        const attachments = recorder.byType("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.deepEqual(
            attachments
                .filter((each) => each.inputs.role === role.state.name)
                .map((each) => each.inputs.policyArn),
            [policy.state.arn],
        );
        const configurations = [
            recorder.one("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration"),
            recorder.one("aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration"),
        ];
        for (const configuration of configurations) {
            assert.deepEqual(configuration.inputs.guardrailPolicyArns, [policy.state.arn]);
            assert.ok(!JSON.stringify(configuration.inputs).includes("AdministratorAccess"));
            assert.equal(configuration.inputs.loggingLevel, "ERROR");
            assert.equal(configuration.inputs.iamRoleArn, role.state.arn);
            assert.deepEqual(configuration.inputs.snsTopicArns, [topicArn("-chat-topic-topic")]);
            // us-east-1 has no Amazon Q Developer API.
            assert.equal(configuration.inputs.region, "us-east-2");
            assert.deepEqual(configuration.replaceOnChanges, ["configurationName"]);
            assert.equal(configuration.deleteBeforeReplace, true);
        }
        assert.match(
            configurations[0].inputs.configurationName,
            /^kms-monitoring-test-slack-T07EA123LEP-C07EZ1ABC23$/,
        );
        assert.match(
            configurations[1].inputs.configurationName,
            /^kms-monitoring-test-teams-[0-9a-f]{12}$/,
        );
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

    it("encrypts the channel topics with the alert topic's key, and signs webhook messages with SHA256", () => {
        const key = recorder.one("aws:kms/key:Key").state.arn;
        for (const suffix of ["-chat-topic-topic", "-webhooks-topic-topic"]) {
            const topic = recorder
                .byType("aws:sns/topic:Topic")
                .find((each) => each.name.endsWith(suffix));
            assert.equal(topic?.inputs.kmsMasterKeyId, key, suffix);
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

    it("writes alarm descriptions the chat and PagerDuty templates may insert: no quote, backslash or line break", async () => {
        for (const alarm of recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
            const description = String(await valueOf(alarm.inputs.alarmDescription));
            assert.ok(!/["\\\n\r\t]/.test(description), `${alarm.inputs.name}: ${description}`);
        }
    });

    it("says in the alarm of an alert rule with channel targets that a channel topic may be at fault", () => {
        const alarm = recorder.one(
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "-delivery-key-management-failed-invocations",
        );
        assert.match(
            alarm.inputs.alarmDescription,
            /the alert topic or to the chat or webhook topic/,
        );
        const remote = recorder.one(
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "-delivery-remote-alarms-failed-invocations",
        );
        assert.match(remote.inputs.alarmDescription, /could not publish it to the alert topic/);
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

describe("the home alarms the channel rules match", () => {
    const variants: [string, KmsMonitoringArgs][] = [
        ["without self-monitoring", { ...EVERYTHING, selfMonitoring: false }],
        [
            "without a dead-letter queue, trail or organization, one region",
            {
                ...EVERYTHING,
                deadLetterQueue: false,
                auditTrail: undefined,
                organization: undefined,
                regions: undefined,
                webhooks: undefined,
            },
        ],
    ];
    for (const [name, args] of variants) {
        it(`are exactly the alarms that notify the topic, ${name}`, async () => {
            const { recorder } = await stack(args);
            const email = recorder.one("aws:sns/topic:Topic", "-alerts-topic").state.arn;
            const notifying = recorder
                .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
                .filter((alarm) => (alarm.inputs.alarmActions ?? []).includes(email))
                .map((alarm) => alarm.inputs.name as string);
            assert.ok(notifying.length > 0);
            assert.deepEqual(plannedHomeAlarms(args, notifying), notifying.sort());
        });
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
