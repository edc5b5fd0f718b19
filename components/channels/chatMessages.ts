import { AlertKind, CALLER, CANCEL_DELETION_COMMANDS, InputTransformer } from "../alerts";
import type { PagerDutyAction } from "./pagerDutyEvents";
import { field, jsonTransformer } from "./templates";

/**
 * Amazon Q Developer in chat applications drops a plain-text SNS message and only counts it; it
 * renders AWS service notifications it knows and custom notifications in this schema: `version`
 * "1.0", `source` "custom", `content` with `textType` "client-markdown", `title`, `description`,
 * `nextSteps` and `keywords`, and `metadata.threadId`, which threads the notifications that share
 * it (Amazon Q Developer in chat applications Administrator Guide, "Custom notifications"). The
 * markdown is kept to what Slack and Teams both render: plain lines, and code spans for values.
 */
interface ChatContent {
    readonly title: string;
    readonly description: readonly string[];
    readonly nextSteps: readonly string[];
    readonly keywords: readonly string[];
    /**
     * Alerts with the same thread ID thread together; none: the alert is a message of its own.
     * A thread ID is optional ("You can also thread custom notifications using the threadId
     * parameter", same page).
     */
    readonly threadId?: string;
    /** One line for previews. */
    readonly summary: string;
}

function notification(kind: AlertKind, content: ChatContent): InputTransformer {
    return jsonTransformer(kind, {
        version: "1.0",
        source: "custom",
        id: field("id"),
        content: {
            textType: "client-markdown",
            title: content.title,
            description: content.description.join("\n"),
            nextSteps: content.nextSteps,
            keywords: content.keywords,
        },
        metadata: {
            ...(content.threadId === undefined ? {} : { threadId: content.threadId }),
            summary: content.summary,
        },
    });
}

/** Where and when: the lines every message ends with. */
const WHERE_AND_WHEN = [
    `Account: \`${field("account")}\``,
    `Region: \`${field("region")}\``,
    `Time (UTC): \`${field("time")}\``,
    `Rule: \`${field("aws.events.rule-name")}\``,
];

/*
 * Threads. A thread is where a channel's members look for updates on one thing; a reply in an old
 * thread is easy to miss (Slack shows it under a message that may be weeks old). So no thread may
 * ever hold a new alert that needs acting on:
 * - API calls, key events, expiring keys and key stores start no thread: each is a message of its
 *   own. One thread per key would put a ScheduleKeyDeletion under last month's Decrypt alerts, and nothing
 *   in a contributor's event ties its OK to its ALARM (it has no previousState).
 * - An alarm's firing starts a thread of its own, named by the alarm's ARN and the time it went
 *   into ALARM (`detail.state.timestamp`); its resolve (only ever ALARM to OK, channelRules.ts)
 *   names the same time as `detail.previousState.timestamp`, and so replies in that thread. The
 *   next firing of the alarm, weeks later, starts a new thread. Should the two times ever differ,
 *   the resolve is a message of its own: nothing is hidden either way.
 */

function apiCall(): InputTransformer {
    return notification("api-call", {
        title: `KMS ${field("operation")} in ${field("account")} ${field("region")}`,
        description: [
            `Operation: \`${field("operation")}\``,
            `Key: \`${field("keyArn")}\``,
            `Caller (type, account, ARN, AWS service): \`${CALLER}\``,
            `Source IP: \`${field("sourceIp")}\``,
            `Error code (empty: the call succeeded): ${field("errorCode")}`,
            ...WHERE_AND_WHEN,
        ],
        nextSteps: [
            `Audit: aws cloudtrail lookup-events --region ${field("region")} --lookup-attributes ` +
                `AttributeKey=EventName,AttributeValue=${field("operation")}`,
        ],
        keywords: ["KMS", field("operation"), field("region")],
        summary: `KMS ${field("operation")} on ${field("keyArn")}`,
    });
}

function keyLifecycle(): InputTransformer {
    return notification("key-lifecycle", {
        title: `${field("eventType")}: KMS key ${field("lifecycleKeyId")}`,
        description: [
            `Event: ${field("eventType")}`,
            `Key: \`${field("resource")}\``,
            ...WHERE_AND_WHEN,
            "Imported Key Material Expiration: the material expired, every encrypt and decrypt " +
                "with the key fails until the same material is imported again.",
            "CMK Deletion: the key is deleted and data encrypted under it cannot be decrypted; " +
                "if this was not planned, treat it as an incident.",
        ],
        nextSteps: [
            `Look at the key: aws kms describe-key --region ${field("region")} ` +
                `--key-id ${field("lifecycleKeyId")}`,
        ],
        keywords: ["KMS", "key lifecycle", field("region")],
        summary: `${field("eventType")}: ${field("resource")}`,
    });
}

