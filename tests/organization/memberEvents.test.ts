import { strict as assert } from "assert";
import { Recorder, restoreWarnings } from "../harness";
import { matchesPattern } from "../support/eventMatcher";
import { renderTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";
import * as misuse from "../../verify/misuseSamples";
import {
    BUS_NAME,
    centralRecorder,
    fromMember,
    MEMBER,
    orgRulesMatching,
    template,
} from "./fixtures";

afterEach(restoreWarnings);

describe("a member account's event reaches the topic", () => {
    let recorder: Recorder;
    before(async () => {
        recorder = await centralRecorder();
    });

    function throughTemplate(event: { region: string }): void {
        const rules = Object.values(template(recorder).Resources).filter(
            (resource) =>
                resource.Type === "AWS::Events::Rule" &&
                resource.Properties.EventPattern !== undefined,
        );
        const matched = rules.filter((rule) => matchesPattern(rule.Properties.EventPattern, event));
        assert.equal(matched.length, 1, "exactly one member rule forwards it");
        assert.equal(
            matched[0].Properties.Targets[0].Arn,
            recorder.one("aws:cloudwatch/eventBus:EventBus").state.arn,
        );
    }

    /** Through the member template, then the one organization bus rule `ruleName`: the email. */
    function emailed(event: { region: string }, ruleName: string): string {
        throughTemplate(event);
        const central = orgRulesMatching(recorder, event);
        assert.deepEqual(
            central.map((rule) => rule.inputs.name),
            [ruleName],
        );
        const target = recorder
            .byType("aws:cloudwatch/eventTarget:EventTarget")
            .find(
                (each) =>
                    each.inputs.rule === central[0].inputs.name &&
                    each.inputs.eventBusName === BUS_NAME,
            );
        assert.ok(target);
        assert.equal(target.inputs.arn, recorder.one("aws:sns/topic:Topic").state.arn);
        return renderTransformer(target.inputs.inputTransformer, event, central[0].inputs.name);
    }

    it("forwards a DisableKey call in a member region and alerts with the member's account", () => {
        const event = fromMember(samples.disableKeyEvent, "eu-west-1");
        const text = emailed(event, "kms-monitoring-dev-key-management");
        assert.match(text, new RegExp(`Account: +${MEMBER}`));
        assert.match(text, /Region: +eu-west-1/);
        assert.match(text, new RegExp(`^KMS DisableKey on arn:aws:kms:eu-west-1:${MEMBER}:key/`));
    });

    it("forwards a member's Decrypt on a key pending deletion and alerts with the member's key and caller", () => {
        const event = fromMember(misuse.pendingDeletionDecryptEvent, "eu-west-1");
        const text = emailed(event, "kms-monitoring-dev-pending-deletion-use");
        assert.match(
            text,
            new RegExp(
                `^KMS key pending deletion is still in use: arn:aws:kms:eu-west-1:${MEMBER}:key/\\S+ is pending deletion\\. Decrypt by IAMUser ${MEMBER} arn:aws:iam::${MEMBER}:user/Alice`,
            ),
        );
        assert.match(text, new RegExp(`Account: +${MEMBER}`));
        // The member's forwarder must opt in to read-only calls, as the central rule does.
        assert.equal(
            template(recorder).Resources.ForwardApiCalls.Properties.State,
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
        assert.equal(
            orgRulesMatching(recorder, event)[0].inputs.state,
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
    });

    it("forwards a member's expiring key and lifecycle events, and its alarms", () => {
        for (const event of [
            fromMember(samples.keyMaterialExpirationEvent, "us-east-1"),
            fromMember(misuse.rotationEvent("ON_DEMAND"), "eu-west-1"),
            {
                ...samples.contributorStateChangeEvent(
                    "kms-monitoring-dev-member-expiring-key-material",
                    "eu-west-1",
                    "k",
                ),
                account: MEMBER,
            },
            {
                ...samples.alarmStateChangeEvent(
                    "kms-monitoring-dev-member-forward-api-calls-failed-invocations",
                    "eu-west-1",
                ),
                account: MEMBER,
            },
        ]) {
            throughTemplate(event);
            assert.equal(orgRulesMatching(recorder, event).length, 1, event["detail-type"]);
        }
    });

    it("counts a member's heartbeat on the organization bus", () => {
        const heartbeat = samples.scheduledEvent(
            `arn:aws:events:eu-west-1:${MEMBER}:rule/kms-monitoring-dev-member-heartbeat`,
            "eu-west-1",
        );
        const matched = orgRulesMatching(recorder, { ...heartbeat, account: MEMBER });
        assert.deepEqual(
            matched.map((rule) => rule.inputs.name),
            ["kms-monitoring-dev-member-heartbeats"],
        );
        const alarm = recorder.one(
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "member-heartbeats-alarm",
        );
        assert.deepEqual(alarm.inputs.dimensions, {
            EventBusName: BUS_NAME,
            RuleName: "kms-monitoring-dev-member-heartbeats",
        });
        // Per OU the mock answers two active members (besides the central, the management and a
        // suspended account): 4 accounts in 2 regions, 12 heartbeats an hour each, half an hour's slack.
        assert.equal(alarm.inputs.threshold, 4 * 2 * 12 - 6);
        assert.equal(alarm.inputs.comparisonOperator, "LessThanThreshold");
        assert.equal(alarm.inputs.treatMissingData, "breaching");
    });

    it("lists every rule on the organization bus in the topic policy, with the bus in its ARN", () => {
        const policy = JSON.parse(recorder.one("aws:sns/topicPolicy:TopicPolicy").inputs.policy);
        const allowed: string[] = policy.Statement.find(
            (each: { Sid: string }) => each.Sid === "EventBridgeRulesPublish",
        ).Condition.ArnEquals["aws:SourceArn"];
        const topicRules = recorder
            .byType("aws:cloudwatch/eventTarget:EventTarget")
            .filter(
                (target) => target.inputs.arn === recorder.one("aws:sns/topic:Topic").state.arn,
            );
        const ruleArns = topicRules.map(
            (target) =>
                recorder
                    .byType("aws:cloudwatch/eventRule:EventRule")
                    .find(
                        (rule) =>
                            rule.state.name === target.inputs.rule &&
                            rule.inputs.eventBusName === target.inputs.eventBusName,
                    )?.state.arn,
        );
        assert.deepEqual([...allowed].sort(), [...ruleArns].sort());
        assert.ok(allowed.some((arn) => arn.includes(`:rule/${BUS_NAME}/`)));
    });
});

describe("a member's expiring key, alerted from the member's own alarm", () => {
    it("renders an alert naming the member account, the key and the region", async () => {
        const recorder = await centralRecorder();
        const event = {
            ...samples.contributorStateChangeEvent(
                "kms-monitoring-dev-member-expiring-key-material",
                "eu-west-1",
                "1234abcd-12ab-34cd-56ef-1234567890ab",
            ),
            account: MEMBER,
        };
        const rules = recorder
            .byType("aws:cloudwatch/eventRule:EventRule")
            .filter((rule) => rule.inputs.eventBusName === "kms-monitoring-dev-members")
            .filter((rule) => matchesPattern(JSON.parse(rule.inputs.eventPattern), event));
        assert.equal(rules.length, 1, "one rule on the organization bus alerts on it");
        const target = recorder
            .byType("aws:cloudwatch/eventTarget:EventTarget")
            .find(
                (each) =>
                    each.inputs.rule === rules[0].inputs.name &&
                    each.inputs.eventBusName === "kms-monitoring-dev-members",
            );
        assert.ok(target);
        const text = renderTransformer(target.inputs.inputTransformer, event, rules[0].inputs.name);
        assert.match(
            text,
            /^Imported key material of KMS key 1234abcd-12ab-34cd-56ef-1234567890ab in eu-west-1: ALARM/,
        );
        assert.match(text, new RegExp(`Account: +${MEMBER}`));
        assert.match(text, /Region: +eu-west-1/);
    });
});
