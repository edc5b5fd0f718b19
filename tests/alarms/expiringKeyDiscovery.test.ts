import { strict as assert } from "assert";
import { KmsMonitoring } from "../../components/stack";
import { parseStackConfig } from "../../components/config";
import {
    EXPIRING_KEYS_BY_ACCOUNT_QUERY,
    EXPIRING_KEYS_QUERY,
    expiringKeysAlarmSettings,
    METRICS_INSIGHTS_MAX_EVALUATION_SECONDS,
} from "../../components/alarms";
import { build, RecordedResource, Recorder, restoreWarnings } from "../harness";
import { matchesPattern } from "../support/eventMatcher";
import { renderTransformer } from "../support/inputTransformerRenderer";
import { parseMetricsInsights } from "../support/metricsInsights";
import * as samples from "../../verify/samples";

const ALARM = "kms-monitoring-dev-expiring-key-material";
const KEY_ID = "0987dcba-09fe-87dc-65ba-ab0987654321";

afterEach(restoreWarnings);

function discoveryAlarms(recorder: Recorder): RecordedResource[] {
    return recorder
        .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
        .filter((alarm) => alarm.inputs.metricQueries !== undefined);
}

function rulesMatching(
    recorder: Recorder,
    event: { region: string },
    region: string,
): RecordedResource[] {
    return recorder
        .byType("aws:cloudwatch/eventRule:EventRule")
        .filter(
            (rule) =>
                (rule.inputs.region ?? "us-east-1") === region &&
                rule.inputs.eventPattern !== undefined &&
                matchesPattern(JSON.parse(rule.inputs.eventPattern), event),
        );
}

function targetOf(recorder: Recorder, rule: RecordedResource): RecordedResource {
    return recorder.one(
        "aws:cloudwatch/eventTarget:EventTarget",
        `${rule.name.replace(/-rule$/, "")}-target`,
    );
}

describe("the expiring-material query", () => {
    it("selects the least time left per key from every key of the region, soonest first", () => {
        assert.deepEqual(parseMetricsInsights(EXPIRING_KEYS_QUERY), {
            function: "MIN",
            metric: "SecondsUntilKeyMaterialExpiration",
            namespace: "AWS/KMS",
            schemaDimensions: ["KeyId"],
            where: [],
            groupBy: ["KeyId"],
            orderBy: { function: "MIN", direction: "ASC" },
        });
    });

    it("has a monitoring-account form that groups every linked account's keys by account and key", () => {
        assert.equal(
            EXPIRING_KEYS_BY_ACCOUNT_QUERY,
            'SELECT MIN(SecondsUntilKeyMaterialExpiration) FROM SCHEMA("AWS/KMS", KeyId) ' +
                "GROUP BY AWS.AccountId, KeyId ORDER BY MIN() ASC",
        );
        assert.deepEqual(parseMetricsInsights(EXPIRING_KEYS_BY_ACCOUNT_QUERY), {
            ...parseMetricsInsights(EXPIRING_KEYS_QUERY),
            groupBy: ["AWS.AccountId", "KeyId"],
        });
    });

    it("is a parser that refuses what Metrics Insights refuses or ignores", () => {
        const schema = 'SELECT SUM(FailedInvocations) FROM SCHEMA("AWS/Events", RuleName)';
        assert.deepEqual(
            parseMetricsInsights(`${schema} WHERE RuleName = 'r' GROUP BY AWS.AccountId`).where,
            [{ key: "RuleName", operator: "=", value: "r" }],
        );
        // Double quotes are for names, not values; OR and LIKE are not WHERE operators.
        assert.throws(() => parseMetricsInsights(`${schema} WHERE RuleName = "r"`), /not a query/);
        assert.throws(
            () => parseMetricsInsights(`${schema} WHERE RuleName = 'a' OR RuleName = 'b'`),
            /not a query/,
        );
        assert.throws(
            () => parseMetricsInsights(`${schema} WHERE RuleName LIKE 'a%'`),
            /not a query/,
        );
        // A key outside the SCHEMA would group everything under Other.
        assert.throws(
            () => parseMetricsInsights(`${schema} GROUP BY AWS.AccountId, QueueName`),
            /QueueName is not a dimension/,
        );
        assert.throws(() => parseMetricsInsights(`${schema} GROUP BY AWS.Account`), /not a query/);
    });

    it("is rejected by the parser when it is not a multi-time-series query", () => {
        assert.throws(() => parseMetricsInsights("SELECT MIN(x) FROM KMS"), /not a query/);
        assert.equal(
            parseMetricsInsights('SELECT MIN(x) FROM SCHEMA("AWS/KMS", KeyId)').groupBy.length,
            0,
        );
    });

    it("fires at or below the warning days, within the three hours Metrics Insights alarms may look back", () => {
        const settings = expiringKeysAlarmSettings(21);
        assert.equal(settings.comparisonOperator, "LessThanOrEqualToThreshold");
        assert.equal(settings.threshold, 21 * 86_400);
        const [query] = settings.metricQueries;
        assert.equal(query.period % 60, 0);
        assert.ok(
            query.period * settings.evaluationPeriods <= METRICS_INSIGHTS_MAX_EVALUATION_SECONDS,
        );
        assert.ok(settings.datapointsToAlarm <= settings.evaluationPeriods);
    });
});

