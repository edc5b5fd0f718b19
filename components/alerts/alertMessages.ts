/**
 * Input transformers that turn raw events into short texts a person can act on at 3 a.m.
 *
 * The template is a JSON string literal, so the target receives a string and SNS emails it as
 * plain text rather than a JSON document. Paths use the JSONPath subset EventBridge accepts: dot
 * notation, dashes and array indices (EventBridge User Guide, "Amazon EventBridge input
 * transformation"). A path missing from the event yields no value, so the text never relies on
 * one being there. EventBridge does not escape the values it inserts, so only fields that never
 * hold a double quote (ARNs, names, IPs, times, error codes) are inserted.
 */

export interface InputTransformer {
    /** Variable name to JSONPath in the event. */
    readonly inputPaths: Readonly<Record<string, string>>;
    /** A JSON string literal with `<variable>` placeholders. */
    readonly inputTemplate: string;
}

export function transformer(
    inputPaths: Record<string, string>,
    lines: readonly string[],
): InputTransformer {
    return { inputPaths, inputTemplate: JSON.stringify(lines.join("\n")) };
}

/** A KMS call's fields, by name, for the texts on API calls. */
export const KMS_CALL_PATHS = {
    operation: "$.detail.eventName",
    keyArn: "$.detail.resources[0].ARN",
    caller: "$.detail.userIdentity.arn",
    callerType: "$.detail.userIdentity.type",
    callerAccount: "$.detail.userIdentity.accountId",
    invokedBy: "$.detail.userIdentity.invokedBy",
    sourceIp: "$.detail.sourceIPAddress",
    region: "$.region",
    account: "$.account",
    time: "$.time",
    errorCode: "$.detail.errorCode",
} as const;

/**
 * Who made a KMS call, whatever kind of caller: the `userIdentity` type, account, ARN and the AWS
 * service that made it, each empty where CloudTrail records none (CloudTrail User Guide,
 * "CloudTrail userIdentity element"). An AWS service calling on its own (`AWSService`) has only
 * `invokedBy`; another account's call, as the key's account records it (`AWSAccount`), only its
 * account ID; a user or role session has its ARN and account.
 */
export const CALLER = "<callerType> <callerAccount> <caller> <invokedBy>";

/** A KMS API call recorded by CloudTrail: one summary line, then the details. */
export function apiCallAlertTransformer(): InputTransformer {
    return transformer(
        {
            ...KMS_CALL_PATHS,
            keyRequested: "$.detail.requestParameters.keyId",
            userAgent: "$.detail.userAgent",
        },
        [
            `KMS <operation> on <keyArn> by ${CALLER}`,
            "",
            "Operation:     <operation>",
            "Key:           <keyArn>",
            "Key as called: <keyRequested>",
            `Caller:        ${CALLER}`,
            "(The caller's type, account, ARN and AWS service, where CloudTrail records them.)",
            "Source IP:     <sourceIp>",
            "User agent:    <userAgent>",
            "Region:        <region>",
            "Account:       <account>",
            "Time (UTC):    <time>",
            "Error code:    <errorCode>",
            "(An empty error code means the call succeeded.)",
            "",
            "Rule: <aws.events.rule-name>. Audit with: aws cloudtrail lookup-events --region " +
                "<region> --lookup-attributes AttributeKey=EventName,AttributeValue=<operation>",
        ],
    );
}

/**
 * KMS's own events that break the key: expired material and deletion. One rule receives both and a
 * template cannot branch, so the text names the event and then says what each kind means and what
 * to do. Rotations have a rule and a text of their own (keyRotationAlertTransformer).
 */
export function keyLifecycleAlertTransformer(): InputTransformer {
    return transformer(
        {
            event: "$.detail-type",
            keyId: "$.detail.key-id",
            keyArn: "$.resources[0]",
            region: "$.region",
            account: "$.account",
            time: "$.time",
        },
        [
            "<event>: KMS key <keyId>",
            "",
            "Key:        <keyArn>",
            "Account:    <account>",
            "Region:     <region>",
            "Time (UTC): <time>",
            "",
            "What it means and what to do:",
            "- KMS Imported Key Material Expiration: the imported key material expired and " +
                "KMS deleted it. The key is PendingImport and every encrypt or decrypt with it " +
                "fails. Re-import the material; the key is PendingImport until you do (same " +
                "material, new validTo: for a key of this stack, move importedKey.validTo " +
                "forward and run pulumi up).",
            "- KMS CMK Deletion: the key's waiting period ended and KMS deleted it. Data " +
                "encrypted under it can no longer be decrypted. If this was not planned, treat " +
                "it as an incident.",
        ],
    );
}

