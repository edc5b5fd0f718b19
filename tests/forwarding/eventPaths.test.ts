import { strict as assert } from "assert";
import { KmsMonitoring } from "../../components/stack";
import { DEFAULT_API_CALL_ALERTS } from "../../components/alerts";
import { forwardingPlan } from "../../components/forwarding";
import { build, RecordedResource, Recorder, restoreWarnings } from "../harness";
import { matchesPattern } from "../support/eventMatcher";
import { evaluate } from "../../verify/policyEvaluator";
import { renderTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";

const HOME = "us-east-1";
const REMOTE = "eu-west-1";
const HOME_BUS = `arn:aws:events:${HOME}:111122223333:event-bus/default`;
const REPLICA_ARN = `arn:aws:kms:${REMOTE}:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab`;

afterEach(restoreWarnings);

function deployMultiRegion(): Promise<Recorder> {
    return build(() => {
        new KmsMonitoring("kms-monitoring", {
            namePrefix: "kms-monitoring-dev",
            alertEmails: ["a@example.com"],
            homeRegion: HOME,
            regions: [HOME, REMOTE, "ap-southeast-2"],
            watchedKeys: [REPLICA_ARN, "alias/home-key"],
        });
    });
}

/** The rules on the default bus of `region`; resources without a region input are in the provider's (home) region. */
function rulesIn(recorder: Recorder, region: string): RecordedResource[] {
    return recorder
        .byType("aws:cloudwatch/eventRule:EventRule")
        .filter((rule) => (rule.inputs.region ?? HOME) === region);
}

function matching(rules: readonly RecordedResource[], event: object): RecordedResource[] {
    return rules.filter(
        (rule) =>
            rule.inputs.eventPattern !== undefined &&
            matchesPattern(JSON.parse(rule.inputs.eventPattern), event),
    );
}

function targetOf(recorder: Recorder, rule: RecordedResource): RecordedResource {
    const targets = recorder
        .byType("aws:cloudwatch/eventTarget:EventTarget")
        .filter(
            (target) =>
                target.inputs.rule === rule.inputs.name &&
                target.inputs.region === rule.inputs.region,
        );
    assert.equal(targets.length, 1, `one target for ${rule.inputs.name}`);
    return targets[0];
}

/**
 * Follows one event from its region to an email: exactly one forwarder there sends it to the
 * home bus with the role; at home, the alert rules that match it target the topic. Returns the
 * texts people would receive.
 */
function followHome(recorder: Recorder, event: { region: string }): string[] {
    const forwarders = matching(rulesIn(recorder, event.region), event);
    assert.equal(
        forwarders.length,
        1,
        `one forwarder in ${event.region} matches, got ${forwarders.map((rule) => rule.inputs.name).join(", ")}`,
    );
    const hop = targetOf(recorder, forwarders[0]);
    assert.equal(hop.inputs.arn, HOME_BUS);
    assert.equal(hop.inputs.roleArn, recorder.one("aws:iam/role:Role").state.arn);
    assert.equal(hop.inputs.inputTransformer, undefined, "the event is forwarded as it is");

    const alerts = matching(rulesIn(recorder, HOME), event);
    assert.ok(alerts.length > 0, "a home rule matches the forwarded event");
    const topicArn = recorder.one("aws:sns/topic:Topic").state.arn;
    return alerts.map((rule) => {
        const target = targetOf(recorder, rule);
        assert.equal(target.inputs.arn, topicArn);
        return renderTransformer(target.inputs.inputTransformer, event, rule.inputs.name);
    });
}

describe("events from another region reach the topic", () => {
    let recorder: Recorder;
    before(async () => {
        recorder = await deployMultiRegion();
    });

    it("forwards a GenerateDataKey call, with the read-only opt-in on both rules, and names the region", () => {
        const event = samples.recordedIn(samples.generateDataKeyEvent, REMOTE);
        const [text] = followHome(recorder, event);
        assert.match(text, /^KMS GenerateDataKey on arn:aws:kms:eu-west-1:/);
        assert.match(text, /Region: +eu-west-1/);
        assert.equal(
            matching(rulesIn(recorder, REMOTE), event)[0].inputs.state,
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
        assert.equal(
            matching(rulesIn(recorder, HOME), event)[0].inputs.state,
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
    });

    it("forwards a DisableKey call and a ScheduleKeyDeletion call once each", () => {
        for (const sample of [samples.disableKeyEvent, samples.scheduleKeyDeletionEvent]) {
            const texts = followHome(recorder, samples.recordedIn(sample, "ap-southeast-2"));
            assert.equal(texts.length, 1);
            assert.match(texts[0], /Region: +ap-southeast-2/);
        }
    });

    it("forwards KMS's own lifecycle events", () => {
        for (const sample of [
            samples.keyMaterialExpirationEvent,
            samples.keyRotationEvent,
            samples.keyDeletionEvent,
        ]) {
            const [text] = followHome(recorder, samples.recordedIn(sample, REMOTE));
            assert.match(text, /Region: +eu-west-1/);
            assert.match(text, /arn:aws:kms:eu-west-1:111122223333:key\//);
        }
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
        const plan = forwardingPlan("kms-monitoring-dev", {
            apiCalls: DEFAULT_API_CALL_ALERTS,
            keyLifecycleEvents: true,
            alarmNames: [],
            expiringKeysAlarmName: "kms-monitoring-dev-expiring-key-material",
            deadLetterQueue: true,
            selfMonitoring: true,
        });
        const created = recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter((alarm) => alarm.inputs.region === "ap-southeast-2")
            .map((alarm) => alarm.inputs.name as string);
        assert.deepEqual(
            [...created].sort(),
            [...plan.ownAlarmNames, "kms-monitoring-dev-expiring-key-material"].sort(),
        );
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

    it("counts each region's heartbeat at home with its own rule, and no other", () => {
        for (const region of [REMOTE, "ap-southeast-2"]) {
            const [heartbeat] = rulesIn(recorder, region).filter(
                (rule) => rule.inputs.scheduleExpression !== undefined,
            );
            assert.equal(
                heartbeat.inputs.state,
                "ENABLED",
                "a scheduled rule rejects ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
            );
            assert.equal(targetOf(recorder, heartbeat).inputs.arn, HOME_BUS);
            const arrived = matching(
                rulesIn(recorder, HOME),
                samples.scheduledEvent(heartbeat.state.arn, region),
            );
            assert.deepEqual(
                arrived.map((rule) => rule.inputs.name),
                [`kms-monitoring-dev-heartbeat-${region}`],
            );
            const alarm = recorder.one(
                "aws:cloudwatch/metricAlarm:MetricAlarm",
                `heartbeats-${region}-alarm`,
            );
            assert.deepEqual(alarm.inputs.dimensions, {
                RuleName: `kms-monitoring-dev-heartbeat-${region}`,
            });
            // Invocations is published for a rule with a target; the log group is that target.
            assert.equal(alarm.inputs.metricName, "Invocations");
            const [arrival] = arrived;
            const logGroup = recorder.one("aws:cloudwatch/logGroup:LogGroup", "heartbeats-log");
            assert.equal(targetOf(recorder, arrival).inputs.arn, logGroup.state.arn);
            assert.equal(targetOf(recorder, arrival).inputs.roleArn, undefined);
            const policy = JSON.parse(
                recorder.one(
                    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
                    "heartbeats-log-policy",
                ).inputs.policyDocument,
            );
            assert.equal(
                evaluate(policy, {
                    principal: { type: "Service", id: "events.amazonaws.com" },
                    action: "logs:PutLogEvents",
                    resource: `${logGroup.state.arn}:log-stream:x`,
                    context: { "aws:SourceArn": arrival.state.arn },
                }),
                "Allow",
            );
            assert.equal(alarm.inputs.treatMissingData, "breaching");
            assert.deepEqual(alarm.inputs.alarmActions, [
                recorder.one("aws:sns/topic:Topic").state.arn,
            ]);
            assert.match(
                alarm.inputs.alarmDescription,
                new RegExp(`No heartbeat from ${region}.*forwarding role`),
            );
        }
    });

    it("writes no double quote in any alarm description, which the readable text inserts unescaped", () => {
        for (const alarm of recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
            assert.ok(!String(alarm.inputs.alarmDescription).includes('"'), alarm.name);
        }
    });

    it("targets the home bus directly from every remote rule: no chain through another region", () => {
        const remoteTargets = recorder
            .byType("aws:cloudwatch/eventTarget:EventTarget")
            .filter((target) => target.inputs.region !== undefined);
        assert.equal(remoteTargets.length, 10);
        for (const target of remoteTargets) {
            assert.equal(target.inputs.arn, HOME_BUS, target.name);
            assert.equal(
                target.inputs.retryPolicy,
                undefined,
                "left at EventBridge's default for bus targets",
            );
            assert.ok(
                target.inputs.deadLetterConfig.arn.startsWith(
                    `arn:aws:sqs:${target.inputs.region}:`,
                ),
                "each region's queue is in that region",
            );
        }
    });
});
