import { ApiCallAlertSpec, expiringKeysRuleName, NamedPattern } from "../alerts";
import type { ChannelRule } from "../channels";
import { eventRuleName, LIFECYCLE_RULE_ROLE } from "../shared";
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
    /** The rule on KMS's own key events, when `keyLifecycleEvents` is on. */
    readonly keyLifecycleRuleName?: string;
    /** The rule on the per-key changes of the expiring-material alarms, when discovery is on. */
    readonly expiringKeys?: {
        readonly ruleName: string;
        /** The alarms whose contributors alert. */
        readonly alarmName: string;
        /** The regions those changes come from. Undefined: any. */
        readonly regions?: readonly string[];
    };
    /** Rules on the state changes of alarms that cannot notify the topic themselves. */
    readonly alarmRules: readonly NamedPattern[];
    /** Every rule above, by its fixed name: the topic and queue policies name them before they exist. */
    readonly ruleNames: readonly string[];
    /**
     * Those that also deliver to the chat and webhook topics when they exist: the API-call and
     * key-lifecycle rules (the alarm and expiring-key rules reach them split by state, as
     * `channelRules`, so that PagerDuty can tell ALARM from OK).
     */
    readonly fanOutRuleNames: readonly string[];
    /**
     * The rules that deliver to the alert channels only (PagerDuty's by severity, the alarms by
     * state), when a channel is configured; `channelRules.ts` adds them to the plan.
     */
    readonly channelRules: readonly ChannelRule[];
}

/** The alert rules of one bus, from the stack's switches and the alarm rules of that bus. */
export function planBusAlertRules(
    args: SettledArgs,
    bus: Pick<BusAlertRules, "busName" | "resourceNameSuffix" | "alarmRulesRole" | "alarmRules">,
    expiringKeys: {
        readonly alarmName: string;
        readonly regions?: readonly string[];
    },
): BusAlertRules {
    const apiCalls = args.apiCallAlerts.map((alert) => ({
        ...alert,
        ruleName: eventRuleName(args.namePrefix, alert.name),
    }));
    const keyLifecycleRuleName = args.keyLifecycleEvents
        ? eventRuleName(args.namePrefix, LIFECYCLE_RULE_ROLE)
        : undefined;
    const expiring = args.discoverExpiringKeys
        ? { ruleName: expiringKeysRuleName(args.namePrefix), ...expiringKeys }
        : undefined;
    const fanOutRuleNames = [
        ...apiCalls.map((alert) => alert.ruleName),
        ...(keyLifecycleRuleName === undefined ? [] : [keyLifecycleRuleName]),
    ];
    const ruleNames = [
        ...fanOutRuleNames,
        ...(expiring === undefined ? [] : [expiring.ruleName]),
        ...bus.alarmRules.map((rule) => rule.ruleName),
    ];
    return {
        ...bus,
        apiCalls,
        keyLifecycleRuleName,
        expiringKeys: expiring,
        ruleNames,
        fanOutRuleNames,
        channelRules: [],
    };
}
