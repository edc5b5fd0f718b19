import {
    CALLER,
    InputTransformer,
    KMS_CALL_PATHS,
    keyLifecycleAlertTransformer,
    transformer,
} from "./alertMessages";
import type { EventAlertKind } from "./topicRule";

/**
 * The texts of the stack's own event alerts (eventAlerts.ts), in the conventions of
 * alertMessages.ts: a path missing from the event leaves its place empty, which each text says
 * how to read where it can happen.
 */

/**
 * A rotation of a key's material. KMS's event names how it was started, `rotation-type`
 * `AUTOMATIC` (the key's schedule) or `ON_DEMAND` (a RotateKeyOnDemand call), and the key material
 * before and after (KMS Developer Guide, "Monitor KMS keys with Amazon EventBridge", KMS CMK
 * Rotation). A template cannot branch on the type, so it states it and says what each means.
 */
export function keyRotationAlertTransformer(): InputTransformer {
    return transformer(
        {
            event: "$.detail-type",
            rotationType: "$.detail.rotation-type",
            keyId: "$.detail.key-id",
            keyArn: "$.resources[0]",
            origin: "$.detail.key-origin",
            previousMaterial: "$.detail.previous-key-material-id",
            currentMaterial: "$.detail.current-key-material-id",
            region: "$.region",
            account: "$.account",
            time: "$.time",
        },
        [
            "<event> (<rotationType>): KMS key <keyId>",
            "",
            "Key:           <keyArn>",
            "Rotation type: <rotationType>",
            "Key origin:    <origin>",
            "Key material:  <previousMaterial> -> <currentMaterial>",
            "Account:       <account>",
            "Region:        <region>",
            "Time (UTC):    <time>",
            "(An empty rotation type or key material: KMS sent the event without them.)",
            "",
            "What it means and what to do:",
            "- AUTOMATIC: KMS rotated the key material on the key's rotation schedule. Nothing to " +
                "do; ciphertexts under the old material still decrypt.",
            "- ON_DEMAND: a RotateKeyOnDemand call started this rotation. Nothing breaks, but if " +
                "nobody planned it, find who made the call: aws cloudtrail lookup-events --region " +
                "<region> --lookup-attributes AttributeKey=EventName,AttributeValue=RotateKeyOnDemand",
        ],
    );
}

/**
 * The fields of a call the pending-deletion rule matched. Its key is the one the error message
 * names, "<key ARN> is pending deletion." (KMS Developer Guide, "Create an alarm that detects use
 * of a KMS key pending deletion": the "Key ARN is pending deletion" error message), not
 * `resources[0]`: a ReEncrypt lists "the source KMS key and the destination KMS key, in that
 * order" (KMS Developer Guide, ReEncrypt's CloudTrail example), and either may be the one pending
 * deletion. The message holds no double quote, so the JSON templates of the channels may insert it
 * too: the rule admits only messages that end with " is pending deletion." (PENDING_DELETION_CONDITION),
 * which KMS writes after the key's ARN.
 */
export const PENDING_DELETION_PATHS = {
    ...KMS_CALL_PATHS,
    pendingDeletionMessage: "$.detail.errorMessage",
} as const;

/**
 * The key the message names, for a shell command: EventBridge cannot cut a value, so the command
 * takes the message's first word, the key's ARN. No double quote, which a JSON template could not
 * hold.
 */
const KEY_PENDING_DELETION = "$(echo '<pendingDeletionMessage>' | cut -d' ' -f1)";

/** What to run when the key is still needed: a cancelled deletion leaves the key Disabled. */
export const CANCEL_DELETION_COMMANDS: readonly string[] = [
    `aws kms cancel-key-deletion --region <region> --key-id ${KEY_PENDING_DELETION}`,
    `aws kms enable-key --region <region> --key-id ${KEY_PENDING_DELETION}`,
];

/**
 * A KMS call that failed because its key is pending deletion: the last warning there is. When the
 * waiting period ends KMS deletes the key, and what it protects can never be decrypted again.
 */
export function pendingDeletionUseAlertTransformer(): InputTransformer {
    const { keyArn: _notTheKey, ...paths } = PENDING_DELETION_PATHS;
    return transformer(paths, [
        `KMS key pending deletion is still in use: <pendingDeletionMessage> <operation> by ${CALLER}`,
        "",
        "A KMS call failed because its key is scheduled for deletion. When the waiting period " +
            "ends, KMS deletes the key and every ciphertext under it can never be decrypted again. " +
            "Something still needs this key.",
        "",
        "Error:       <errorCode>: <pendingDeletionMessage>",
        "Operation:   <operation>",
        `Caller:      ${CALLER}`,
        "(The caller's type, account, ARN and AWS service, where CloudTrail records them.)",
        "Source IP:   <sourceIp>",
        "Region:      <region>",
        "Account:     <account>",
        "Time (UTC):  <time>",
        "",
        "What to do:",
        "- If the key is still needed, stop its deletion, then enable it (a cancelled deletion " +
            "leaves it Disabled):",
        ...CANCEL_DELETION_COMMANDS.map((command) => `  ${command}`),
        "- If it must go, find and stop the caller before the deletion date: aws kms " +
            `describe-key --region <region> --key-id ${KEY_PENDING_DELETION} shows it.`,
        "",
        "Rule: <aws.events.rule-name>",
    ]);
}

/** The email text of each kind of event alert. */
export function eventAlertTransformer(kind: EventAlertKind): InputTransformer {
    switch (kind) {
        case "key-lifecycle":
            return keyLifecycleAlertTransformer();
        case "key-rotation":
            return keyRotationAlertTransformer();
        case "pending-deletion":
            return pendingDeletionUseAlertTransformer();
    }
}