function keyRotation(): InputTransformer {
    return notification("key-rotation", {
        title: `${field("eventType")} (${field("rotationType")}): KMS key ${field("lifecycleKeyId")}`,
        description: [
            `Rotation type: ${field("rotationType")}`,
            `Key: \`${field("resource")}\``,
            `Key material: \`${field("previousKeyMaterial")}\` -> \`${field("currentKeyMaterial")}\``,
            ...WHERE_AND_WHEN,
            "AUTOMATIC: KMS rotated the key material on its schedule; nothing to do.",
            "ON_DEMAND: a RotateKeyOnDemand call started it; nothing breaks, but if nobody " +
                "planned it, find who made the call (next step).",
        ],
        nextSteps: [
            `aws cloudtrail lookup-events --region ${field("region")} --lookup-attributes ` +
                "AttributeKey=EventName,AttributeValue=RotateKeyOnDemand",
        ],
        keywords: ["KMS", "key rotation", field("region")],
        summary: `${field("eventType")} (${field("rotationType")}): ${field("resource")}`,
    });
}

function pendingDeletion(): InputTransformer {
    const [cancel, enable] = CANCEL_DELETION_COMMANDS;
    return notification("pending-deletion", {
        title: `KMS key pending deletion still in use: ${field("pendingDeletionMessage")}`,
        description: [
            "A call failed because its key is scheduled for deletion. Once deleted, every " +
                "ciphertext under it is lost; something still needs this key.",
            `Error: ${field("errorCode")}: \`${field("pendingDeletionMessage")}\``,
            `Operation: \`${field("operation")}\``,
            `Caller (type, account, ARN, AWS service): \`${CALLER}\``,
            `Source IP: \`${field("sourceIp")}\``,
            ...WHERE_AND_WHEN,
        ],
        nextSteps: [
            `If the key is still needed: ${cancel}`,
            `Then: ${enable}`,
            "If it must go: find and stop the caller before the deletion date.",
        ],
        keywords: ["KMS", "pending deletion", field("operation"), field("region")],
        summary: `${field("operation")} on a key pending deletion: ${field("pendingDeletionMessage")}`,
    });
}

function alarm(action: PagerDutyAction): InputTransformer {
    const firedAt = action === "resolve" ? field("previousStateTime") : field("stateTime");
    return notification("alarm", {
        title: `CloudWatch alarm ${field("alarm")} is ${field("state")}`,
        description: [
            `Alarm: \`${field("alarm")}\``,
            `State: ${field("state")} (was ${field("previousState")})`,
            // No line for a key: most alarms have none (quotas, delivery), and a template cannot
            // leave out an empty line; the key alarms name theirs in their description.
            `Metric: ${field("metric")}`,
            field("alarmDescription"),
            ...WHERE_AND_WHEN,
        ],
        nextSteps: [
            `aws cloudwatch describe-alarms --region ${field("region")} ` +
                `--alarm-names ${field("alarm")}`,
        ],
        keywords: ["KMS", field("state"), field("region")],
        threadId: `alarm:${field("resource")}:${firedAt}`,
        summary: `${field("alarm")} is ${field("state")}`,
    });
}

function expiringKey(): InputTransformer {
    return notification("expiring-key", {
        title: `Imported key material of KMS key ${field("contributorKeyId")}: ${field("state")}`,
        description: [
            `KMS key ID: \`${field("contributorKeyId")}\``,
            `State: ${field("state")} (ALARM: the material expires soon; OK: no longer soon, ` +
                "or no longer reported)",
            `Alarm: \`${field("alarm")}\``,
            ...WHERE_AND_WHEN,
            "On ALARM: import the same key material again with a later validTo before it " +
                "expires, or every encrypt and decrypt with the key fails.",
        ],
        nextSteps: [
            `aws kms describe-key --region ${field("region")} --key-id ${field("contributorKeyId")}`,
        ],
        keywords: ["KMS", "expiring key material", field("region")],
        summary: `${field("contributorKeyId")}: ${field("state")}`,
    });
}

function keyStore(): InputTransformer {
    return notification("key-store", {
        title: `Custom key store ${field("contributorKeyStoreId")}: ${field("state")}`,
        description: [
            `Custom key store ID: \`${field("contributorKeyStoreId")}\``,
            `State: ${field("state")} (ALARM: the signal crossed its threshold; OK: back within ` +
                "it, or no longer reported)",
            `Alarm: \`${field("alarm")}\``,
            field("alarmDescription"),
            ...WHERE_AND_WHEN,
        ],
        nextSteps: [
            `aws kms describe-custom-key-stores --region ${field("region")} ` +
                `--custom-key-store-id ${field("contributorKeyStoreId")}`,
        ],
        keywords: ["KMS", "custom key store", field("region")],
        summary: `${field("contributorKeyStoreId")}: ${field("state")}`,
    });
}

/**
 * The chat message of an alert of `kind`. For an alarm, `action` tells a firing (`trigger`) from a
 * resolve (`resolve`, ALARM to OK): they name the thread they belong to by different fields.
 */
export function chatTransformer(
    kind: AlertKind,
    action: PagerDutyAction = "trigger",
): InputTransformer {
    switch (kind) {
        case "api-call":
            return apiCall();
        case "key-lifecycle":
            return keyLifecycle();
        case "key-rotation":
            return keyRotation();
        case "pending-deletion":
            return pendingDeletion();
        case "alarm":
            return alarm(action);
        case "expiring-key":
            return expiringKey();
        case "key-store":
            return keyStore();
    }
}
