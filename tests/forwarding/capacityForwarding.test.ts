import { strict as assert } from "assert";
import { KEY_STORE_SIGNALS } from "../../components/alarms";
import { Recorder, restoreWarnings } from "../harness";
import { renderTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";
import {
    followHome,
    HOME,
    matching,
    multiRegionStack,
    REMOTE,
    rulesIn,
    targetOf,
} from "./fixtures";

const QUOTA = "kms-monitoring-dev-kms-quota-symmetric";
const STORE = "cks-1234567890abcdef0";
const [CERTIFICATE] = KEY_STORE_SIGNALS;

afterEach(restoreWarnings);

describe("request quota and key store alarms of every region reach the topic", () => {
    let recorder: Recorder;
    before(async () => {
        recorder = await multiRegionStack();
    });

    const quotaAlarms = () =>
        recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter((alarm) => alarm.inputs.name === QUOTA);

    it("has the quota alarm in every watched region: at home it notifies the topic, elsewhere it has no actions", () => {
        const topicArn = recorder.one("aws:sns/topic:Topic").state.arn;
        const byRegion = Object.fromEntries(
            quotaAlarms().map((alarm) => [alarm.inputs.region ?? HOME, alarm.inputs]),
        );
        assert.deepEqual(Object.keys(byRegion).sort(), ["ap-southeast-2", REMOTE, HOME].sort());
        assert.deepEqual(byRegion[HOME].alarmActions, [topicArn]);
        assert.deepEqual(byRegion[HOME].okActions, [topicArn]);
        assert.equal(byRegion[REMOTE].alarmActions, undefined);
        assert.match(byRegion[REMOTE].alarmDescription, /account 111122223333, region eu-west-1,/);
    });

    it("forwards a remote quota alarm's state change home, where it alerts with its description", () => {
        const description = quotaAlarms().find((alarm) => alarm.inputs.region === REMOTE)?.inputs
            .alarmDescription;
        for (const state of ["ALARM", "OK"] as const) {
            const event = samples.quotaAlarmStateChangeEvent(QUOTA, REMOTE, description, state);
            const [text] = followHome(recorder, event);
            assert.match(
                text,
                new RegExp(`^CloudWatch alarm ${QUOTA} is ${state} in eu-west-1\\n`),
            );
            assert.ok(text.includes(description), "the description: quota, percent, what to do");
            assert.match(text, /servicequotas\/home\/services\/kms\/quotas\?region=eu-west-1/);
        }
    });

    /** The texts the home rules send the topic for an event that arrived on the home bus. */
    function alertsAtHome(event: { region: string }): string[] {
        const topicArn = recorder.one("aws:sns/topic:Topic").state.arn;
        return matching(rulesIn(recorder, HOME), event).map((rule) => {
            const target = targetOf(recorder, rule);
            assert.equal(target.inputs.arn, topicArn);
            return renderTransformer(target.inputs.inputTransformer, event, rule.inputs.name);
        });
    }

    it("turns a store's change in a key store alarm, at home or forwarded, into one alert naming the store", () => {
        for (const region of [HOME, REMOTE]) {
            const event = samples.keyStoreContributorEvent(
                `kms-monitoring-dev-key-store-${CERTIFICATE.role}`,
                region,
                STORE,
                CERTIFICATE.description,
            );
            const texts = region === HOME ? alertsAtHome(event) : followHome(recorder, event);
            assert.equal(texts.length, 1, region);
            assert.match(texts[0], new RegExp(`^Custom key store ${STORE} in ${region}: ALARM`));
            assert.match(texts[0], /Key store ID: +cks-1234567890abcdef0/);
            assert.match(texts[0], /Rule: kms-monitoring-dev-key-stores$/);
            assert.ok(texts[0].includes(CERTIFICATE.description));
        }
    });

    it("matches neither the key store alarms as a whole nor another stack's", () => {
        const whole = samples.alarmStateChangeEvent(
            `kms-monitoring-dev-key-store-${CERTIFICATE.role}`,
            HOME,
        );
        assert.deepEqual(matching(rulesIn(recorder, HOME), whole), []);
        const other = samples.keyStoreContributorEvent(
            "other-key-store-certificate",
            HOME,
            STORE,
            "x",
        );
        assert.deepEqual(matching(rulesIn(recorder, HOME), other), []);
    });
});
