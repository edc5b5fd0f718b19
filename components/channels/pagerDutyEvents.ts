import {
    AlertKind,
    CALLER,
    CANCEL_DELETION_COMMANDS,
    ContributorKind,
    EventAlertKind,
    InputTransformer,
    isKmsOperation,
    isReadOnlyOperation,
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
 * The stack's own event alerts: an expired material or a deleted key breaks every use of the key,
 * and a key pending deletion that is still used is about to (`critical`); a rotation is routine
 * (`info`).
 */
export const EVENT_ALERT_SEVERITIES: Readonly<Record<EventAlertKind, PagerDutySeverity>> = {
    "key-lifecycle": "critical",
    "key-rotation": "info",
    "pending-deletion": "critical",
};

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

const CALL_DETAILS = {
    key: field("keyArn"),
    caller: CALLER,
    sourceIp: field("sourceIp"),
    errorCode: field("errorCode"),
};

/** What an event is about: PagerDuty's summary, dedup key, class and details. */
interface About {
    readonly summary: string;
    readonly dedupKey: string;
    readonly eventClass: string;
    readonly details: Record<string, string>;
}

/** What each kind of event is about. */
const ABOUT: Readonly<Record<AlertKind, About>> = {
    "api-call": {
        summary: `KMS ${field("operation")} on ${field("keyArn")} in ${field("region")}`,
        // Every call is its own incident.
        dedupKey: field("id"),
        eventClass: field("operation"),
        details: CALL_DETAILS,
    },
    "pending-deletion": {
        summary:
            `KMS key pending deletion still in use: ${field("pendingDeletionMessage")} ` +
            `${field("operation")} by ${CALLER}`,
        // Its own incident, apart from an API-call alert on the same call (same event ID), which
        // may page at a lower severity.
        dedupKey: `${field("id")}/pending-deletion`,
        eventClass: "key pending deletion in use",
        details: {
            error: `${field("errorCode")}: ${field("pendingDeletionMessage")}`,
            operation: field("operation"),
            caller: CALLER,
            sourceIp: field("sourceIp"),
            whatToDo:
                `If the key is still needed: ${CANCEL_DELETION_COMMANDS.join(", then ")}; else ` +
                "find and stop the caller before the deletion date",
        },
    },
    "key-rotation": {
        summary: `${field("eventType")} (${field("rotationType")}): ${field("resource")}`,
        dedupKey: field("id"),
        eventClass: field("eventType"),
        details: {
            key: field("resource"),
            rotationType: field("rotationType"),
            keyMaterial: `${field("previousKeyMaterial")} -> ${field("currentKeyMaterial")}`,
            onDemand:
                "ON_DEMAND: a RotateKeyOnDemand call started it; find who in CloudTrail " +
                "(event name RotateKeyOnDemand). AUTOMATIC: the key's schedule.",
        },
    },
    "key-lifecycle": {
        summary: `${field("eventType")}: ${field("resource")}`,
        dedupKey: field("id"),
        eventClass: field("eventType"),
        details: { key: field("resource") },
    },
    alarm: {
        summary: `CloudWatch alarm ${field("alarm")} is ${field("state")} in ${field("region")}`,
        // ALARM and the OK after it share the alarm's ARN: OK resolves what ALARM opened.
        dedupKey: field("resource"),
        eventClass: field("metric"),
        // The key alarms name their key in the description; the others have none to name.
        details: { alarm: field("resource"), description: field("alarmDescription") },
    },
    "expiring-key": {
        summary:
            `Imported key material of KMS key ${field("contributorKeyId")} in ` +
            `${field("region")}: ${field("state")}`,
        // One incident per key of the alarm.
        dedupKey: `${field("resource")}/${field("contributorKeyId")}`,
        eventClass: "expiring key material",
        details: { keyId: field("contributorKeyId"), alarm: field("resource") },
    },
    "key-store": {
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
    },
};

/**
 * The Events API v2 body for one kind of event, action and severity. The routing key is not in it:
 * the connection adds it to the body (see pagerDuty.ts), so no rule or target holds the secret.
 */
export function pagerDutyTransformer(
    kind: AlertKind,
    action: PagerDutyAction,
    severity: PagerDutySeverity,
): InputTransformer {
    const about = ABOUT[kind];
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
