import { strict as assert } from "assert";
import { memberHeartbeatLogPolicy, silentMemberAlarmName } from "../../components/organization";
import { KmsMonitoring } from "../../components/stack";
import { build, Recorder, RecordedResource, restoreWarnings } from "../harness";
import { filterDimensions, matchesFilterPattern } from "../support/logsFilterPattern";
import { evaluate, Request } from "../../verify/policyEvaluator";
import * as samples from "../../verify/samples";
import { ALARM_TYPE, BUS_NAME, HEARTBEAT_RULE, ORGANIZATION, REGIONS } from "./fixtures";

afterEach(restoreWarnings);

function deployCentral(): Promise<Recorder> {
    return build(
        () =>
            new KmsMonitoring("kms-monitoring", {
                namePrefix: "kms-monitoring-dev",
                homeRegion: "us-east-1",
                regions: REGIONS,
                organization: ORGANIZATION,
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
    const policy = memberHeartbeatLogPolicy(logGroupArn, ruleArn);
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
        assert.deepEqual(deployed, memberHeartbeatLogPolicy(logGroup.state.arn, rule.state.arn));
    });
});
