import { callFilterCondition, hasCallFilters } from "./callFilters";
import {
    ApiCallSelection,
    apiCallRuleState,
    EventPattern,
    kmsCallPattern,
    MAX_EVENT_PATTERN_LENGTH,
    RuleState,
} from "./eventPatterns";

/** One `$or` branch of a KMS call pattern: conditions on the CloudTrail record's `detail`. */
type Branch = Record<string, unknown>;

/**
 * EventBridge refuses a pattern whose `$or`s make more than 1000 rule combinations, counted by
 * multiplying the number of arguments of every `$or` array in it (User Guide, "Content filtering in
 * Amazon EventBridge event patterns", complex example with `$or`).
 */
export const MAX_RULE_COMBINATIONS = 1000;

function ruleCombinations(value: unknown): number {
    if (Array.isArray(value)) {
        return value.reduce((product: number, item) => product * ruleCombinations(item), 1);
    }
    if (typeof value !== "object" || value === null) {
        return 1;
    }
    return Object.entries(value).reduce((product: number, [key, inner]) => {
        const arguments_ = key === "$or" && Array.isArray(inner) ? inner.length : 1;
        return product * arguments_ * ruleCombinations(inner);
    }, 1);
}

/** Whether EventBridge accepts the pattern: at most 2048 characters and 1000 combinations. */
export function fitsOnePattern(pattern: EventPattern): boolean {
    return (
        JSON.stringify(pattern).length <= MAX_EVENT_PATTERN_LENGTH &&
        ruleCombinations(pattern) <= MAX_RULE_COMBINATIONS
    );
}

function callPattern(branches: readonly Branch[]): EventPattern {
    return kmsCallPattern(branches.length === 1 ? branches[0] : { $or: [...branches] });
}

const fits = (branches: readonly Branch[]) => fitsOnePattern(callPattern(branches));

/** Operations with the same conditions: a branch per condition, each naming all of them. */
interface OperationGroup {
    readonly eventNames: readonly string[];
    /** Each admits a call on its own; `{}` admits every call of the operations. */
    readonly conditions: readonly Branch[];
}

const branchesOf = (group: OperationGroup): Branch[] =>
    group.conditions.map((condition) => ({ eventName: [...group.eventNames], ...condition }));

function keysCondition(keyArns: readonly string[]): Branch {
    return keyArns.length > 0 ? { resources: { ARN: [...keyArns] } } : {};
}

/**
 * Every condition an operation is forwarded on: the keys of the alerts without filters on it
 * (merged), each filtered alert's keys and filters, and the conditions on any call.
 */
function operationConditions(
    operation: string,
    alerts: readonly ApiCallSelection[],
    anyCall: readonly Branch[],
): Branch[] {
    const watching = alerts.filter((alert) => alert.eventNames.includes(operation));
    const keys = [
        ...new Set(
            watching
                .filter((alert) => !hasCallFilters(alert))
                .flatMap((alert) => alert.keyArns ?? []),
        ),
    ].sort();
    const filtered = watching
        .filter(hasCallFilters)
        .map((alert) => ({ ...keysCondition(alert.keyArns ?? []), ...callFilterCondition(alert) }));
    const all = [...(keys.length > 0 ? [keysCondition(keys)] : []), ...filtered, ...anyCall];
    const unique = new Map(all.map((condition) => [JSON.stringify(condition), condition]));
    return [...unique.values()];
}

/**
 * The alerts' calls as groups in which every operation appears in exactly one group: the
 * operations watched on any key by an alert without filters in one group with no condition, every
 * other operation with its conditions, operations with the same conditions together.
 */
function operationGroups(
    alerts: readonly ApiCallSelection[],
    anyCall: readonly Branch[],
): OperationGroup[] {
    const unconditional = [
        ...new Set(
            alerts
                .filter((alert) => (alert.keyArns ?? []).length === 0 && !hasCallFilters(alert))
                .flatMap((alert) => alert.eventNames),
        ),
    ];
    const byConditions = new Map<string, { eventNames: string[]; conditions: Branch[] }>();
    const operations = [...new Set(alerts.flatMap((alert) => alert.eventNames))];
    for (const operation of operations.filter((name) => !unconditional.includes(name))) {
        const conditions = operationConditions(operation, alerts, anyCall);
        const key = JSON.stringify(conditions);
        const group = byConditions.get(key) ?? { eventNames: [], conditions };
        group.eventNames.push(operation);
        byConditions.set(key, group);
    }
    return [
        ...(unconditional.length > 0 ? [{ eventNames: unconditional, conditions: [{}] }] : []),
        ...byConditions.values(),
    ];
}

/**
 * One group's keys cut into branches that each fit, every key in exactly one; `extra` is a
 * condition every branch also has.
 */
