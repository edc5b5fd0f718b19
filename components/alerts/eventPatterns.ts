import { callFilterCondition, CallFilters } from "./callFilters";
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

/** A KMS API call recorded by CloudTrail whose detail also matches `detail`. */
export function kmsCallPattern(detail: Record<string, unknown>): EventPattern {
    return {
        source: ["aws.kms"],
        "detail-type": [CLOUDTRAIL_API_CALL],
        detail: { eventSource: ["kms.amazonaws.com"], ...detail },
    };
}

/**
 * Matches KMS API calls recorded by CloudTrail by event name and, when `keyArns` is non-empty,
 * only calls on one of those keys; `filters` narrow it to some callers or failures. CloudTrail
 * lists the key in `resources[].ARN`; EventBridge matches a pattern field against every element of
 * an array of objects.
 */
export function apiCallEventPattern(
    eventNames: readonly string[],
    keyArns: readonly string[] = [],
    filters: CallFilters = {},
): EventPattern {
    return kmsCallPattern({
        eventName: [...eventNames],
        ...(keyArns.length > 0 ? { resources: { ARN: [...keyArns] } } : {}),
        ...callFilterCondition(filters),
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
