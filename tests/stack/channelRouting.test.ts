import { strict as assert } from "assert";
import { TARGET_RETRY_POLICY } from "../../components/alerts";
import { KmsMonitoringArgs } from "../../components/stack";
import { Recorder, restoreWarnings, valueOf } from "../harness";
import * as samples from "../../verify/samples";
import {
    destinations,
    EVERYTHING,
    everythingStack,
    fromMember,
    ORG_BUS,
    plannedHomeAlarms,
    PREFIX,
    stack,
    targetsOf,
    topicArn,
    withState,
} from "./fixtures";

afterEach(restoreWarnings);

/** The request quota and key store alarms: a home quota alarm emails itself, the others by rule. */
function capacityCases(): [string, string, object, boolean][] {
    return [
        [
            "key store, in a member account",
            ORG_BUS,
            fromMember(
                samples.keyStoreContributorEvent(
                    `${PREFIX}-member-key-store-proxy-errors`,
                    "eu-west-1",
                    "cks-1234567890abcdef0",
                    "Errors.",
                ),
            ),
            true,
        ],
        [
            "request quota at home",
            "default",
            samples.quotaAlarmStateChangeEvent(`${PREFIX}-kms-quota-rsa`, "us-east-1", "Ask."),
            false,
        ],
        [
            "request quota in eu-west-1",
            "default",
            samples.quotaAlarmStateChangeEvent(`${PREFIX}-kms-quota-ecc`, "eu-west-1", "Ask."),
            true,
        ],
    ];
}

/** Each kind of alert, where it arrives, and whether a rule emails it (a home alarm emails itself). */
function deliveryCases(): [string, string, object, boolean][] {
    const homeAlarm = `${PREFIX}-sns-failed-notifications`;
    const remoteAlarm = `${PREFIX}-forward-api-calls-failed-invocations`;
    return [
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
        ["key deleted in a member account", ORG_BUS, fromMember(samples.keyDeletionEvent), true],
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
        ...capacityCases(),
        [
            "home alarm ALARM",
            "default",
            withState(samples.alarmStateChangeEvent(homeAlarm, "us-east-1"), "ALARM"),
            false,
        ],
        [
            "home alarm OK",
            "default",
            samples.alarmStateChangeEvent(homeAlarm, "us-east-1", undefined, "OK"),
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
}

describe("alert channels", function () {
    this.timeout(60_000);
    let recorder: Recorder;
    before(async () => {
        ({ recorder } = await everythingStack());
    });

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

    it("delivers every alert to every channel: API calls, key events, expiring keys, key stores, quotas, alarms, member accounts", () => {
        const email = topicArn(recorder, "-alerts-topic");
        const chat = topicArn(recorder, "-chat-topic-topic");
        const webhooks = topicArn(recorder, "-webhooks-topic-topic");
        const pagerDuty = recorder.one("aws:cloudwatch/eventApiDestination:EventApiDestination")
            .state.arn as string;
        const cases = deliveryCases();
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
        const email = topicArn(recorder, "-alerts-topic");
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
