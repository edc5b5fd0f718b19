import { strict as assert } from "assert";
import { DEFAULT_API_CALL_ALERTS, keyLifecycleEventPattern } from "../../components/alerts";
import { keyStoreAlarmNames, requestQuotaAlarmNames } from "../../components/alarms";
import { forwardingPlan } from "../../components/forwarding";
import { Recorder, restoreWarnings } from "../harness";
import * as samples from "../../verify/samples";
import { followHome, HOME, matching, multiRegionStack, REMOTE, rulesIn } from "./fixtures";

afterEach(restoreWarnings);

describe("events from another region reach the topic", () => {
    let recorder: Recorder;
    before(async () => {
        recorder = await multiRegionStack();
    });

    it("turns a state change of this stack's alarm there into text naming the region, the key and the state", () => {
        const alarm = recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .find(
                (each) =>
                    each.inputs.region === REMOTE &&
                    each.inputs.metricName === "SecondsUntilKeyMaterialExpiration",
            );
        assert.ok(alarm, "the replica's expiry alarm lives in its own region");
        assert.equal(
            alarm.inputs.alarmActions,
            undefined,
            "an alarm cannot notify a topic in another region",
        );
        assert.deepEqual(alarm.inputs.dimensions, {
            KeyId: "mrk-1234abcd12ab34cd56ef1234567890ab",
        });
        const [text] = followHome(
            recorder,
            samples.alarmStateChangeEvent(
                alarm.inputs.name,
                REMOTE,
                "mrk-1234abcd12ab34cd56ef1234567890ab",
            ),
        );
        assert.match(
            text,
            /^CloudWatch alarm kms-monitoring-dev-key-material-expiry-\S+ is ALARM in eu-west-1/,
        );
        assert.match(text, /State: +ALARM \(was OK\)/);
        assert.match(text, /KMS key ID: +mrk-1234abcd12ab34cd56ef1234567890ab/);
    });

    it("forwards the state changes of every alarm the forwarder itself has", () => {
        // The expiring-material alarm is the exception: its per-key changes are forwarded instead (next test).
        const remoteAlarms = recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter(
                (each) => each.inputs.region === REMOTE && each.inputs.metricQueries === undefined,
            );
        assert.ok(remoteAlarms.length >= 5);
        for (const alarm of remoteAlarms) {
            followHome(recorder, samples.alarmStateChangeEvent(alarm.inputs.name, REMOTE));
        }
    });

    it("creates in each region exactly the forwarder alarms its plan names, so the pattern forwards every one", () => {
        const contributors = [
            "kms-monitoring-dev-expiring-key-material",
            ...keyStoreAlarmNames("kms-monitoring-dev"),
        ];
        const plan = forwardingPlan("kms-monitoring-dev", {
            apiCalls: DEFAULT_API_CALL_ALERTS,
            eventAlerts: [keyLifecycleEventPattern()],
            alarmNames: requestQuotaAlarmNames("kms-monitoring-dev"),
            contributorAlarmNames: contributors,
            deadLetterQueue: true,
            selfMonitoring: true,
        });
        const created = recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter((alarm) => alarm.inputs.region === "ap-southeast-2")
            .map((alarm) => alarm.inputs.name as string);
        assert.deepEqual([...created].sort(), [...plan.alarmNames, ...contributors].sort());
    });

    it("forwards nothing of another stack's alarm, and no home rule matches it", () => {
        const event = samples.alarmStateChangeEvent(
            "kms-monitoring-dev2-key-material-expiry-x",
            REMOTE,
        );
        assert.deepEqual(matching(rulesIn(recorder, REMOTE), event), []);
        assert.deepEqual(matching(rulesIn(recorder, HOME), event), []);
    });

    it("does not alert twice on a home alarm, which notifies the topic itself", () => {
        const homeAlarm = recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .find(
                (each) =>
                    each.inputs.region === undefined &&
                    each.inputs.metricName === "SecondsUntilKeyMaterialExpiration",
            );
        assert.ok(homeAlarm);
        assert.deepEqual(
            matching(
                rulesIn(recorder, HOME),
                samples.alarmStateChangeEvent(homeAlarm.inputs.name, HOME),
            ),
            [],
        );
    });

    it("writes no double quote in any alarm description, which the readable text inserts unescaped", () => {
        for (const alarm of recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
            assert.ok(!String(alarm.inputs.alarmDescription).includes('"'), alarm.name);
        }
    });
});
