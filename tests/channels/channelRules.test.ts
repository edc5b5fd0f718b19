import { strict as assert } from "assert";
import {
    LONGEST_CHANNEL_RULE_ROLE,
    PAGERDUTY_RULE_FAMILIES,
    planChannelRules,
} from "../../components/channels";
import * as samples from "../../verify/samples";
import {
    EXPIRING,
    HOME_ALARM,
    INPUTS,
    KEY_STORE_ALARMS,
    matching,
    pagerDutyBody,
    PREFIX,
    QUOTA_ALARM,
    REMOTE_ALARM,
    withState,
} from "./channelFixtures";

describe("channel rules", () => {
    const rules = planChannelRules(INPUTS);

    it("are none without a channel", () => {
        assert.deepEqual(planChannelRules({ ...INPUTS, channels: [] }), []);
    });

    it("give PagerDuty one rule per severity, each with the state its calls need", () => {
        const pagerDuty = rules.filter((rule) => rule.role.startsWith("pagerduty-"));
        assert.deepEqual(
            pagerDuty.map((rule) => [rule.role, rule.severity, rule.state]),
            [
                ["pagerduty-critical", "critical", "ENABLED"],
                ["pagerduty-warning", "warning", "ENABLED"],
                ["pagerduty-info", "info", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"],
                ["pagerduty-key-lifecycle", "critical", "ENABLED"],
                ["pagerduty-key-rotation", "info", "ENABLED"],
                [
                    "pagerduty-pending-deletion-use",
                    "critical",
                    "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
                ],
            ],
        );
        for (const rule of pagerDuty) {
            assert.deepEqual(rule.channels, ["pagerduty"]);
            assert.equal(rule.ruleName, `${PREFIX}-${rule.role}`);
        }
    });

    it("page each KMS event once, with the severity of its kind", () => {
        for (const [event, severity] of [
            [samples.disableKeyEvent, "critical"],
            [samples.scheduleKeyDeletionEvent, "critical"],
            [samples.generateDataKeyEvent, "info"],
            [samples.keyDeletionEvent, "critical"],
            [samples.keyMaterialExpirationEvent, "critical"],
            [samples.keyRotationEvent, "info"],
        ] as const) {
            const body = pagerDutyBody(rules, event);
            assert.equal(body.event_action, "trigger");
            assert.equal(body.payload.severity, severity);
            assert.equal(body.dedup_key, event.id);
        }
        assert.deepEqual(matching(rules, samples.decryptEvent), [], "Decrypt is not watched");
    });

    it("turn an alarm's ALARM and then OK into trigger and resolve with one dedup key", () => {
        for (const [alarm, region] of [
            [HOME_ALARM, "us-east-1"],
            [REMOTE_ALARM, "eu-west-1"],
        ]) {
            const event = samples.alarmStateChangeEvent(alarm, region);
            const firing = pagerDutyBody(rules, event);
            const resolved = pagerDutyBody(
                rules,
                samples.alarmStateChangeEvent(alarm, region, undefined, "OK"),
            );
            assert.equal(firing.event_action, "trigger");
            assert.equal(resolved.event_action, "resolve");
            assert.equal(firing.dedup_key, resolved.dedup_key);
            assert.equal(firing.dedup_key, event.resources[0]);
            assert.equal(firing.payload.severity, "error");
        }
        const insufficient = withState(
            samples.alarmStateChangeEvent(HOME_ALARM, "us-east-1"),
            "INSUFFICIENT_DATA",
        );
        assert.deepEqual(matching(rules, insufficient), []);
    });

    it("fire on a new alarm that starts in ALARM, and resolve only what fired: INSUFFICIENT_DATA to OK is no resolve", () => {
        for (const [alarm, region] of [
            [HOME_ALARM, "us-east-1"],
            [REMOTE_ALARM, "eu-west-1"],
        ]) {
            // Every new alarm starts in INSUFFICIENT_DATA and goes to OK at its first evaluation.
            const firstEvaluation = samples.alarmStateChangeEvent(
                alarm,
                region,
                undefined,
                "OK",
                "INSUFFICIENT_DATA",
            );
            assert.deepEqual(matching(rules, firstEvaluation), [], "no chat OK, no resolve");
            const startsBreaching = samples.alarmStateChangeEvent(
                alarm,
                region,
                undefined,
                "ALARM",
                "INSUFFICIENT_DATA",
            );
            assert.equal(pagerDutyBody(rules, startsBreaching).event_action, "trigger");
            assert.deepEqual(
                matching(rules, startsBreaching).flatMap((rule) => rule.channels),
                ["chat", "webhooks", "pagerduty"],
            );
        }
    });

    it("resolve an expiring key's incident when its contributor goes back to OK", () => {
        const keyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
        const firing = pagerDutyBody(
            rules,
            samples.contributorStateChangeEvent(EXPIRING, "eu-west-1", keyId, "ALARM"),
        );
        const resolved = pagerDutyBody(
            rules,
            samples.contributorStateChangeEvent(EXPIRING, "eu-west-1", keyId, "OK"),
        );
        assert.deepEqual(
            [firing.event_action, resolved.event_action, firing.payload.severity],
            ["trigger", "resolve", "warning"],
        );
        assert.equal(firing.dedup_key, resolved.dedup_key);
        assert.ok(firing.dedup_key.endsWith(`/${keyId}`));
    });

    it("page a custom key store per store and alarm, and a request quota, as error", () => {
        const event = (alarm: string, state: "ALARM" | "OK") =>
            samples.keyStoreContributorEvent(alarm, "eu-west-1", "cks-1", "Renew it.", state);
        const firing = pagerDutyBody(rules, event(KEY_STORE_ALARMS[0], "ALARM"));
        const resolved = pagerDutyBody(rules, event(KEY_STORE_ALARMS[0], "OK"));
        const other = pagerDutyBody(rules, event(KEY_STORE_ALARMS[1], "ALARM"));
        assert.deepEqual(
            [firing.event_action, resolved.event_action, firing.payload.severity],
            ["trigger", "resolve", "error"],
        );
        assert.ok(firing.dedup_key === resolved.dedup_key && firing.dedup_key.endsWith("/cks-1"));
        assert.notEqual(other.dedup_key, firing.dedup_key);
        assert.match(firing.payload.summary, /^Custom key store cks-1 in eu-west-1/);
        assert.equal(firing.payload.custom_details.description, "Renew it.");
        const quotas = ["us-east-1", "eu-west-1"].map((region) =>
            pagerDutyBody(rules, samples.quotaAlarmStateChangeEvent(QUOTA_ALARM, region, "Ask.")),
        );
        assert.ok(quotas.every((body) => body.payload.severity === "error"));
    });

    it("deliver alarms to every channel, and match no other stack's alarm nor another region", () => {
        const event = samples.alarmStateChangeEvent(HOME_ALARM, "us-east-1");
        const matched = matching(rules, event);
        assert.deepEqual(
            matched.map((rule) => rule.role),
            ["alarms-firing"],
        );
        assert.deepEqual(matched[0].channels, ["chat", "webhooks", "pagerduty"]);
        assert.deepEqual(
            matching(
                rules,
                samples.alarmStateChangeEvent(`${PREFIX}-2-sns-failed-notifications`, "us-east-1"),
            ),
            [],
        );
        assert.deepEqual(
            matching(rules, samples.alarmStateChangeEvent(HOME_ALARM, "eu-west-1")),
            [],
        );
    });

    it("without PagerDuty, keep the alarm rules for chat and webhooks only", () => {
        const chatOnly = planChannelRules({ ...INPUTS, channels: ["chat"] });
        assert.ok(chatOnly.every((rule) => !rule.role.startsWith("pagerduty-")));
        assert.ok(chatOnly.every((rule) => rule.channels.join() === "chat"));
        assert.deepEqual(
            chatOnly.map((rule) => rule.role),
            [
                "alarms-firing",
                "alarms-firing-2",
                "expiring-keys-firing",
                "key-stores-firing",
                "alarms-resolved",
                "alarms-resolved-2",
                "expiring-keys-resolved",
                "key-stores-resolved",
            ],
        );
    });

    it("name every rule in a family the PagerDuty role trusts and apiCallAlerts may not take", () => {
        // Enough alarms for numbered rules, every kind of rule, every channel.
        const alarms = Array.from({ length: 60 }, (_, index) =>
            `${PREFIX}-alarm-${index}-x`.repeat(3),
        );
        const all = planChannelRules({ ...INPUTS, alarms: [{ names: alarms }] });
        assert.ok(
            all.some((rule) => rule.role === "alarms-firing-3"),
            "numbered rules",
        );
        for (const rule of [...rules, ...all]) {
            assert.ok(
                PAGERDUTY_RULE_FAMILIES.some((family) => rule.role.startsWith(family)),
                rule.role,
            );
            assert.ok(rule.role.length <= LONGEST_CHANNEL_RULE_ROLE.length, rule.role);
        }
    });
});
