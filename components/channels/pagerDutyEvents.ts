import {
    AlertKind,
    ContributorKind,
    InputTransformer,
    isKmsOperation,
    isReadOnlyOperation,
    KMS_LIFECYCLE_DETAIL_TYPES,
} from "../alerts";
import { field, jsonTransformer } from "./templates";

/** PagerDuty Events API v2, "Send an Alert Event": the endpoint and the four severities. */
export const PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
export type PagerDutySeverity = "critical" | "error" | "warning" | "info";
export type PagerDutyAction = "trigger" | "resolve";

/**
 * The calls that make a key, or every ciphertext under it, unusable at once: someone may be
 * destroying data right now, so they page as `critical`.
 */
const CRITICAL_OPERATIONS: readonly string[] = [
    "DisableKey",
    "ScheduleKeyDeletion",
    "DeleteImportedKeyMaterial",
    "DeleteCustomKeyStore",
    "DisconnectCustomKeyStore",
];

/**
 * How urgent a KMS call is: `critical` for the calls above; `info` for the read-only ones (data
 * keys, encrypt, decrypt, describe), which record normal use; `warning` for every other change to
 * a key (policy, grants, rotation, aliases, imports, cancelled deletions), which someone should
 * review but which breaks nothing by itself.
 */
export function apiCallSeverity(operation: string): PagerDutySeverity {
    if (CRITICAL_OPERATIONS.includes(operation)) {
        return "critical";
    }
    return isKmsOperation(operation) && isReadOnlyOperation(operation) ? "info" : "warning";
}

/**
 * KMS's own events: an expired material or a deleted key breaks every use of the key
 * (`critical`); a rotation is routine (`info`).
 */
export const LIFECYCLE_SEVERITIES: readonly {
    /** KMS's own detail types, so that a misspelt one fails the type check, not silently. */
    readonly detailTypes: readonly (typeof KMS_LIFECYCLE_DETAIL_TYPES)[number][];
    readonly severity: PagerDutySeverity;
    readonly role: string;
}[] = [
    {
        detailTypes: ["KMS Imported Key Material Expiration", "KMS CMK Deletion"],
        severity: "critical",
        role: "key-deletion",
    },
    { detailTypes: ["KMS CMK Rotation"], severity: "info", role: "key-rotation" },
];

/**
 * An alarm of this stack in ALARM means alerts are not arriving, a region or member went silent,
 * a key's material expires soon or KMS is close to throttling: someone must act today, so
 * `error`. A key whose material expires within the warning days is `warning`: there is time, but
 * not much. A custom key store whose certificate expires within days, whose proxy fails or is
 * slow, or whose requests are throttled is `error`: its keys fail, or soon will.
 */
export const ALARM_SEVERITY: PagerDutySeverity = "error";
export const CONTRIBUTOR_SEVERITIES: Readonly<Record<ContributorKind, PagerDutySeverity>> = {
    "expiring-key": "warning",
    "key-store": "error",
};

/** What each kind of event is about: PagerDuty's summary, dedup key, class and details. */
function describe(kind: AlertKind) {
    switch (kind) {
        case "api-call":
            return {
                summary: `KMS ${field("operation")} on ${field("keyArn")} in ${field("region")}`,
                // Every call is its own incident.
                dedupKey: field("id"),
                eventClass: field("operation"),
                details: {
                    key: field("keyArn"),
                    caller: field("caller"),
                    sourceIp: field("sourceIp"),
                    errorCode: field("errorCode"),
                },
            };
        case "key-lifecycle":
            return {
                summary: `${field("eventType")}: ${field("resource")}`,
                dedupKey: field("id"),
                eventClass: field("eventType"),
                details: { key: field("resource") },
            };
        case "alarm":
            return {
                summary: `CloudWatch alarm ${field("alarm")} is ${field("state")} in ${field("region")}`,
                // ALARM and the OK after it share the alarm's ARN: OK resolves what ALARM opened.
                dedupKey: field("resource"),
                eventClass: field("metric"),
                details: {
                    alarm: field("resource"),
                    keyId: field("alarmKeyId"),
                    description: field("alarmDescription"),
                },
            };
        case "expiring-key":
            return {
                summary:
                    `Imported key material of KMS key ${field("contributorKeyId")} in ` +
                    `${field("region")}: ${field("state")}`,
                // One incident per key of the alarm.
                dedupKey: `${field("resource")}/${field("contributorKeyId")}`,
                eventClass: "expiring key material",
                details: { keyId: field("contributorKeyId"), alarm: field("resource") },
            };
        case "key-store":
            return {
                summary:
                    `Custom key store ${field("contributorKeyStoreId")} in ${field("region")}: ` +
                    `${field("state")} (${field("alarm")})`,
                // One incident per store and alarm: ALARM and the OK after it share both.
                dedupKey: `${field("resource")}/${field("contributorKeyStoreId")}`,
                eventClass: "custom key store",
                details: {
                    customKeyStoreId: field("contributorKeyStoreId"),
                    alarm: field("resource"),
                    description: field("alarmDescription"),
                },
            };
    }
}

/**
 * The Events API v2 body for one kind of event, action and severity. The routing key is not in it:
 * the connection adds it to the body (see pagerDuty.ts), so no rule or target holds the secret.
 */
export function pagerDutyTransformer(
    kind: AlertKind,
    action: PagerDutyAction,
    severity: PagerDutySeverity,
): InputTransformer {
    const about = describe(kind);
    return jsonTransformer(kind, {
        event_action: action,
        dedup_key: about.dedupKey,
        client: "kms-monitoring",
        payload: {
            summary: about.summary,
            source: `${field("account")}/${field("region")}`,
            severity,
            timestamp: field("time"),
            component: "AWS KMS",
            group: field("account"),
            class: about.eventClass,
            custom_details: { ...about.details, rule: field("aws.events.rule-name") },
        },
    });
}
