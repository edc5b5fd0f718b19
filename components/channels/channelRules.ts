import {
    alarmNamePrefixPattern,
    AlarmState,
    alarmStateChangePatterns,
    AlertKind,
    AlertRuleSpec,
    ApiCallSelection,
    callPatternState,
    CONTRIBUTOR_FAMILIES,
    ContributorRulePlan,
    contributorStateChangePattern,
    EVENT_ALERT_ROLES,
    EventAlertSpec,
    forwardedApiCallPatterns,
    OwnTopicCalls,
} from "../alerts";
import { eventRuleName, numberedRole } from "../shared";
import {
    ALARM_SEVERITY,
    apiCallSeverity,
    CONTRIBUTOR_SEVERITIES,
    EVENT_ALERT_SEVERITIES,
    PagerDutyAction,
    PagerDutySeverity,
} from "./pagerDutyEvents";

/** The channels besides email. */
export type ChannelKind = "chat" | "webhooks" | "pagerduty";

/** A rule that delivers to channels only: PagerDuty's, and the alarm rules split by state. */
export interface ChannelRule extends AlertRuleSpec {
    /** The rule's name without the prefix, e.g. `pagerduty-critical`, `alarms-firing-2`. */
    readonly role: string;
    readonly kind: AlertKind;
    /** What PagerDuty is told: ALARM triggers, OK resolves. */
    readonly action: PagerDutyAction;
    readonly severity: PagerDutySeverity;
    /** The channels it delivers to, in target order. */
    readonly channels: readonly ChannelKind[];
}

/** Alarms whose state changes alert: their names, and the regions their events come from. */
export interface AlarmSource {
    readonly names: readonly string[];
    /** Names known only at deploy time, by how they start. Default: none. */
    readonly namePrefixes?: readonly string[];
    /** Undefined: any region. */
    readonly regions?: readonly string[];
}

export interface ChannelRuleInputs {
    /** Prefix of every rule name, e.g. `kms-monitoring-dev`. */
    readonly ruleNamePrefix: string;
    /** The channels configured. */
    readonly channels: readonly ChannelKind[];
    /** The API calls the stack alerts on; PagerDuty gets them grouped by severity. */
    readonly apiCalls: readonly ApiCallSelection[];
    /** The KMS calls SNS makes for the stack's topics, left out as the API-call rules leave them. */
    readonly ownTopicCalls?: OwnTopicCalls;
    /** The stack's own event alerts; PagerDuty gets each at its kind's severity. */
    readonly eventAlerts: readonly EventAlertSpec[];
    /** The alarms whose state changes alert. */
    readonly alarms: readonly AlarmSource[];
    /** The Metrics Insights alarms whose contributors alert, by kind: expiring keys, key stores. */
    readonly contributors: readonly Omit<ContributorRulePlan, "ruleName">[];
}

function named(inputs: ChannelRuleInputs, role: string) {
    return { role, ruleName: eventRuleName(inputs.ruleNamePrefix, role) };
}

const SEVERITY_ORDER: readonly PagerDutySeverity[] = ["critical", "error", "warning", "info"];

/**
 * A PagerDuty target's body cannot branch on the event, so PagerDuty gets one rule per severity:
 * the calls of every `apiCallAlerts` entry, grouped by the severity of each operation.
 */
function pagerDutyApiCallRules(inputs: ChannelRuleInputs): ChannelRule[] {
    return SEVERITY_ORDER.flatMap((severity) => {
        const selections = inputs.apiCalls
            .map((alert) => ({
                ...alert,
                eventNames: alert.eventNames.filter((name) => apiCallSeverity(name) === severity),
            }))
            .filter((selection) => selection.eventNames.length > 0);
        if (selections.length === 0) {
            return [];
        }
        return forwardedApiCallPatterns(selections, [], inputs.ownTopicCalls).map(
            (eventPattern, index) => ({
                ...named(inputs, numberedRole(`pagerduty-${severity}`, index)),
                description: `KMS API calls that page PagerDuty as ${severity}`,
                eventPattern,
                state: callPatternState(eventPattern),
                kind: "api-call" as const,
                action: "trigger" as const,
                severity,
                channels: ["pagerduty" as const],
            }),
        );
    });
}

