import { strict as assert } from "assert";
import { chatTransformer, pagerDutyTransformer } from "../../components/channels";
import {
    ExpectedMember,
    MemberHeartbeats,
    METRIC_FILTER_DIMENSION_PAIRS_LIMIT,
    readableAccountName,
    SILENT_MEMBERS_QUERY,
    SILENT_MEMBERS_QUERY_ROWS,
    silentMemberFilterWarning,
} from "../../components/organization";
import { build, Recorder, RecordedResource, restoreWarnings, TEST_TOPIC_ARN } from "../harness";
import { renderJsonTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";
import { ALARM_TYPE, BUS_NAME, HEARTBEAT_RULE } from "./fixtures";

afterEach(restoreWarnings);

/** The heartbeats of the organization bus, with the given members expected in the given regions. */
function deployHeartbeats(
    expectedMembers: ExpectedMember[],
    memberRegions: string[],
    silentMemberAlarms = true,
): Promise<Recorder> {
    return build(
        () =>
            new MemberHeartbeats("heartbeats", {
                namePrefix: "kms-monitoring-dev",
                busName: BUS_NAME,
                memberHeartbeatRuleName: HEARTBEAT_RULE,
                expectedMembers,
                memberRegions,
                silentMemberAlarms,
                topicArn: TEST_TOPIC_ARN,
            }),
    );
}

/** The state change CloudWatch sends when a deployed alarm goes to `state` (CloudWatch User Guide). */
function stateChangeOf(alarm: RecordedResource, state: "ALARM" | "OK") {
    const event = samples.alarmStateChangeEvent(alarm.inputs.name, "us-east-1");
    const [metric] = event.detail.configuration.metrics;
    return {
        ...event,
        detail: {
            ...event.detail,
            configuration: {
                description: alarm.inputs.alarmDescription,
                metrics: [
                    {
                        ...metric,
                        metricStat: {
                            ...metric.metricStat,
                            metric: {
                                dimensions: alarm.inputs.dimensions,
                                name: alarm.inputs.metricName,
                                namespace: alarm.inputs.namespace,
                            },
                        },
                    },
                ],
            },
            state: { ...event.detail.state, value: state },
        },
    };
}

describe("a member account whose name holds quotes, backslashes and control characters", () => {
    // AWS Organizations takes any ASCII character in an account's name.
    const hostile: ExpectedMember[] = [
        { accountId: "444455556666", accountName: 'Payments "prod" \\ EU' },
        { accountId: "777788889999", accountName: "Line\nbreak\tand\u0007bell" },
        { accountId: "222233334444", accountName: "\t\u0001" },
    ];
    let alarms: RecordedResource[];
    before(async () => {
        const recorder = await deployHeartbeats(hostile, ["eu-west-1"]);
        assert.deepEqual(recorder.warnings, [], "three pairs are far below the filter's limit");
        alarms = recorder
            .byType(ALARM_TYPE)
            .filter((alarm) => alarm.inputs.name.includes("-silent-member-"));
    });

    it("gets an alarm whose name and description hold none of them, and still names the account", () => {
        assert.equal(alarms.length, hostile.length);
        const byAccount = new Map(alarms.map((alarm) => [alarm.inputs.dimensions.Account, alarm]));
        const payments = byAccount.get("444455556666");
        assert.ok(payments);
        assert.equal(
            payments.inputs.name,
            "kms-monitoring-dev-silent-member-Payments-prod-EU-444455556666-eu-west-1",
        );
        assert.match(
            payments.inputs.alarmDescription,
            /^Member account Payments 'prod' \/ EU \(444455556666\) sent no heartbeat from eu-west-1/,
        );
        assert.match(
            byAccount.get("777788889999")?.inputs.alarmDescription,
            /^Member account Line break and bell \(777788889999\) sent/,
        );
        // Nothing readable is left of the name: the ID alone names the account.
        const blank = byAccount.get("222233334444");
        assert.equal(blank?.inputs.name, "kms-monitoring-dev-silent-member-222233334444-eu-west-1");
        assert.match(blank?.inputs.alarmDescription, /^Member account 222233334444 sent/);
        for (const alarm of alarms) {
            assert.match(alarm.inputs.name, /^[A-Za-z0-9_.-]+$/);
            assert.doesNotMatch(alarm.inputs.alarmDescription, /["\\\u0000-\u001f\u007f]/);
        }
    });

    it("fires and clears as chat and PagerDuty messages that are valid JSON naming the account", () => {
        const payments = alarms.find((alarm) => alarm.inputs.dimensions.Account === "444455556666");
        assert.ok(payments);
        for (const alarm of alarms) {
            for (const [state, action] of [
                ["ALARM", "trigger"],
                ["OK", "resolve"],
            ] as const) {
                const event = stateChangeOf(alarm, state);
                const message = JSON.parse(
                    renderJsonTransformer(chatTransformer("alarm", action), event, "alarms-rule"),
                );
                assert.ok(message.content.description.includes(alarm.inputs.alarmDescription));
                const page = JSON.parse(
                    renderJsonTransformer(
                        pagerDutyTransformer("alarm", action, "error"),
                        event,
                        "alarms-rule",
                    ),
                );
                assert.equal(page.event_action, action);
                assert.equal(
                    page.payload.custom_details.description,
                    alarm.inputs.alarmDescription,
                );
                assert.ok(page.payload.summary.includes(alarm.inputs.name));
            }
        }
        // The raw name would have broken both: EventBridge inserts a value unescaped.
        const raw = stateChangeOf(payments, "ALARM");
        raw.detail.configuration.description = `Member account ${hostile[0].accountName}`;
        assert.throws(() =>
            JSON.parse(renderJsonTransformer(chatTransformer("alarm"), raw, "alarms-rule")),
        );
        assert.throws(() =>
            JSON.parse(
                renderJsonTransformer(
                    pagerDutyTransformer("alarm", "trigger", "error"),
                    raw,
                    "alarms-rule",
                ),
            ),
        );
    });

    it("keeps an ordinary name as it is", () => {
        assert.equal(
            readableAccountName("Workload 1234 (prod) - EU/1"),
            "Workload 1234 (prod) - EU/1",
        );
    });
});

describe("more member account-region pairs than the metric filter may count", () => {
    it("warns at pulumi up from the limit on, naming the filter, the count and the query's cutoff", () => {
        assert.equal(METRIC_FILTER_DIMENSION_PAIRS_LIMIT, 1000);
        assert.equal(silentMemberFilterWarning("p", 333, 3), undefined);
        assert.equal(silentMemberFilterWarning("p", 999, 1), undefined);
        const warning = silentMemberFilterWarning("p", 500, 2);
        assert.ok(warning);
        for (const part of [
            "500 member accounts in 2 member regions are 1000 account-region pairs",
            "metric filter p-member-heartbeats",
            "1,000 dimension name/value pairs within an hour",
            "every silent-member alarm would then fire",
            "'p/Silent member accounts and regions' shows at most 1,000 pairs",
            "organization.observability: false",
        ]) {
            assert.ok(warning.includes(part), part);
        }
        assert.ok(SILENT_MEMBERS_QUERY.endsWith(`| limit ${SILENT_MEMBERS_QUERY_ROWS}`));
    });

    it("is warned of once the OUs' accounts are known, only with the per-account alarms", async () => {
        const members = Array.from({ length: 500 }, (_, index) => ({
            accountId: String(100000000000 + index),
            accountName: `Workload ${index}`,
        }));
        const regions = ["us-east-1", "eu-west-1"];
        const withoutAlarms = await deployHeartbeats(members, regions, false);
        assert.deepEqual(withoutAlarms.warnings, []);
        const recorder = await deployHeartbeats(members, regions);
        assert.deepEqual(recorder.warnings, [
            silentMemberFilterWarning("kms-monitoring-dev", 500, 2),
        ]);
        assert.equal(
            recorder.byType(ALARM_TYPE).length,
            METRIC_FILTER_DIMENSION_PAIRS_LIMIT + 1,
            "the alarms are still made, with the count alarm",
        );
    });
});
