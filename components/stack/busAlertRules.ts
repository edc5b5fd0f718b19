import {
    ApiCallAlertSpec,
    ContributorKind,
    OwnTopicCalls,
    ContributorRulePlan,
    contributorRulePlan,
    eventAlerts,
    NamedPattern,
    PlannedEventAlert,
} from "../alerts";
import type { ChannelRule } from "../channels";
import { eventRuleName } from "../shared";
import { capacityAlarmNames } from "../alarms";
import type { SettledArgs } from "./settings";

/** An `apiCallAlerts` entry with the name of its rule. */
export interface PlannedApiCallAlert extends ApiCallAlertSpec {
    readonly ruleName: string;
}

/** The alert rules of one bus, all targeting the topic. */
export interface BusAlertRules {
    /** The bus: `default`, or the organization bus. */
    readonly busName: string;
    /** Appended to the component's name for the Pulumi names of the rule components: `""`, `-org`. */
    readonly resourceNameSuffix: string;
    /** Pulumi name of the alarm-rules component, after the suffix: `remote-alarms`, `member-alarms`. */
    readonly alarmRulesRole: string;
    /** One rule per entry on KMS API calls, named `<namePrefix>-<name>`. */
    readonly apiCalls: readonly PlannedApiCallAlert[];
    /**
     * The KMS calls SNS makes for the stack's topics, which the API-call rules (and PagerDuty's)
     * leave out: on the home default bus with an encrypted topic, the one bus such calls reach.
     */
    readonly ownTopicCalls?: OwnTopicCalls;
    /**
     * The stack's own event alerts that are on: KMS's lifecycle events and rotations
     * (`keyLifecycleEvents`), calls on keys pending deletion (`pendingDeletionUseAlerts`).
     */
    readonly eventAlerts: readonly PlannedEventAlert[];
    /**
     * The rules on the per-contributor changes of the Metrics Insights alarms: per key of the
     * expiring-material alarms (with `discoverExpiringKeys`), per store of the key store alarms
     * (with `customKeyStoreAlarms`).
     */
    readonly contributors: readonly ContributorRulePlan[];
    /** Rules on the state changes of alarms that cannot notify the topic themselves. */
    readonly alarmRules: readonly NamedPattern[];
    /** Every rule above, by its fixed name: the topic and queue policies name them before they exist. */
    readonly ruleNames: readonly string[];
    /**
     * Those that also deliver to the chat and webhook topics when they exist: the API-call and
     * event-alert rules (the alarm and contributor rules reach them split by state, as
     * `channelRules`, so that PagerDuty can tell ALARM from OK).
     */
    readonly fanOutRuleNames: readonly string[];
    /**
     * The rules that deliver to the alert channels only (PagerDuty's by severity, the alarms by
     * state), when a channel is configured; `channelRules.ts` adds them to the plan.
     */
    readonly channelRules: readonly ChannelRule[];
}

/** The contributor alarms of a bus's senders, by kind: the same names in every region. */
export type ContributorAlarms = Readonly<Record<ContributorKind, readonly string[]>>;

/**
 * The Metrics Insights alarms whose contributors alert one by one, as named under
 * `alarmNamePrefix` in every region: the stack's own, or with the member prefix the members'.
 */
export function contributorAlarms(args: SettledArgs, alarmNamePrefix: string): ContributorAlarms {
    const names = capacityAlarmNames(alarmNamePrefix, args);
    return { "expiring-key": names.expiringKeys, "key-store": names.keyStores };
}

/** The alert rules of one bus, from the stack's switches and the alarms of that bus's senders. */
export function planBusAlertRules(
    args: SettledArgs,
    bus: Pick<
        BusAlertRules,
        "busName" | "resourceNameSuffix" | "alarmRulesRole" | "alarmRules" | "ownTopicCalls"
    >,
    alarms: ContributorAlarms,
    regions: readonly string[] | undefined,
): BusAlertRules {
    const apiCalls = args.apiCallAlerts.map((alert) => ({
        ...alert,
        ruleName: eventRuleName(args.namePrefix, alert.name),
    }));
    const events = eventAlerts(args).map((alert) => ({
        ...alert,
        ruleName: eventRuleName(args.namePrefix, alert.role),
    }));
    const contributors = (["expiring-key", "key-store"] as const)
        .filter((kind) => alarms[kind].length > 0)
        .map((kind) => contributorRulePlan(kind, args.namePrefix, alarms[kind], regions));
    const fanOutRuleNames = [
        ...apiCalls.map((alert) => alert.ruleName),
        ...events.map((alert) => alert.ruleName),
    ];
    const ruleNames = [
        ...fanOutRuleNames,
        ...contributors.map((rule) => rule.ruleName),
        ...bus.alarmRules.map((rule) => rule.ruleName),
    ];
    return {
        ...bus,
        apiCalls,
        eventAlerts: events,
        contributors,
        ruleNames,
        fanOutRuleNames,
        channelRules: [],
    };
}
