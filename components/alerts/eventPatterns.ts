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
    readonly detail?: Record<string, unknown>;
}

/**
 * Matches KMS API calls recorded by CloudTrail by event name and, when `keyArns` is non-empty,
 * only calls on one of those keys. CloudTrail lists the key in `resources[].ARN`; EventBridge
 * matches a pattern field against every element of an array of objects.
 */
export function apiCallEventPattern(eventNames: readonly string[], keyArns: readonly string[] = []): EventPattern {
    const detail: Record<string, unknown> = {
        eventSource: ["kms.amazonaws.com"],
        eventName: [...eventNames],
    };
    if (keyArns.length > 0) {
        detail.resources = { ARN: [...keyArns] };
    }
    return { source: ["aws.kms"], "detail-type": [CLOUDTRAIL_API_CALL], detail };
}

/** Matches the expiration, rotation and deletion events KMS emits for every key in the account and region. */
export function keyLifecycleEventPattern(): EventPattern {
    return { source: ["aws.kms"], "detail-type": [...KMS_LIFECYCLE_DETAIL_TYPES] };
}

/**
 * A rule that watches any read-only operation must opt in to read-only management events,
 * or it silently never fires for them (see kmsOperations.ts).
 */
export function apiCallRuleState(eventNames: readonly string[]): RuleState {
    const watchesReadOnly = eventNames.some((name) => isKmsOperation(name) && isReadOnlyOperation(name));
    return watchesReadOnly ? "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" : "ENABLED";
}
