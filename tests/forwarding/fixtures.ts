/** A stack watching two other regions, and how an event travels from one of them to the topic. */
import { strict as assert } from "assert";
import { KmsMonitoring } from "../../components/stack";
import { build, RecordedResource, Recorder } from "../harness";
import { matchesPattern } from "../support/eventMatcher";
import { renderTransformer } from "../support/inputTransformerRenderer";

export const HOME = "us-east-1";
export const REMOTE = "eu-west-1";
export const HOME_BUS = `arn:aws:events:${HOME}:111122223333:event-bus/default`;
const REPLICA_ARN = `arn:aws:kms:${REMOTE}:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab`;

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
export function rulesIn(recorder: Recorder, region: string): RecordedResource[] {
    return recorder
        .byType("aws:cloudwatch/eventRule:EventRule")
        .filter((rule) => (rule.inputs.region ?? HOME) === region);
}

export function matching(rules: readonly RecordedResource[], event: object): RecordedResource[] {
    return rules.filter(
        (rule) =>
            rule.inputs.eventPattern !== undefined &&
            matchesPattern(JSON.parse(rule.inputs.eventPattern), event),
    );
}

export function targetOf(recorder: Recorder, rule: RecordedResource): RecordedResource {
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
export function followHome(recorder: Recorder, event: { region: string }): string[] {
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

let multiRegion: Promise<Recorder> | undefined;

/** The multi-region stack, built once per process for the tests that only read it. */
export function multiRegionStack(): Promise<Recorder> {
    return (multiRegion ??= deployMultiRegion());
}
