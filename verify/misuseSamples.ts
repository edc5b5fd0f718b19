/**
 * Sample events for the misuse alerts: who made a call, calls that failed, and rotations, shaped
 * as AWS documents them. The callers are CloudTrail `userIdentity` elements: an IAM user (the KMS
 * Developer Guide's CloudTrail examples, Alice), a role session ("Determining past usage of a KMS
 * key": the Admins role through S3), an AWS service ("How Amazon WorkMail uses AWS KMS"), the root
 * user and another account (CloudTrail User Guide, "CloudTrail userIdentity element"). A failed
 * call carries `errorCode` and `errorMessage` as in the guide's "Decrypt failure" example; the
 * messages of a key pending deletion are those of "Key states of AWS KMS keys".
 */
import { cloudTrailEvent, KEY_ARN, kmsEvent, OTHER_KEY_ARN, placed } from "./samples";

type Identity = Record<string, unknown>;
type CallEvent = ReturnType<typeof cloudTrailEvent>;

const accountOf = (arn: string) => arn.split(":")[4] ?? "";
const lastName = (arn: string) => arn.split("/").pop() ?? "";

/** An IAM user's call, by its ARN (path included). */
export function iamUser(userArn: string): Identity {
    return {
        type: "IAMUser",
        principalId: "EX_PRINCIPAL_ID",
        arn: userArn,
        accountId: accountOf(userArn),
        accessKeyId: "EXAMPLE_KEY_ID",
        userName: lastName(userArn),
    };
}

/** A session of the role: the session has an STS ARN, the role is the session's issuer. */
export function roleSession(roleArn: string): Identity {
    const account = accountOf(roleArn);
    const role = lastName(roleArn);
    return {
        type: "AssumedRole",
        principalId: "AROACKCEVSQ6C2EXAMPLE:example-user",
        arn: `arn:aws:sts::${account}:assumed-role/${role}/example-user`,
        accountId: account,
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        sessionContext: {
            attributes: { mfaAuthenticated: "false", creationDate: "2015-09-10T23:12:48Z" },
            sessionIssuer: {
                type: "Role",
                principalId: "AROACKCEVSQ6C2EXAMPLE",
                arn: roleArn,
                accountId: account,
                userName: role,
            },
        },
    };
}

export const AWS_SERVICE: Identity = {
    type: "AWSService",
    invokedBy: "workmail.eu-west-1.amazonaws.com",
};

export function rootUser(account: string): Identity {
    return {
        type: "Root",
        principalId: account,
        arn: `arn:aws:iam::${account}:root`,
        accountId: account,
        accessKeyId: "EXAMPLE_KEY_ID",
    };
}

/**
 * A session the user got with GetFederationToken: an STS ARN of its own, the user as its issuer
 * (the CloudTrail record of the AWS CodeBuild User Guide, "Logging AWS CodeBuild API calls").
 */
export function federatedUser(userArn: string): Identity {
    const account = accountOf(userArn);
    const name = lastName(userArn);
    return {
        type: "FederatedUser",
        principalId: `${account}:${name}`,
        arn: `arn:aws:sts::${account}:federated-user/${name}`,
        accountId: account,
        accessKeyId: "EXAMPLE_KEY_ID",
        sessionContext: {
            attributes: { mfaAuthenticated: "false", creationDate: "2016-09-06T17:59:10Z" },
            sessionIssuer: {
                type: "IAMUser",
                principalId: "EX_PRINCIPAL_ID",
                arn: userArn,
                accountId: account,
                userName: name,
            },
        },
    };
}

/** A call another account made with the key, as the key's account records it. */
export function otherAccount(account: string): Identity {
    return { type: "AWSAccount", principalId: "AIDACKCEVSQ6C2EXAMPLE", accountId: account };
}

export const ALICE_ARN = "arn:aws:iam::111122223333:user/Alice";
export const ADMINS_ROLE_ARN = "arn:aws:iam::111122223333:role/Admins";

/** Every documented kind of caller, in the sample account. */
export const CALLERS: readonly { kind: string; identity: Identity }[] = [
    { kind: "an IAM user", identity: iamUser(ALICE_ARN) },
    { kind: "a role session", identity: roleSession(ADMINS_ROLE_ARN) },
    { kind: "an AWS service", identity: AWS_SERVICE },
    { kind: "the root user", identity: rootUser("111122223333") },
    { kind: "a federated session of Alice", identity: federatedUser(ALICE_ARN) },
    { kind: "another account", identity: otherAccount("444455556666") },
];

/** The call, made by `identity`. */
export function calledBy<T extends CallEvent>(event: T, identity: Identity): T {
    return { ...event, detail: { ...event.detail, userIdentity: identity } };
}

