/**
 * The KMS calls SNS makes for the stack's own topics, which no API-call alert of the stack may
 * alert on: SNS generates a data key with a topic's key when a message is published to it (reused
 * for up to 5 minutes) and decrypts it when the message is delivered (SNS Developer Guide, "Key
 * management"; publishers need `kms:GenerateDataKey*` and `kms:Decrypt`), and CloudTrail records
 * both as read-only management events, which the API-call rules receive. A rule on GenerateDataKey
 * on any key would otherwise alert on the delivery of every alert, that alert's delivery again,
 * and so on.
 *
 * A call is the stack's own when all of these hold, each read from the CloudTrail record:
 * - an AWS service made it: `userIdentity.invokedBy` names the service that made a request
 *   (CloudTrail User Guide, "CloudTrail userIdentity element"; the KMS Developer Guide's records of
 *   calls by S3 and WorkMail carry it), and a principal's own call never has it, so nobody's own
 *   call is ever left out, on this key or any other;
 * - for an SNS topic: SNS encrypts with the encryption context `aws:sns:topicArn` (the key policy of
 *   the GameLift FlexMatch guide's "Set up an SNS topic with server-side encryption" conditions on
 *   `kms:EncryptionContext:aws:sns:topicArn`), which CloudTrail records in
 *   `requestParameters.encryptionContext`;
 * - naming the stack's key by its alias: every topic of the stack names `alias/<prefix>-alerts` as
 *   its key, and CloudTrail records the parameters sent with the request (the KMS Developer Guide's
 *   GenerateDataKey example records `keyId` as the caller gave it). The alias is unique in its
 *   account and region, the key's, and the topics are in the home region only;
 * - in the home region, when the stack names it.
 * The key ARN and the topic names are not known before the deployment, so the pattern cannot name
 * them. No AWS page shows the record of SNS's own call: should SNS name the key by its ARN, or
 * CloudTrail record no `invokedBy` or no encryption context, the call matches as before: more
 * alerts, never fewer (docs/security.md). `npm run verify` tries the rule against such a record.
 */

/** What tells the KMS calls SNS makes for the stack's topics from every other call. */
export interface OwnTopicCalls {
    /** The alias every topic of the stack names as its key, `alias/<prefix>-alerts`. */
    readonly keyAlias: string;
    /** The home region, where the topics and their key are; undefined: any region. */
    readonly region?: string;
}

/** The alias of the key that encrypts the stack's topics, and that they name as their key. */
export function topicKeyAlias(namePrefix: string): string {
    return `alias/${namePrefix}-alerts`;
}

/** Whether SNS calls the operation with a topic's key: `GenerateDataKey*` and `Decrypt`. */
export function isTopicKeyOperation(eventName: string): boolean {
    return eventName.startsWith("GenerateDataKey") || eventName === "Decrypt";
}

/**
 * Not the stack's own call, as a detail condition: one alternative per part of the description
 * above that the call may fail, with `exists: false` where the field may be absent, since a field
 * the event lacks matches no `anything-but` (EventBridge User Guide, "Content filtering in event
 * patterns"). `keyId` may be absent (a Decrypt names no key), and then the call is not left out.
 */
export function notOwnTopicCall(own: OwnTopicCalls): Record<string, unknown> {
    return {
        $or: [
            { userIdentity: { invokedBy: [{ exists: false }] } },
            {
                requestParameters: {
                    encryptionContext: { "aws:sns:topicArn": [{ exists: false }] },
                },
            },
            { requestParameters: { keyId: [{ "anything-but": [own.keyAlias] }] } },
            { requestParameters: { keyId: [{ exists: false }] } },
            ...(own.region === undefined
                ? []
                : [{ awsRegion: [{ "anything-but": [own.region] }] }]),
        ],
    };
}

/** The condition of a rule on `eventNames`: none unless it watches an operation SNS calls. */
export function ownTopicCallsCondition(
    eventNames: readonly string[],
    own: OwnTopicCalls | undefined,
): Record<string, unknown> {
    return own !== undefined && eventNames.some(isTopicKeyOperation) ? notOwnTopicCall(own) : {};
}
