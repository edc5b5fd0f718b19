import {
    alarmStateChangePatterns,
    ApiCallSelection,
    callPatternState,
    contributorStateChangePattern,
    eventAlertForwarding,
    EventPattern,
    forwardedApiCallPatterns,
    keyLifecycleEventPattern,
    RuleState,
} from "../alerts";
import { deadLettersAlarmName, failedInvocationsAlarmName } from "../delivery";
import { eventRuleName, numberedRole, regionOfArn } from "../shared";

/**
 * How often each remote region proves its forwarding path works. Every 5 minutes is 8,760
 * events a month per region, billed to the sender as custom events ($1.00 per million: under a
 * cent a month), and lets a broken path be noticed within 15 minutes.
 */
export const HEARTBEAT_PERIOD_SECONDS = 300;
export const HEARTBEAT_SCHEDULE = `rate(${HEARTBEAT_PERIOD_SECONDS / 60} minutes)`;
export const HEARTBEATS_PER_HOUR = 3600 / HEARTBEAT_PERIOD_SECONDS;

export const HEARTBEAT_RULE_ROLE = "heartbeat";
const API_CALLS_ROLE = "forward-api-calls";
const KEY_LIFECYCLE_ROLE = "forward-key-lifecycle";
const ALARMS_ROLE = "forward-alarms";
const CONTRIBUTORS_ROLE = "forward-contributors";

/** The roles of the rules in every remote region; each rule is `<prefix>-<role>`. */
export const FORWARDER_RULE_ROLES: readonly string[] = [
    API_CALLS_ROLE,
    KEY_LIFECYCLE_ROLE,
    ALARMS_ROLE,
    CONTRIBUTORS_ROLE,
    HEARTBEAT_RULE_ROLE,
];

/**
 * The API calls worth forwarding from `region`: an alert on given keys only needs the calls on
 * those of its keys that live there (a key ARN names its region), and none at all when no key does.
 */
export function apiCallsInRegion(
    alerts: readonly ApiCallSelection[],
    region: string,
): ApiCallSelection[] {
    return alerts.flatMap((alert) => {
        const keyArns = alert.keyArns ?? [];
        if (keyArns.length === 0) {
            return [alert];
        }
        const local = keyArns.filter((arn) => regionOfArn(arn) === region);
        return local.length === 0 ? [] : [{ ...alert, keyArns: local }];
    });
}

/** What one region sends on to the destination bus. */
export interface ForwardingSelection {
    /** The API calls of every `apiCallAlerts` entry. */
    readonly apiCalls: readonly ApiCallSelection[];
    /**
     * The patterns of the stack's own event alerts (eventAlerts): KMS's events are forwarded by
     * detail type, KMS calls of any operation with the API calls. None, and no API calls: no forwarder.
     */
    readonly eventAlerts: readonly EventPattern[];
    /** This stack's other alarms in the region, whose state changes go home. */
    readonly alarmNames: readonly string[];
    /**
     * The region's Metrics Insights alarms whose per-contributor changes go home: the
     * expiring-material alarm (one contributor per key) and the key store alarms (one per store).
     * Default: none.
     */
    readonly contributorAlarmNames?: readonly string[];
    /** A dead-letter queue for the forwarders. */
    readonly deadLetterQueue: boolean;
    /** Failed-invocation and dead-letter alarms on the forwarders. */
    readonly selfMonitoring: boolean;
    /** Where the events go, for the rules' descriptions. Default: `the home region`. */
    readonly destination?: string;
}

export interface ForwardingRuleSpec {
    /** Part of the Pulumi resource name. */
    readonly role: string;
    /** The rule's fixed name; rule names are per region, so every region uses the same ones. */
    readonly ruleName: string;
    readonly description: string;
    readonly eventPattern?: EventPattern;
    readonly scheduleExpression?: string;
    readonly state: RuleState;
}

export interface ForwardingPlan {
    readonly rules: readonly ForwardingRuleSpec[];
    /** The alarms the forwarder itself creates in the region. */
    readonly ownAlarmNames: readonly string[];
    /** Every alarm of the stack in the region: its own and `selection.alarmNames`. */
    readonly alarmNames: readonly string[];
    /** Whether the forwarder has a dead-letter queue, and alarms on itself: the plan's names count on them. */
    readonly deadLetterQueue: boolean;
    readonly selfMonitoring: boolean;
}

/**
 * The forwarding rules of one region, all on its default bus and all targeting the destination
 * bus directly: EventBridge never sends on an event it received from another bus (User Guide,
 * "eb-bus-to-bus": it "can't route events received from a sender event bus to a third event bus"),
 * so a chain through another region would silently drop everything.
 */