function splitByKeys(
    eventNames: readonly string[],
    keyArns: readonly string[],
    extra: Branch = {},
): Branch[][] {
    const branch = (keys: readonly string[]) =>
        branchesOf({ eventNames, conditions: [{ ...keysCondition(keys), ...extra }] });
    const pieces: string[][] = [];
    for (const arn of keyArns) {
        const last = pieces[pieces.length - 1];
        if (last !== undefined && fits(branch([...last, arn]))) {
            last.push(arn);
        } else {
            pieces.push([arn]);
        }
    }
    return pieces.map(branch);
}

const FAILED = { errorCode: [{ exists: true }] };
const SUCCEEDED = { errorCode: [{ exists: false }] };

/**
 * One operation whose conditions do not fit one pattern, forwarded as a superset the home rules
 * narrow again, its branches apart by whether the call failed (CloudTrail records an `errorCode`
 * for every failed call): every failed call of the operation, from anyone, on any key; the
 * successful ones on the keys of the conditions that admit them, cut by key. Should a condition
 * admit successful calls on any key, every call of the operation.
 */
function supersetOf(operation: string, conditions: readonly Branch[]): Branch[][] {
    const succeeding = conditions.filter(
        (condition) => condition.errorCode === undefined && condition.errorMessage === undefined,
    );
    if (succeeding.some((condition) => condition.resources === undefined)) {
        return [[{ eventName: [operation] }]];
    }
    const keys = succeeding.flatMap((condition) => (condition.resources as { ARN: string[] }).ARN);
    return [
        [{ eventName: [operation], ...FAILED }],
        ...splitByKeys([operation], [...new Set(keys)].sort(), SUCCEEDED),
    ];
}

/**
 * The units a group packs as: the branches of one unit must share a pattern, because one call can
 * match several of them, and a call two forwarders match would be forwarded twice. A group too
 * long for one pattern is cut: by keys when keys are its only condition (every key in one piece),
 * else by operation, and an operation whose conditions still do not fit is forwarded as a superset
 * (supersetOf): never a call forwarded twice.
 */
function unitsOf(group: OperationGroup): Branch[][] {
    const branches = branchesOf(group);
    if (fits(branches)) {
        return [branches];
    }
    const [only] = group.conditions;
    if (group.conditions.length === 1 && Object.keys(only).join() === "resources") {
        return splitByKeys(group.eventNames, (only.resources as { ARN: string[] }).ARN);
    }
    if (group.eventNames.length > 1) {
        return group.eventNames.flatMap((name) => unitsOf({ ...group, eventNames: [name] }));
    }
    return supersetOf(group.eventNames[0], group.conditions);
}

/**
 * Patterns that together match every call any of the alerts or `anyCall` conditions matches, and
 * nothing else: forwarded events are billed to the sender as custom events. `anyCall` holds
 * conditions on a call of any operation (the pending-deletion alert's): each joins the group of
 * every operation the alerts watch, and one more branch covers every other operation. Branches are
 * joined with `$or` (EventBridge User Guide, "Content filtering in event patterns"), as many to a
 * pattern as fit (fitsOnePattern). Every operation is in the units of one group, and a unit's
 * branches in one pattern, so an event several alerts match is still forwarded once, and each home
 * rule sees it once.
 */
export function forwardedApiCallPatterns(
    alerts: readonly ApiCallSelection[],
    anyCall: readonly Branch[] = [],
): EventPattern[] {
    const watched = [...new Set(alerts.flatMap((alert) => alert.eventNames))];
    const others: Branch[] = anyCall.map((condition) =>
        watched.length > 0
            ? { eventName: [{ "anything-but": watched }], ...condition }
            : { ...condition },
    );
    const units = [
        ...operationGroups(alerts, anyCall).flatMap(unitsOf),
        ...(others.length > 0 ? [others] : []),
    ];
    const patterns: Branch[][] = [];
    for (const unit of units) {
        const last = patterns[patterns.length - 1];
        if (last !== undefined && fits([...last, ...unit])) {
            last.push(...unit);
        } else {
            patterns.push([...unit]);
        }
    }
    return patterns.map(callPattern);
}

/**
 * The state of a rule on one of these patterns: it must opt in to read-only calls when a branch
 * names a read-only operation or admits any operation (apiCallRuleState).
 */
export function callPatternState(pattern: EventPattern): RuleState {
    const detail = pattern.detail ?? {};
    const branches = (detail.$or as Branch[] | undefined) ?? [detail];
    const named = branches.map((branch) => branch.eventName);
    if (
        named.some(
            (names) => !Array.isArray(names) || names.some((name) => typeof name !== "string"),
        )
    ) {
        return "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";
    }
    return apiCallRuleState(named.flat() as string[]);
}