/**
 * A CloudWatch alarm of this stack that lives outside the home region: it cannot notify the topic
 * itself (alarm actions cannot reach an SNS topic in another region), so its state change event is
 * forwarded and turned into text here. The key ID is the alarm's `KeyId` dimension, empty for the
 * alarms that watch delivery rather than a key. The description is this stack's own text, which
 * never holds a double quote.
 */
export function alarmStateChangeTransformer(): InputTransformer {
    return transformer(
        {
            alarm: "$.detail.alarmName",
            state: "$.detail.state.value",
            previous: "$.detail.previousState.value",
            keyId: "$.detail.configuration.metrics[0].metricStat.metric.dimensions.KeyId",
            metric: "$.detail.configuration.metrics[0].metricStat.metric.name",
            description: "$.detail.configuration.description",
            region: "$.region",
            account: "$.account",
            time: "$.time",
        },
        [
            "CloudWatch alarm <alarm> is <state> in <region>",
            "",
            "Alarm:       <alarm>",
            "State:       <state> (was <previous>)",
            "KMS key ID:  <keyId>",
            "Metric:      <metric>",
            "Region:      <region>",
            "Account:     <account>",
            "Time (UTC):  <time>",
            "",
            "<description>",
            "",
            "Rule: <aws.events.rule-name>. The alarm is in <region>: aws cloudwatch " +
                "describe-alarms --region <region> --alarm-names <alarm>",
        ],
    );
}

/**
 * One key of the expiring-material alarm changed state. ALARM: the key has `warningDays` or fewer
 * days of validity left. OK: it has more again, or KMS stopped reporting it (material re-imported
 * without expiry, deleted, or expired: the lifecycle rule reports an expiry separately).
 */
export function expiringKeyContributorTransformer(warningDays: number): InputTransformer {
    return transformer(
        {
            keyId: "$.detail.alarmContributor.attributes.KeyId",
            state: "$.detail.state.value",
            alarm: "$.detail.alarmName",
            region: "$.region",
            account: "$.account",
            time: "$.time",
        },
        [
            "Imported key material of KMS key <keyId> in <region>: <state>",
            "",
            "KMS key ID:  <keyId>",
            `State:       <state> (ALARM: ${warningDays} days or fewer of validity left; OK: ` +
                `no longer within ${warningDays} days, or no longer reported)`,
            "Region:      <region>",
            "Account:     <account>",
            "Time (UTC):  <time>",
            "Alarm:       <alarm> (one contributor per key with expiring imported material)",
            "",
            "On ALARM: re-import the same key material with a later validTo before it " +
                "expires, or every encrypt and decrypt with the key fails (the key goes to " +
                "PendingImport).",
            "Look at the key: aws kms describe-key --region <region> --key-id <keyId>",
            "",
            "Rule: <aws.events.rule-name>",
        ],
    );
}

/**
 * One custom key store in one of the key store alarms changed state. The alarm's description says
 * which signal crossed its threshold and what to do; the store is the contributor's
 * `CustomKeyStoreId`.
 */
export function keyStoreContributorTransformer(): InputTransformer {
    return transformer(
        {
            storeId: "$.detail.alarmContributor.attributes.CustomKeyStoreId",
            state: "$.detail.state.value",
            alarm: "$.detail.alarmName",
            description: "$.detail.configuration.description",
            region: "$.region",
            account: "$.account",
            time: "$.time",
        },
        [
            "Custom key store <storeId> in <region>: <state> (<alarm>)",
            "",
            "Key store ID: <storeId>",
            "State:        <state> (ALARM: the signal below crossed its threshold; OK: back " +
                "within it, or no longer reported)",
            "Alarm:        <alarm> (one contributor per custom key store)",
            "Region:       <region>",
            "Account:      <account>",
            "Time (UTC):   <time>",
            "",
            "<description>",
            "",
            "Look at the store: aws kms describe-custom-key-stores --region <region> " +
                "--custom-key-store-id <storeId>",
            "",
            "Rule: <aws.events.rule-name>",
        ],
    );
}
