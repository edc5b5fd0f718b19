import { isKmsOperation, isReadOnlyOperation } from "./kmsOperations";

/** The detail-type EventBridge gives to API calls that CloudTrail delivers. */
export const CLOUDTRAIL_API_CALL = "AWS API Call via CloudTrail";

/**
 * The events KMS sends to EventBridge directly (EventBridge events reference,
 * "AWS Key Management Service events": delivery type best effort).
 */
export const KMS_LIFECYCLE_DETAIL_TYPES = [
    "KMS Imported Key Material Expiration",
    "KMS CMK Rotation",
    "KMS CMK Deletion",
] as const;

export type RuleState = "ENABLED" | "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

export interface EventPattern {
    readonly source: readonly string[];
    readonly "detail-type": readonly string[];
    readonly region?: readonly string[];
    readonly account?: readonly string[];
    /** ARNs, or `{ suffix }` matchers (EventBridge User Guide, "Suffix matching"). */
    readonly resources?: readonly (string | { readonly suffix: string })[];
    readonly detail?: Record<string, unknown>;
}

/**
 * EventBridge refuses an event pattern longer than 2048 characters unless the account raised the
 * quota (to at most 4096); lists that can grow with the config are split into several rules.
 */
export const MAX_EVENT_PATTERN_LENGTH = 2048;

/**
 * Matches KMS API calls recorded by CloudTrail by event name and, when `keyArns` is non-empty,
 * only calls on one of those keys. CloudTrail lists the key in `resources[].ARN`; EventBridge
 * matches a pattern field against every element of an array of objects.
 */
export function apiCallEventPattern(
    eventNames: readonly string[],
    keyArns: readonly string[] = [],
): EventPattern {
    const detail: Record<string, unknown> = {
        eventSource: ["kms.amazonaws.com"],
        eventName: [...eventNames],
    };
    if (keyArns.length > 0) {
        detail.resources = { ARN: [...keyArns] };
    }
    return { source: ["aws.kms"], "detail-type": [CLOUDTRAIL_API_CALL], detail };
}

/**
 * Matches the expiration, rotation and deletion events KMS emits for every key in the account and
 * region, or only the kinds named.
 */
export function keyLifecycleEventPattern(
    detailTypes: readonly string[] = KMS_LIFECYCLE_DETAIL_TYPES,
): EventPattern {
    return { source: ["aws.kms"], "detail-type": [...detailTypes] };
}

/**
 * A rule that watches any read-only operation must opt in to read-only management events, or
 * nothing promises it gets them: a plain `ENABLED` rule may miss them (see kmsOperations.ts).
 */
export function apiCallRuleState(eventNames: readonly string[]): RuleState {
    const watchesReadOnly = eventNames.some(
        (name) => isKmsOperation(name) && isReadOnlyOperation(name),
    );
    return watchesReadOnly ? "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" : "ENABLED";
}

/** What an API-call alert asks for: the operations, and optionally the keys. */
export interface ApiCallSelection {
    readonly eventNames: readonly string[];
    readonly keyArns?: readonly string[];
}

/** One `$or` branch: these operations, on any key or only on these keys. */
interface ApiCallBranch {
    readonly eventNames: string[];
    readonly keyArns?: string[];
}

/**
 * The alerts' calls as branches in which every operation appears exactly once: an operation
 * watched on any key in the any-key branch, every other one with the union of the keys its alerts
 * name, operations with the same keys together. So an event matches at most one branch.
 */
function apiCallBranches(alerts: readonly ApiCallSelection[]): ApiCallBranch[] {
    const anyKey = [
        ...new Set(
            alerts
                .filter((alert) => (alert.keyArns ?? []).length === 0)
                .flatMap((alert) => alert.eventNames),
        ),
    ];
    const keysByOperation = new Map<string, Set<string>>();
    for (const alert of alerts.filter((each) => (each.keyArns ?? []).length > 0)) {
        for (const name of alert.eventNames.filter((each) => !anyKey.includes(each))) {
            const keys = keysByOperation.get(name) ?? new Set<string>();
            (alert.keyArns ?? []).forEach((arn) => keys.add(arn));
            keysByOperation.set(name, keys);
        }
    }
    const byKeys = new Map<string, ApiCallBranch>();
    for (const [name, keys] of keysByOperation) {
        const keyArns = [...keys].sort();
        const branch = byKeys.get(keyArns.join(" ")) ?? { eventNames: [], keyArns };
        branch.eventNames.push(name);
        byKeys.set(keyArns.join(" "), branch);
    }
    return [...(anyKey.length > 0 ? [{ eventNames: anyKey }] : []), ...byKeys.values()];
}

function apiCallPattern(branches: readonly ApiCallBranch[]): EventPattern {
    const details = branches.map((branch) =>
        branch.keyArns === undefined
            ? { eventName: branch.eventNames }
            : { eventName: branch.eventNames, resources: { ARN: branch.keyArns } },
    );
    const detail =
        details.length === 1
            ? { eventSource: ["kms.amazonaws.com"], ...details[0] }
            : { eventSource: ["kms.amazonaws.com"], $or: details };
    return { source: ["aws.kms"], "detail-type": [CLOUDTRAIL_API_CALL], detail };
}

const fits = (pattern: EventPattern) => JSON.stringify(pattern).length <= MAX_EVENT_PATTERN_LENGTH;

/**
 * Patterns that together match every call any of the alerts matches, and nothing else: forwarded
 * events are billed to the sender as custom events. Branches are joined with `$or` (EventBridge
 * User Guide, "Content filtering in event patterns"), as many to a pattern as fit in
 * MAX_EVENT_PATTERN_LENGTH; a branch too long on its own is split by keys. Every operation and key
 * is in one branch of one pattern, so an event several alerts match is still forwarded once, and
 * each home rule sees it once.
 */
export function forwardedApiCallPatterns(alerts: readonly ApiCallSelection[]): EventPattern[] {
    const pieces = apiCallBranches(alerts).flatMap((branch) => {
        if (branch.keyArns === undefined || fits(apiCallPattern([branch]))) {
            return [branch];
        }
        const split: ApiCallBranch[] = [];
        for (const arn of branch.keyArns) {
            const last = split[split.length - 1];
            if (
                last !== undefined &&
                fits(apiCallPattern([{ ...last, keyArns: [...(last.keyArns ?? []), arn] }]))
            ) {
                last.keyArns?.push(arn);
            } else {
                split.push({ eventNames: branch.eventNames, keyArns: [arn] });
            }
        }
        return split;
    });
    const groups: ApiCallBranch[][] = [];
    for (const piece of pieces) {
        const last = groups[groups.length - 1];
        if (last !== undefined && fits(apiCallPattern([...last, piece]))) {
            last.push(piece);
        } else {
            groups.push([piece]);
        }
    }
    return groups.map(apiCallPattern);
}
