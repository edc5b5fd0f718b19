import { strict as assert } from "assert";
import { chatTransformers, pagerDutyTransformer } from "../../components/channels";
import {
    ExpectedMember,
    heartbeatLogPolicy,
    MemberHeartbeats,
    METRIC_FILTER_DIMENSION_PAIRS_LIMIT,
    readableAccountName,
    SILENT_MEMBERS_QUERY,
    SILENT_MEMBERS_QUERY_ROWS,
    silentMemberAlarmName,
    silentMemberFilterWarning,
} from "../../components/organization";
import { KmsMonitoring } from "../../components/stack";
import { build, Recorder, RecordedResource, restoreWarnings, TEST_TOPIC_ARN } from "../harness";
import { renderJsonTransformer } from "../support/inputTransformerRenderer";
import { filterDimensions, matchesFilterPattern } from "../support/logsFilterPattern";
import { evaluate, Request } from "../../verify/policyEvaluator";
import * as samples from "../../verify/samples";

const REGIONS = ["us-east-1", "eu-west-1"];
const BUS_NAME = "kms-monitoring-dev-members";
const HEARTBEAT_RULE = "kms-monitoring-dev-member-heartbeat";
const ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm";

afterEach(restoreWarnings);

function deployCentral(): Promise<Recorder> {
    return build(
        () =>
            new KmsMonitoring("kms-monitoring", {
                namePrefix: "kms-monitoring-dev",
                homeRegion: "us-east-1",
                regions: REGIONS,
                organization: {
                    id: "o-a1b2c3d4e5",
                    organizationalUnitIds: ["ou-ab12-cdef3456", "r-ab12"],
                    regions: REGIONS,
                },
            }),
    );
}

/** A member region's heartbeat as it arrives on the organization bus, and so in the log group. */
function heartbeat(account: string, region: string) {
    return {
        ...samples.scheduledEvent(
            `arn:aws:events:${region}:${account}:rule/${HEARTBEAT_RULE}`,
            region,
        ),
        account,
    };
}

describe("silent member accounts, by name", () => {
    let recorder: Recorder;
    let silentAlarms: RecordedResource[];
    before(async () => {
        recorder = await deployCentral();
        silentAlarms = recorder
            .byType(ALARM_TYPE)
            .filter((alarm) => alarm.inputs.name.includes("-silent-member-"));
    });

    function filter() {
        return recorder.one("aws:cloudwatch/logMetricFilter:LogMetricFilter");
    }

    /** The (account, region) series the metric filter makes of some log events. */
    function seriesOf(events: object[]): Set<string> {
        const { pattern, metricTransformation } = filter().inputs;
        return new Set(
            events
                .filter((event) => matchesFilterPattern(pattern, event))
                .map((event) => filterDimensions(metricTransformation.dimensions, event))
                .map((dimensions) => `${dimensions.Account}/${dimensions.Region}`),
        );
    }

    it("counts a member's heartbeat in the log group under its account and region", () => {
        const { logGroupName, pattern, metricTransformation } = filter().inputs;
        assert.equal(
            logGroupName,
            recorder.one("aws:cloudwatch/logGroup:LogGroup", "member-heartbeats-log").state.name,
        );
        const event = heartbeat("444455556666", "eu-west-1");
        assert.ok(matchesFilterPattern(pattern, event));
        assert.deepEqual(filterDimensions(metricTransformation.dimensions, event), {
            Account: "444455556666",
            Region: "eu-west-1",
        });
        assert.equal(metricTransformation.value, "1");
        assert.equal(metricTransformation.defaultValue, undefined, "no default with dimensions");
        // Nothing but a heartbeat counts, should anything else ever reach the log group.
        assert.ok(
            !matchesFilterPattern(pattern, { ...samples.disableKeyEvent, account: "444455556666" }),
        );
        const { account: _account, ...withoutAccount } = event;
        assert.ok(!matchesFilterPattern(pattern, withoutAccount));
    });

    it("has one alarm per expected account and region, named after the account, missing data breaching", () => {
        const expected = recorder.invokes.filter((invoke) =>
            invoke.token.endsWith("getOrganizationalUnitDescendantAccounts"),
        ).length;
        assert.equal(expected, 2, "one invoke per OU");
        // The mock's OUs hold two active members each, besides the central, the management and a
        // suspended account.
        assert.equal(silentAlarms.length, 4 * REGIONS.length);
        const { metricTransformation } = filter().inputs;
        for (const alarm of silentAlarms) {
            const { Account, Region } = alarm.inputs.dimensions;
            assert.match(Account, /^\d{12}$/);
            assert.ok(REGIONS.includes(Region));
            assert.equal(
                alarm.inputs.name,
                `kms-monitoring-dev-silent-member-Workload-${Account.slice(-4)}-${Account}-${Region}`,
            );
            assert.match(
                alarm.inputs.alarmDescription,
                new RegExp(
                    `^Member account Workload ${Account.slice(-4)} \\(${Account}\\) sent no heartbeat from ${Region}`,
                ),
            );
            assert.equal(alarm.inputs.namespace, metricTransformation.namespace);
            assert.equal(alarm.inputs.metricName, metricTransformation.name);
            assert.equal(alarm.inputs.treatMissingData, "breaching");
            assert.equal(alarm.inputs.comparisonOperator, "LessThanThreshold");
            assert.equal(alarm.inputs.threshold, 1);
            assert.deepEqual(alarm.inputs.alarmActions, [
                recorder.one("aws:sns/topic:Topic").state.arn,
            ]);
        }
        assert.equal(
            new Set(silentAlarms.map((alarm) => alarm.inputs.name)).size,
            silentAlarms.length,
        );
    });

    it("fires the silent account's alarm, and only that one, when every other pair sends", () => {
        const pairs = silentAlarms.map(
            (alarm) => alarm.inputs.dimensions as { Account: string; Region: string },
        );
        const silent = pairs[3];
        const events = pairs
            .filter((pair) => pair !== silent)
            .flatMap((pair) =>
                Array.from({ length: 12 }, () => heartbeat(pair.Account, pair.Region)),
            );
        const series = seriesOf(events);
        // Missing data is breaching and an hour with any heartbeat is not below the threshold of 1.
        const firing = silentAlarms.filter(
            (alarm) =>
                !series.has(`${alarm.inputs.dimensions.Account}/${alarm.inputs.dimensions.Region}`),
        );
        assert.deepEqual(
            firing.map((alarm) => alarm.inputs.dimensions),
            [silent],
        );
        assert.ok(firing[0].inputs.name.includes(silent.Account));
        // The count alarm stays, for accounts that join after the last pulumi up.
        const count = recorder.one(ALARM_TYPE, "member-heartbeats-alarm");
        assert.equal(count.inputs.threshold, 4 * 2 * 12 - 6);
    });

    it("keeps alarm names readable whatever the account is called", () => {
        assert.equal(
            silentMemberAlarmName(
                "p",
                { accountId: "444455556666", accountName: "Payments / Prod (EU)" },
                "eu-west-1",
            ),
            "p-silent-member-Payments-Prod-EU-444455556666-eu-west-1",
        );
        assert.equal(
            silentMemberAlarmName(
                "p",
                { accountId: "444455556666", accountName: "***" },
                "eu-west-1",
            ),
            "p-silent-member-444455556666-eu-west-1",
        );
    });
});

