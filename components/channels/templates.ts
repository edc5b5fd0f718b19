import { AlertKind, InputTransformer, PENDING_DELETION_PATHS } from "../alerts";

/**
 * The event fields a JSON input template may insert, by a short name. EventBridge inserts them as
 * they are: it "does not escape values extracted by Input Path, when populating the Input Template
 * for a target" (EventBridge User Guide, "Amazon EventBridge input transformation", Common Issues
 * with transforming input), and in a JSON template "object values can't include quote marks"
 * (EventBridge API reference, InputTransformer). A value holding a double quote, a backslash or a
 * line break would make the JSON the target receives invalid, and Amazon Q Developer and PagerDuty
 * drop what they cannot parse. So only fields that never hold one are inserted: ARNs, IDs, names,
 * IP addresses, times, error codes, alarm states, rotation types and key material IDs (hex), and
 * this stack's own alarm descriptions; a KMS call's are the email texts' (KMS_CALL_PATHS), with the
 * error message of a call on a key pending deletion, which only its alert inserts
 * (PENDING_DELETION_PATHS). The user agent and the key ID as the caller typed it are left out:
 * both are free text the caller chooses.
 */
export const QUOTE_FREE_PATHS = {
    id: "$.id",
    ...PENDING_DELETION_PATHS,
    eventType: "$.detail-type",
    resource: "$.resources[0]",
    lifecycleKeyId: "$.detail.key-id",
    rotationType: "$.detail.rotation-type",
    previousKeyMaterial: "$.detail.previous-key-material-id",
    currentKeyMaterial: "$.detail.current-key-material-id",
    alarm: "$.detail.alarmName",
    state: "$.detail.state.value",
    previousState: "$.detail.previousState.value",
    stateTime: "$.detail.state.timestamp",
    previousStateTime: "$.detail.previousState.timestamp",
    metric: "$.detail.configuration.metrics[0].metricStat.metric.name",
    alarmDescription: "$.detail.configuration.description",
    contributorKeyId: "$.detail.alarmContributor.attributes.KeyId",
    contributorKeyStoreId: "$.detail.alarmContributor.attributes.CustomKeyStoreId",
} as const;

export type EventField = keyof typeof QUOTE_FREE_PATHS;

/** Who made a KMS call: the fields of alertMessages.ts' CALLER. */
const CALLER_FIELDS: readonly EventField[] = ["callerType", "callerAccount", "caller", "invokedBy"];

/** The fields each kind of event carries, in the order a message names them. */
export const FIELDS_OF_KIND: Readonly<Record<AlertKind, readonly EventField[]>> = {
    "api-call": ["id", "operation", "keyArn", ...CALLER_FIELDS, "sourceIp", "errorCode", "account"],
    "key-lifecycle": ["id", "eventType", "lifecycleKeyId", "resource", "account"],
    "key-rotation": [
        "id",
        "eventType",
        "rotationType",
        "lifecycleKeyId",
        "resource",
        "previousKeyMaterial",
        "currentKeyMaterial",
        "account",
    ],
    "pending-deletion": [
        "id",
        "operation",
        "pendingDeletionMessage",
        ...CALLER_FIELDS,
        "sourceIp",
        "errorCode",
        "account",
    ],
    alarm: [
        "id",
        "alarm",
        "state",
        "previousState",
        "stateTime",
        "previousStateTime",
        "metric",
        "alarmDescription",
        "resource",
        "account",
    ],
    "expiring-key": ["id", "alarm", "state", "contributorKeyId", "resource", "account"],
    "key-store": [
        "id",
        "alarm",
        "state",
        "contributorKeyStoreId",
        "alarmDescription",
        "resource",
        "account",
    ],
};

/** `<name>`, the placeholder of a field in a template. */
export function field(name: EventField | "aws.events.rule-name"): string {
    return `<${name}>`;
}

/**
 * A transformer whose template is a JSON document: `template` with `<field>` placeholders in its
 * string values, and the paths of every field of the kind, plus region and time.
 */
export function jsonTransformer(kind: AlertKind, template: object): InputTransformer {
    const names: EventField[] = [...FIELDS_OF_KIND[kind], "region", "time"];
    return {
        inputPaths: Object.fromEntries(names.map((name) => [name, QUOTE_FREE_PATHS[name]])),
        inputTemplate: JSON.stringify(template),
    };
}
