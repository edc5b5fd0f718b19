/** The channel rules of a stack with every kind of alert and channel, and what PagerDuty gets. */
import { strict as assert } from "assert";
import { DEFAULT_API_CALL_ALERTS, eventAlerts } from "../../components/alerts";
import { ChannelRule, ChannelRuleInputs, pagerDutyTransformer } from "../../components/channels";
import { matchesPattern } from "../support/eventMatcher";
import { renderJsonTransformer } from "../support/inputTransformerRenderer";

export const PREFIX = "kms-monitoring-test";
export const HOME_ALARM = `${PREFIX}-sns-failed-notifications`;
export const REMOTE_ALARM = `${PREFIX}-forward-api-calls-failed-invocations`;
export const EXPIRING = `${PREFIX}-expiring-key-material`;
export const KEY_STORE_ALARMS = [
    `${PREFIX}-key-store-certificate`,
    `${PREFIX}-key-store-proxy-errors`,
];
export const QUOTA_ALARM = `${PREFIX}-kms-quota-symmetric`;

export const INPUTS: ChannelRuleInputs = {
    ruleNamePrefix: PREFIX,
    channels: ["chat", "webhooks", "pagerduty"],
    apiCalls: DEFAULT_API_CALL_ALERTS,
    eventAlerts: eventAlerts({ keyLifecycleEvents: true, pendingDeletionUseAlerts: true }),
    alarms: [
        { names: [HOME_ALARM, QUOTA_ALARM], regions: ["us-east-1"] },
        { names: [REMOTE_ALARM, QUOTA_ALARM], regions: ["eu-west-1"] },
    ],
    contributors: [
        { kind: "expiring-key", alarmNames: [EXPIRING], regions: ["us-east-1", "eu-west-1"] },
        { kind: "key-store", alarmNames: KEY_STORE_ALARMS, regions: ["us-east-1", "eu-west-1"] },
    ],
};

export function matching(rules: readonly ChannelRule[], event: object): ChannelRule[] {
    return rules.filter((rule) => matchesPattern(rule.eventPattern, event));
}

export function withState<T extends { detail: object }>(event: T, value: string): T {
    return { ...event, detail: { ...event.detail, state: { value } } };
}

/** What PagerDuty receives for an event: the body of the one PagerDuty rule it matches. */
export function pagerDutyBody(rules: readonly ChannelRule[], event: object): any {
    const matched = matching(rules, event).filter((rule) => rule.channels.includes("pagerduty"));
    assert.equal(matched.length, 1, "exactly one rule pages for the event");
    const rule = matched[0];
    return JSON.parse(
        renderJsonTransformer(
            pagerDutyTransformer(rule.kind, rule.action, rule.severity),
            event,
            rule.ruleName,
        ),
    );
}