describe("the member heartbeats' log group policy", () => {
    const logGroupArn =
        "arn:aws:logs:us-east-1:111122223333:log-group:/aws/events/p-member-heartbeats";
    const ruleArn = `arn:aws:events:us-east-1:111122223333:rule/${BUS_NAME}/kms-monitoring-dev-member-heartbeats`;
    const policy = heartbeatLogPolicy(logGroupArn, ruleArn);
    const write = (action: string, sourceArn?: string): Request => ({
        principal: { type: "Service", id: "events.amazonaws.com" },
        action,
        resource: `${logGroupArn}:log-stream:stream`,
        context: sourceArn === undefined ? {} : { "aws:SourceArn": sourceArn },
    });

    it("lets only the heartbeat rule put events, and EventBridge create streams", () => {
        assert.equal(evaluate(policy, write("logs:PutLogEvents", ruleArn)), "Allow");
        assert.equal(
            evaluate(
                policy,
                write("logs:PutLogEvents", ruleArn.replace("member-heartbeats", "other")),
            ),
            "ImplicitDeny",
        );
        assert.equal(evaluate(policy, write("logs:PutLogEvents")), "ImplicitDeny");
        assert.equal(evaluate(policy, write("logs:CreateLogStream")), "Allow");
        assert.equal(evaluate(policy, write("logs:DeleteLogGroup", ruleArn)), "ImplicitDeny");
    });

    it("is deployed with the ARN of the rule that logs the heartbeats on the organization bus", async () => {
        const recorder = await deployCentral();
        const rule = recorder.one("aws:cloudwatch/eventRule:EventRule", "member-heartbeats-rule");
        const logGroup = recorder.one("aws:cloudwatch/logGroup:LogGroup", "member-heartbeats-log");
        const deployed = JSON.parse(
            recorder.one(
                "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
                "member-heartbeats-log-policy",
            ).inputs.policyDocument,
        );
        assert.match(rule.state.arn, new RegExp(`:rule/${BUS_NAME}/`));
        assert.match(
            logGroup.state.arn,
            /^arn:aws:logs:us-east-1:111122223333:log-group:\/aws\/events\//,
        );
        assert.deepEqual(deployed, heartbeatLogPolicy(logGroup.state.arn, rule.state.arn));
    });
});

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
        const chat = chatTransformers("aws").alarm;
        const payments = alarms.find((alarm) => alarm.inputs.dimensions.Account === "444455556666");
        assert.ok(payments);
        for (const alarm of alarms) {
            for (const [state, action] of [
                ["ALARM", "trigger"],
                ["OK", "resolve"],
            ] as const) {
                const event = stateChangeOf(alarm, state);
                const message = JSON.parse(renderJsonTransformer(chat, event, "alarms-rule"));
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
        assert.throws(() => JSON.parse(renderJsonTransformer(chat, raw, "alarms-rule")));
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
