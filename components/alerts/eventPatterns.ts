import { callFilterCondition, CallFilters } from "./callFilters";
import { isKmsOperation, isReadOnlyOperation } from "./kmsOperations";
import { OwnTopicCalls, ownTopicCallsCondition } from "./ownTopicCalls";

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

/** Whether the pattern matches KMS API calls that CloudTrail records (an alert on calls, not events). */
export function isKmsCallPattern(pattern: EventPattern): boolean {
    return pattern["detail-type"].includes(CLOUDTRAIL_API_CALL);
}

/** A KMS API call recorded by CloudTrail whose detail also matches `detail`. */
export function kmsCallPattern(detail: Record<string, unknown>): EventPattern {
    return {
        source: ["aws.kms"],
        "detail-type": [CLOUDTRAIL_API_CALL],
        detail: { eventSource: ["kms.amazonaws.com"], ...detail },
    };
}

/**
 * The `$or` branches of a KMS call pattern. A detail that names the operation or the error itself
 * is one branch, and its own `$or` a condition of it (the stack's own calls left out,
 * ownTopicCalls.ts); otherwise each element of its `$or` is a branch.
 */
export function callBranches(pattern: EventPattern): Record<string, unknown>[] {
    const detail = pattern.detail ?? {};
    const single =
        detail.eventName !== undefined || detail.errorMessage !== undefined || !("$or" in detail);
    return single ? [detail] : (detail.$or as Record<string, unknown>[]);
}

/**
 * Matches KMS API calls recorded by CloudTrail by event name and, when `keyArns` is non-empty,
 * only calls on one of those keys; `filters` narrow it to some callers or failures. CloudTrail
 * lists the key in `resources[].ARN`; EventBridge matches a pattern field against every element of
 * an array of objects. With `own`, the KMS calls SNS makes for the stack's topics never match
 * (ownTopicCalls.ts).
 */
export function apiCallEventPattern(
    eventNames: readonly string[],
    keyArns: readonly string[] = [],
    filters: CallFilters = {},
    own?: OwnTopicCalls,
): EventPattern {
    return kmsCallPattern({
        eventName: [...eventNames],
        ...(keyArns.length > 0 ? { resources: { ARN: [...keyArns] } } : {}),
        ...callFilterCondition(filters),
        ...ownTopicCallsCondition(eventNames, own),
    });
}

/**
 * A KMS call that failed because its key is pending deletion. KMS answers it with
 * `KMSInvalidStateException` (or `DisabledException`) and the message "<key ARN> is pending
 * deletion." (KMS Developer Guide, "Key states of AWS KMS keys"), which CloudTrail records as
 * `errorCode` and `errorMessage`. The guide's own recipe ("Create an alarm that detects use of a KMS
 * key pending deletion") matches the message alone, `"* is pending deletion."`; so does this, for
 * any operation: neither a successful call (no errorMessage) nor any other error matches, nor
 * "... is not pending deletion." (CancelKeyDeletion on a key that is not).
 */
export const PENDING_DELETION_CONDITION = {
    errorMessage: [{ suffix: " is pending deletion." }],
} as const;

export function pendingDeletionUsePattern(): EventPattern {
    return kmsCallPattern(PENDING_DELETION_CONDITION);
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

/** What an API-call alert asks for: the operations, and optionally the keys and filters. */
export interface ApiCallSelection extends CallFilters {
    readonly eventNames: readonly string[];
    readonly keyArns?: readonly string[];
}
