import type { AlertKind, InputTransformer } from "../alerts";
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
    /** Alerts with the same thread ID thread together. */
    readonly threadId: string;
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
        metadata: { threadId: content.threadId, summary: content.summary },
    });
}

/** Where and when: the lines every message ends with. */
const WHERE_AND_WHEN = [
    `Account: \`${field("account")}\``,
    `Region: \`${field("region")}\``,
    `Time (UTC): \`${field("time")}\``,
    `Rule: \`${field("aws.events.rule-name")}\``,
];

/** One key's alerts thread together, whatever kind they are: the thread is named by the key's ARN. */
const KEY_THREAD = "kms-key:";

function apiCall(): InputTransformer {
    return notification("api-call", {
        title: `KMS ${field("operation")} in ${field("account")} ${field("region")}`,
        description: [
            `Operation: \`${field("operation")}\``,
            `Key: \`${field("keyArn")}\``,
            `Caller: \`${field("caller")}\``,
            `Source IP: \`${field("sourceIp")}\``,
            `Error code (empty: the call succeeded): ${field("errorCode")}`,
            ...WHERE_AND_WHEN,
        ],
        nextSteps: [
            `Audit: aws cloudtrail lookup-events --region ${field("region")} --lookup-attributes ` +
                `AttributeKey=EventName,AttributeValue=${field("operation")}`,
        ],
        keywords: ["KMS", field("operation"), field("region")],
        threadId: `${KEY_THREAD}${field("keyArn")}`,
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
            "CMK Rotation: KMS rotated the key material; nothing to do.",
            "CMK Deletion: the key is deleted and data encrypted under it cannot be decrypted; " +
                "if this was not planned, treat it as an incident.",
        ],
        nextSteps: [
            `Look at the key: aws kms describe-key --region ${field("region")} ` +
                `--key-id ${field("lifecycleKeyId")}`,
        ],
        keywords: ["KMS", "key lifecycle", field("region")],
        threadId: `${KEY_THREAD}${field("resource")}`,
        summary: `${field("eventType")}: ${field("resource")}`,
    });
}

function alarm(): InputTransformer {
    return notification("alarm", {
        title: `CloudWatch alarm ${field("alarm")} is ${field("state")}`,
        description: [
            `Alarm: \`${field("alarm")}\``,
            `State: ${field("state")} (was ${field("previousState")})`,
            `KMS key ID: ${field("alarmKeyId")}`,
            `Metric: ${field("metric")}`,
            field("alarmDescription"),
            ...WHERE_AND_WHEN,
        ],
        nextSteps: [
            `aws cloudwatch describe-alarms --region ${field("region")} ` +
                `--alarm-names ${field("alarm")}`,
        ],
        keywords: ["KMS", field("state"), field("region")],
        // An alarm's ALARM and its OK thread together.
        threadId: `alarm:${field("resource")}`,
        summary: `${field("alarm")} is ${field("state")}`,
    });
}

function expiringKey(partition: string): InputTransformer {
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
        threadId:
            `${KEY_THREAD}arn:${partition}:kms:${field("region")}:${field("account")}:key/` +
            field("contributorKeyId"),
        summary: `${field("contributorKeyId")}: ${field("state")}`,
    });
}

/** The chat message of each kind of alert; `partition` names the keys the expiring-key alerts are about. */
export function chatTransformers(partition: string): Record<AlertKind, InputTransformer> {
    return {
        "api-call": apiCall(),
        "key-lifecycle": keyLifecycle(),
        alarm: alarm(),
        "expiring-key": expiringKey(partition),
    };
}