/** The call, failed with `errorCode` and `errorMessage`. */
export function failedWith<T extends CallEvent>(
    event: T,
    errorCode: string,
    errorMessage: string,
): T {
    return { ...event, detail: { ...event.detail, errorCode, errorMessage } };
}

const keyOf = (event: CallEvent) => event.detail.resources[0]?.ARN ?? KEY_ARN;

/** The call, refused because its key is pending deletion ("Key states of AWS KMS keys", [3]). */
export function onKeyPendingDeletion<T extends CallEvent>(event: T): T {
    return failedWith(event, "KMSInvalidStateException", `${keyOf(event)} is pending deletion.`);
}

/** The call, denied. KMS's exception is AccessDeniedException. */
export function denied<T extends CallEvent>(event: T): T {
    return failedWith(
        event,
        "AccessDeniedException",
        `User: ${ALICE_ARN} is not authorized to perform: kms:${event.detail.eventName} on ` +
            `resource: ${keyOf(event)} because no identity-based policy allows the action`,
    );
}

export const pendingDeletionDecryptEvent = onKeyPendingDeletion(
    cloudTrailEvent("Decrypt", true, { encryptionAlgorithm: "SYMMETRIC_DEFAULT" }),
);
export const deniedDecryptEvent = denied(
    cloudTrailEvent("Decrypt", true, { encryptionAlgorithm: "SYMMETRIC_DEFAULT" }),
);
/**
 * A ReEncrypt from one key to another: `resources` lists "the source KMS key and the destination
 * KMS key, in that order" (KMS Developer Guide, ReEncrypt's CloudTrail example).
 */
export function reEncryptEvent(sourceKeyArn: string, destinationKeyArn: string): CallEvent {
    const event = cloudTrailEvent(
        "ReEncrypt",
        true,
        {
            sourceEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
            destinationKeyId: destinationKeyArn.split("/").pop(),
            destinationEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
        },
        sourceKeyArn,
    );
    const destination = { ...event.detail.resources[0], ARN: destinationKeyArn };
    return {
        ...event,
        detail: { ...event.detail, resources: [...event.detail.resources, destination] },
    };
}

/** A ReEncrypt refused because its destination key, the second of `resources`, is pending deletion. */
export const pendingDeletionReEncryptEvent = failedWith(
    reEncryptEvent(KEY_ARN, OTHER_KEY_ARN),
    "KMSInvalidStateException",
    `${OTHER_KEY_ARN} is pending deletion.`,
);

/** CancelKeyDeletion on a key that is not pending deletion ("Key states of AWS KMS keys", [4]). */
export const notPendingDeletionEvent = failedWith(
    cloudTrailEvent("CancelKeyDeletion", false, { keyId: KEY_ARN }),
    "KMSInvalidStateException",
    `${KEY_ARN} is not pending deletion.`,
);

/**
 * A call SNS makes with a topic's key (GenerateDataKey when a message is published, Decrypt when
 * it is delivered) for `topicArn`, naming the key by `keyId` as the topic does, in `account` and
 * `region`. No AWS page shows this record: it is shaped as the guide records another service's
 * calls ("How Amazon WorkMail uses AWS KMS": `type` AWSService, `invokedBy`, the service as
 * source and agent), with the encryption context SNS uses, `aws:sns:topicArn`.
 */
export function snsTopicKeyCall(
    eventName: string,
    keyId: string,
    topicArn: string,
    account = "111122223333",
    region = "us-east-1",
): CallEvent {
    const call = cloudTrailEvent(eventName, true, {
        keyId,
        ...(eventName === "Decrypt" ? {} : { keySpec: "AES_256" }),
        encryptionContext: { "aws:sns:topicArn": topicArn },
    });
    const bySns = calledBy(call, { type: "AWSService", invokedBy: "sns.amazonaws.com" });
    const from = { sourceIPAddress: "sns.amazonaws.com", userAgent: "sns.amazonaws.com" };
    return placed({ ...bySns, detail: { ...bySns.detail, ...from } }, account, region);
}

/**
 * A rotation as KMS sends it since on-demand rotation: `rotation-type`, the key's origin and the
 * key material before and after (KMS Developer Guide, "Monitor KMS keys with Amazon EventBridge").
 */
export function rotationEvent(rotationType: "AUTOMATIC" | "ON_DEMAND") {
    const event = kmsEvent("KMS CMK Rotation");
    return {
        ...event,
        time: "2025-05-23T03:11:54Z",
        detail: {
            ...event.detail,
            "key-origin": "AWS_KMS",
            "rotation-type": rotationType,
            "previous-key-material-id":
                "123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
            "current-key-material-id":
                "96083e4fb6dbc41d77578a213a6b6669c044dd4c143e96755396d2bf11fd6068",
        },
    };
}
