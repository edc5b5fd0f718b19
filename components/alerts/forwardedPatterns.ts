import { callFilterCondition, hasCallFilters } from "./callFilters";
import { MULTI_KEY_OPERATIONS } from "./kmsOperations";
import {
    ApiCallSelection,
    apiCallRuleState,
    callBranches,
    EventPattern,
    fitsOnePattern,
    kmsCallPattern,
    RuleState,
} from "./eventPatterns";
import { isTopicKeyOperation, notOwnTopicCall, OwnTopicCalls } from "./ownTopicCalls";

/** One `$or` branch of a KMS call pattern: conditions on the CloudTrail record's `detail`. */
type Branch = Record<string, unknown>;

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

/** The condition every alert's call of the operation also has: not the stack's own (ownTopicCalls.ts). */
function exceptionOf(operation: string, own: OwnTopicCalls | undefined): Branch {
    return own !== undefined && isTopicKeyOperation(operation) ? notOwnTopicCall(own) : {};
}

/**
 * Every condition an operation is forwarded on: any call, when an alert without filters watches it
 * on any key; else the keys of the alerts without filters on it (merged) and each filtered alert's
 * keys and filters; each with the operation's exception; and the conditions on any call.
 */
function operationConditions(
    operation: string,
    alerts: readonly ApiCallSelection[],
    anyCall: readonly Branch[],
    own: OwnTopicCalls | undefined,
): Branch[] {
    const watching = alerts.filter((alert) => alert.eventNames.includes(operation));
    const unfiltered = watching.filter((alert) => !hasCallFilters(alert));
    const keys = [...new Set(unfiltered.flatMap((alert) => alert.keyArns ?? []))].sort();
    const filtered = watching
        .filter(hasCallFilters)
        .map((alert) => ({ ...keysCondition(alert.keyArns ?? []), ...callFilterCondition(alert) }));
    const anyKey = unfiltered.some((alert) => (alert.keyArns ?? []).length === 0);
    const wanted = anyKey ? [{}] : [...(keys.length > 0 ? [keysCondition(keys)] : []), ...filtered];
    const exception = exceptionOf(operation, own);
    const all = [...wanted.map((condition) => ({ ...condition, ...exception })), ...anyCall];
    const unique = new Map(all.map((condition) => [JSON.stringify(condition), condition]));
    return [...unique.values()];
}

/**
 * The alerts' calls as groups in which every operation appears in exactly one group: the
 * operations watched on any key by an alert without filters, and with no exception, in one group
 * with no condition, every other operation with its conditions, operations with the same
 * conditions together.
 */
function operationGroups(
    alerts: readonly ApiCallSelection[],
    anyCall: readonly Branch[],
    own: OwnTopicCalls | undefined,
): OperationGroup[] {
    const unconditional = [
        ...new Set(
            alerts
                .filter((alert) => (alert.keyArns ?? []).length === 0 && !hasCallFilters(alert))
                .flatMap((alert) => alert.eventNames)
                .filter((name) => Object.keys(exceptionOf(name, own)).length === 0),
        ),
    ];
    const byConditions = new Map<string, { eventNames: string[]; conditions: Branch[] }>();
    const operations = [...new Set(alerts.flatMap((alert) => alert.eventNames))];
    for (const operation of operations.filter((name) => !unconditional.includes(name))) {
        const conditions = operationConditions(operation, alerts, anyCall, own);
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
 * condition every branch also has. An operation that names several keys (MULTI_KEY_OPERATIONS) is
 * never cut by key, or a call from a key of one piece to one of another would go twice: if its keys
 * do not fit one branch, every call of it is forwarded, a superset the home rules narrow again.
 */
function splitByKeys(
    eventNames: readonly string[],
    keyArns: readonly string[],
    extra: Branch = {},
): Branch[][] {
    const several = eventNames.filter((name) => MULTI_KEY_OPERATIONS.includes(name));
    if (several.length > 0 && eventNames.length > 1) {
        const single = eventNames.filter((name) => !several.includes(name));
        return [single, ...several.map((name) => [name])]
            .filter((names) => names.length > 0)
            .flatMap((names) => splitByKeys(names, keyArns, extra));
    }
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
    return pieces.length > 1 && several.length > 0
        ? [[{ eventName: [...eventNames], ...extra }]]
        : pieces.map(branch);
}

const FAILED = { errorCode: [{ exists: true }] };
const SUCCEEDED = { errorCode: [{ exists: false }] };

/**
 * One operation whose conditions do not fit one pattern, as a superset the home rules narrow again,
 * its branches apart by whether the call failed (CloudTrail records an `errorCode` for every failed
 * call): every failed call of it, on any key; the successful ones on the keys of the conditions
 * that admit them, cut by key. Should one admit successful calls on any key, every call of it. An
 * exception every condition has (the stack's own calls, exceptionOf) stays on each branch.
 */
function supersetOf(operation: string, conditions: readonly Branch[]): Branch[][] {
    const [first] = conditions;
    const excepted = conditions.every(
        (condition) => JSON.stringify(condition.$or) === JSON.stringify(first.$or),
    );
    const exception = excepted && first.$or !== undefined ? { $or: first.$or } : {};
    const succeeding = conditions.filter(
        (condition) => condition.errorCode === undefined && condition.errorMessage === undefined,
    );
    if (succeeding.some((condition) => condition.resources === undefined)) {
        return [[{ eventName: [operation], ...exception }]];
    }
    const keys = succeeding.flatMap((condition) => (condition.resources as { ARN: string[] }).ARN);
    return [
        [{ eventName: [operation], ...FAILED, ...exception }],
        ...splitByKeys([operation], [...new Set(keys)].sort(), { ...SUCCEEDED, ...exception }),
    ];
}

/**
 * The units a group packs as: the branches of one unit must share a pattern, because one call can
 * match several of them, and a call two forwarders match would be forwarded twice. A group too
 * long for one pattern is cut: by keys when keys (and an exception) are its only condition (every
 * key in one piece, splitByKeys), else by operation, and an operation whose conditions still do not
 * fit is forwarded as a superset (supersetOf): never a call forwarded twice.
 */
function unitsOf(group: OperationGroup): Branch[][] {
    const branches = branchesOf(group);
    if (fits(branches)) {
        return [branches];
    }
    const [only] = group.conditions;
    const { resources, ...rest } = only;
    const restIsException = Object.keys(rest).every((field) => field === "$or");
    if (group.conditions.length === 1 && resources !== undefined && restIsException) {
        return splitByKeys(group.eventNames, (resources as { ARN: string[] }).ARN, rest);
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
 * rule sees it once. With `own`, the alerts' calls of the operations SNS calls leave out the KMS
 * calls SNS makes for the stack's topics, as their home rules do (ownTopicCalls.ts); the
 * `anyCall` conditions are kept whole.
 */
export function forwardedApiCallPatterns(
    alerts: readonly ApiCallSelection[],
    anyCall: readonly Branch[] = [],
    own?: OwnTopicCalls,
): EventPattern[] {
    const watched = [...new Set(alerts.flatMap((alert) => alert.eventNames))];
    const others: Branch[] = anyCall.map((condition) =>
        watched.length > 0
            ? { eventName: [{ "anything-but": watched }], ...condition }
            : { ...condition },
    );
    const units = [
        ...operationGroups(alerts, anyCall, own).flatMap(unitsOf),
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
    const named = callBranches(pattern).map((branch) => branch.eventName);
    if (
        named.some(
            (names) => !Array.isArray(names) || names.some((name) => typeof name !== "string"),
        )
    ) {
        return "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";
    }
    return apiCallRuleState(named.flat() as string[]);
}