/** One PagerDuty rule per event alert, `pagerduty-<role>`, at its kind's severity. */
function pagerDutyEventAlertRules(inputs: ChannelRuleInputs): ChannelRule[] {
    return inputs.eventAlerts.map((alert) => {
        const severity = EVENT_ALERT_SEVERITIES[alert.kind];
        return {
            ...named(inputs, `pagerduty-${alert.role}`),
            description: `${alert.description}, paging PagerDuty as ${severity}`,
            eventPattern: alert.eventPattern,
            state: alert.state,
            kind: alert.kind,
            action: "trigger" as const,
            severity,
            channels: ["pagerduty" as const],
        };
    });
}

/** `change` says which state changes of a whole alarm match: into OK only from ALARM (alarmPatterns.ts). */
const STATES: readonly {
    state: AlarmState;
    word: string;
    action: PagerDutyAction;
    change: string;
}[] = [
    { state: "ALARM", word: "firing", action: "trigger", change: "going to ALARM" },
    { state: "OK", word: "resolved", action: "resolve", change: "going from ALARM back to OK" },
];

/**
 * The alarm and contributor rules, one set per state: PagerDuty triggers on ALARM and resolves on
 * OK, and a body cannot branch on the state. Chat and webhooks get both states from the same rules.
 */
function stateRules(inputs: ChannelRuleInputs): ChannelRule[] {
    const channels = inputs.channels;
    return STATES.flatMap(({ state, word, action, change }) => {
        const alarmPatterns = inputs.alarms.flatMap((source) => [
            ...(source.names.length > 0
                ? alarmStateChangePatterns(source.names, source.regions, state)
                : []),
            ...((source.namePrefixes ?? []).length > 0
                ? [alarmNamePrefixPattern(source.namePrefixes ?? [], source.regions, state)]
                : []),
        ]);
        const alarms = alarmPatterns.map((eventPattern, index) => ({
            ...named(inputs, numberedRole(`alarms-${word}`, index)),
            description: `This stack's CloudWatch alarms ${change}, for the alert channels`,
            eventPattern,
            state: "ENABLED" as const,
            kind: "alarm" as const,
            action,
            severity: ALARM_SEVERITY,
            channels,
        }));
        const contributors = inputs.contributors.map((source) => ({
            ...named(inputs, `${CONTRIBUTOR_FAMILIES[source.kind].role}-${word}`),
            description: `${CONTRIBUTOR_FAMILIES[source.kind].description}, going to ${state}`,
            eventPattern: contributorStateChangePattern(source.alarmNames, source.regions, state),
            state: "ENABLED" as const,
            kind: source.kind,
            action,
            severity: CONTRIBUTOR_SEVERITIES[source.kind],
            channels,
        }));
        return [...alarms, ...contributors];
    });
}

/** Every channel rule of one bus; none without a channel. */
export function planChannelRules(inputs: ChannelRuleInputs): ChannelRule[] {
    if (inputs.channels.length === 0) {
        return [];
    }
    const pagerDuty = inputs.channels.includes("pagerduty")
        ? [...pagerDutyApiCallRules(inputs), ...pagerDutyEventAlertRules(inputs)]
        : [];
    return [...pagerDuty, ...stateRules(inputs)];
}

/** The start of the name of every channel rule that invokes PagerDuty, after the prefix. */
export const PAGERDUTY_RULE_FAMILIES: readonly string[] = [
    "pagerduty-",
    "alarms-",
    ...Object.values(CONTRIBUTOR_FAMILIES).map((family) => `${family.role}-`),
];

/** The longest role a channel rule name can have, for the 64-character check of rule names. */
export const LONGEST_CHANNEL_RULE_ROLE = [
    "expiring-keys-resolved",
    ...EVENT_ALERT_ROLES.map((role) => `pagerduty-${role}`),
].reduce((longest, role) => (role.length > longest.length ? role : longest));
