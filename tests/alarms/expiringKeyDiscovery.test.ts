import { strict as assert } from "assert";
import { KmsMonitoring } from "../../components/stack";
import { parseStackConfig } from "../../components/config";
import { EXPIRING_KEYS_QUERY } from "../../components/alarms";
import { build, RecordedResource, Recorder, restoreWarnings } from "../harness";
import { matchesPattern } from "../support/eventMatcher";
import { renderTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";

const ALARM = "kms-monitoring-dev-expiring-key-material";
const KEY_ID = "0987dcba-09fe-87dc-65ba-ab0987654321";

afterEach(restoreWarnings);

function discoveryAlarms(recorder: Recorder): RecordedResource[] {
    return recorder
        .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
        .filter((alarm) => alarm.inputs.name === ALARM);
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
                ["kms-monitoring-dev-forward-contributors"],
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