describe("one expiring-material alarm per region", () => {
    let recorder: Recorder;
    before(async () => {
        recorder = await build(
            () =>
                new KmsMonitoring("kms-monitoring", {
                    namePrefix: "kms-monitoring-dev",
                    alertEmails: ["a@example.com"],
                    expiryWarningDays: 10,
                    homeRegion: "us-east-1",
                    regions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
                }),
        );
    });

    it("sends AWS exactly the query, the threshold and no top-level metric, and no actions", () => {
        const alarms = discoveryAlarms(recorder);
        assert.deepEqual(
            alarms.map((alarm) => alarm.inputs.region ?? "home"),
            ["home", "eu-west-1", "ap-southeast-2"],
        );
        for (const alarm of alarms) {
            assert.equal(alarm.inputs.name, ALARM);
            assert.deepEqual(alarm.inputs.metricQueries, [
                { id: "expiring", expression: EXPIRING_KEYS_QUERY, period: 3600, returnData: true },
            ]);
            for (const field of [
                "metricName",
                "namespace",
                "statistic",
                "period",
                "dimensions",
                "alarmActions",
                "okActions",
            ]) {
                assert.equal(alarm.inputs[field], undefined, field);
            }
            assert.equal(alarm.inputs.comparisonOperator, "LessThanOrEqualToThreshold");
            assert.equal(alarm.inputs.threshold, 10 * 86_400);
            assert.equal(alarm.inputs.treatMissingData, "notBreaching");
        }
    });

    it("turns a key's contributor change at home into one alert that names the key, region, account and state", () => {
        const event = samples.contributorStateChangeEvent(ALARM, "us-east-1", KEY_ID);
        const rules = rulesMatching(recorder, event, "us-east-1");
        assert.deepEqual(
            rules.map((rule) => rule.inputs.name),
            ["kms-monitoring-dev-expiring-keys"],
        );
        const target = targetOf(recorder, rules[0]);
        assert.equal(target.inputs.arn, recorder.one("aws:sns/topic:Topic").state.arn);
        const text = renderTransformer(target.inputs.inputTransformer, event, rules[0].inputs.name);
        assert.match(
            text,
            new RegExp(`^Imported key material of KMS key ${KEY_ID} in us-east-1: ALARM\\n`),
        );
        assert.match(text, /Account: +111122223333/);
        assert.match(text, /ALARM: 10 days or fewer of validity left/);
    });

    it("forwards each remote region's contributor changes home once, where they alert with that region's name", () => {
        for (const region of ["eu-west-1", "ap-southeast-2"]) {
            const event = samples.contributorStateChangeEvent(ALARM, region, KEY_ID, "OK");
            const forwarders = rulesMatching(recorder, event, region);
            assert.deepEqual(
                forwarders.map((rule) => rule.inputs.name),
                ["kms-monitoring-dev-forward-expiring-keys"],
            );
            const home = rulesMatching(recorder, event, "us-east-1");
            assert.equal(home.length, 1);
            const text = renderTransformer(
                targetOf(recorder, home[0]).inputs.inputTransformer,
                event,
                home[0].inputs.name,
            );
            assert.match(
                text,
                new RegExp(`^Imported key material of KMS key ${KEY_ID} in ${region}: OK\\n`),
            );
        }
    });

    it("reports the alarm as a whole nowhere, so one change is one email", () => {
        for (const region of ["us-east-1", "eu-west-1"]) {
            const event = samples.alarmStateChangeEvent(ALARM, region);
            assert.deepEqual(rulesMatching(recorder, event, region), [], region);
            assert.deepEqual(rulesMatching(recorder, event, "us-east-1"), []);
        }
    });

    it("ignores contributor changes of another alarm", () => {
        const event = samples.contributorStateChangeEvent(
            "someone-elses-alarm",
            "us-east-1",
            KEY_ID,
        );
        assert.deepEqual(rulesMatching(recorder, event, "us-east-1"), []);
        assert.deepEqual(
            rulesMatching(
                recorder,
                samples.contributorStateChangeEvent("someone-elses-alarm", "eu-west-1", KEY_ID),
                "eu-west-1",
            ),
            [],
        );
    });
});

describe("discoverExpiringKeys: false", () => {
    it("creates no Metrics Insights alarm, no contributor rule and no forwarder for it", async () => {
        const recorder = await build(
            () =>
                new KmsMonitoring("kms-monitoring", {
                    namePrefix: "kms-monitoring-dev",
                    discoverExpiringKeys: false,
                    homeRegion: "us-east-1",
                    regions: ["us-east-1", "eu-west-1"],
                }),
        );
        assert.deepEqual(discoveryAlarms(recorder), []);
        assert.equal(recorder.byType("kms-monitoring:alarms:ExpiringKeyDiscovery").length, 0);
        const ruleNames = recorder
            .byType("aws:cloudwatch/eventRule:EventRule")
            .map((rule) => rule.inputs.name);
        assert.ok(!ruleNames.some((name) => name.includes("expiring-keys")), ruleNames.join(", "));
    });

    it("is read from the stack config, defaulting to true, and must be a boolean", () => {
        const context = {
            project: "kms-monitoring",
            stack: "dev",
            now: new Date("2026-11-28T00:00:00Z"),
            homeRegion: "us-east-1",
        };
        assert.equal(parseStackConfig({}, context).discoverExpiringKeys, true);
        assert.equal(
            parseStackConfig({ discoverExpiringKeys: "false" }, context).discoverExpiringKeys,
            false,
        );
        assert.throws(
            () => parseStackConfig({ discoverExpiringKeys: "yes" }, context),
            /kms-monitoring:discoverExpiringKeys: must be true or false \(got "yes"\)/,
        );
    });
});