export function forwardingPlan(
    ruleNamePrefix: string,
    selection: ForwardingSelection,
): ForwardingPlan {
    const rule = ruleMaker(ruleNamePrefix);
    const destination = selection.destination ?? "the home region";
    const fixed = eventForwarders(rule, selection, destination);
    // A scheduled rule rejects ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS (terraform-provider-aws#34988).
    fixed.push(
        rule(
            HEARTBEAT_RULE_ROLE,
            `Proves every few minutes that events from this region reach ${destination}`,
            { scheduleExpression: HEARTBEAT_SCHEDULE, state: "ENABLED" },
        ),
    );
    return withAlarmForwarders(ruleNamePrefix, rule, fixed, selection, destination);
}

type RuleMaker = (
    role: string,
    description: string,
    rest: Pick<ForwardingRuleSpec, "eventPattern" | "scheduleExpression" | "state">,
) => ForwardingRuleSpec;

function ruleMaker(ruleNamePrefix: string): RuleMaker {
    return (role, description, rest) => ({
        role,
        ruleName: eventRuleName(ruleNamePrefix, role),
        description,
        ...rest,
    });
}

/** The rules on the region's KMS events: API calls, lifecycle events, alarm contributors. */
function eventForwarders(
    rule: RuleMaker,
    selection: ForwardingSelection,
    destination: string,
): ForwardingRuleSpec[] {
    const fixed: ForwardingRuleSpec[] = [];
    const { callConditions, detailTypes } = eventAlertForwarding(selection.eventAlerts);
    forwardedApiCallPatterns(selection.apiCalls, callConditions).forEach((eventPattern, index) => {
        fixed.push(
            rule(
                numberedRole(API_CALLS_ROLE, index),
                `Forwards the KMS API calls the monitoring alerts on to ${destination}`,
                // The forwarder, not only the home rule, must opt in to read-only calls, or
                // nothing promises that they are forwarded.
                { eventPattern, state: callPatternState(eventPattern) },
            ),
        );
    });
    if (detailTypes.length > 0) {
        fixed.push(
            rule(
                KEY_LIFECYCLE_ROLE,
                `Forwards KMS key expiration, rotation and deletion events to ${destination}`,
                { eventPattern: keyLifecycleEventPattern(detailTypes), state: "ENABLED" },
            ),
        );
    }
    const contributorAlarms = selection.contributorAlarmNames ?? [];
    if (contributorAlarms.length > 0) {
        fixed.push(
            rule(
                CONTRIBUTORS_ROLE,
                `Forwards each key's or key store's state change in this region's Metrics ` +
                    `Insights alarms to ${destination}`,
                {
                    eventPattern: contributorStateChangePattern(contributorAlarms),
                    state: "ENABLED",
                },
            ),
        );
    }
    return fixed;
}

/**
 * The rules on the state changes of the region's alarms, added to `fixed`. The alarm forwarders
 * forward their own failed-invocation alarms too, and how many of them there are depends on how
 * many names there are: settle the count first.
 */
function withAlarmForwarders(
    ruleNamePrefix: string,
    rule: RuleMaker,
    fixed: readonly ForwardingRuleSpec[],
    selection: ForwardingSelection,
    destination: string,
): ForwardingPlan {
    const alarmRuleRole = (index: number) => numberedRole(ALARMS_ROLE, index);
    let alarmRuleCount = 1;
    for (;;) {
        const ruleNames = [
            ...fixed.map((each) => each.ruleName),
            ...Array.from({ length: alarmRuleCount }, (_, index) =>
                eventRuleName(ruleNamePrefix, alarmRuleRole(index)),
            ),
        ];
        const ownAlarmNames = selection.selfMonitoring
            ? [
                  ...ruleNames.map((ruleName) => failedInvocationsAlarmName(ruleName)),
                  ...(selection.deadLetterQueue ? [deadLettersAlarmName(ruleNamePrefix)] : []),
              ]
            : [];
        const alarmNames = [...selection.alarmNames, ...ownAlarmNames];
        const patterns = alarmStateChangePatterns(alarmNames);
        if (patterns.length <= alarmRuleCount) {
            const alarmRules = patterns.map((eventPattern, index) =>
                rule(
                    alarmRuleRole(index),
                    `Forwards state changes of the monitoring's alarms in this region to ${destination}`,
                    { eventPattern, state: "ENABLED" },
                ),
            );
            return {
                rules: [...fixed, ...alarmRules],
                ownAlarmNames,
                alarmNames,
                deadLetterQueue: selection.deadLetterQueue,
                selfMonitoring: selection.selfMonitoring,
            };
        }
        alarmRuleCount = patterns.length;
    }
}
