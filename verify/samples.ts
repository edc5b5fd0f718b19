/**
 * Sample events as EventBridge delivers them, the one copy: the tests feed them to the pattern
 * matcher of tests/support, and `npm run verify` to AWS's own matcher, TestEventPattern. The
 * CloudTrail records follow the AWS KMS Developer Guide's CloudTrail examples (GenerateDataKey,
 * DisableKey, ScheduleKeyDeletion, Decrypt), wrapped in the "AWS API Call via CloudTrail"
 * envelope; the KMS events follow "Monitor KMS keys with Amazon EventBridge".
 */
export const KEY_ARN =
    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const OTHER_KEY_ARN =
    "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";

/** A KMS API call as CloudTrail delivers it to EventBridge, on `keyArn`. */
export function cloudTrailEvent(
    eventName: string,
    readOnly: boolean,
    requestParameters: Record<string, unknown>,
    keyArn = KEY_ARN,
) {
    return {
        version: "0",
        id: "3b7a1c2d-1111-2222-3333-444455556666",
        "detail-type": "AWS API Call via CloudTrail",
        source: "aws.kms",
        account: "111122223333",
        time: "2020-07-14T21:33:21Z",
        region: "us-east-1",
        resources: [],
        detail: {
            eventVersion: "1.08",
            userIdentity: {
                type: "IAMUser",
                principalId: "EX_PRINCIPAL_ID",
                arn: "arn:aws:iam::111122223333:user/Alice",
                accountId: "111122223333",
                accessKeyId: "EXAMPLE_KEY_ID",
                userName: "Alice",
            },
            eventTime: "2020-07-14T21:33:21Z",
            eventSource: "kms.amazonaws.com",
            eventName,
            awsRegion: "us-east-1",
            sourceIPAddress: "192.0.2.0",
            userAgent: "aws-cli/2.13.0 Python/3.11.4",
            requestParameters,
            responseElements: null,
            requestID: "f3c08808-EXAMPLE",
            eventID: "b69c2b66-EXAMPLE",
            readOnly,
            resources: [{ accountId: "111122223333", type: "AWS::KMS::Key", ARN: keyArn }],
            eventType: "AwsApiCall",
            managementEvent: true,
            recipientAccountId: "111122223333",
            eventCategory: "Management",
        },
    };
}

export const generateDataKeyEvent = cloudTrailEvent("GenerateDataKey", true, {
    keyId: "alias/ImportedCMK",
    keySpec: "AES_256",
    encryptionContext: { Project: "Alpha" },
});
export const disableKeyEvent = cloudTrailEvent("DisableKey", false, {
    keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
});
export const scheduleKeyDeletionEvent = cloudTrailEvent("ScheduleKeyDeletion", false, {
    keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
    pendingWindowInDays: 30,
});
export const decryptEvent = cloudTrailEvent("Decrypt", true, {
    encryptionAlgorithm: "SYMMETRIC_DEFAULT",
});
export const decryptOtherKeyEvent = cloudTrailEvent(
    "Decrypt",
    true,
    { encryptionAlgorithm: "SYMMETRIC_DEFAULT" },
    OTHER_KEY_ARN,
);

/** An event KMS sends itself ("Monitor KMS keys with Amazon EventBridge"). */
export function kmsEvent(detailType: string) {
    return {
        version: "0",
        id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
        "detail-type": detailType,
        source: "aws.kms",
        account: "111122223333",
        time: "2022-08-10T16:37:50Z",
        region: "us-east-1",
        resources: [KEY_ARN],
        detail: { "key-id": "1234abcd-12ab-34cd-56ef-1234567890ab" },
    };
}

/** Every detail type of "Monitor KMS keys with Amazon EventBridge". */
export const KMS_EVENT_DETAIL_TYPES = [
    "KMS Imported Key Material Expiration",
    "KMS CMK Rotation",
    "KMS CMK Deletion",
] as const;

export const keyMaterialExpirationEvent = kmsEvent("KMS Imported Key Material Expiration");
export const keyRotationEvent = kmsEvent("KMS CMK Rotation");
export const keyDeletionEvent = kmsEvent("KMS CMK Deletion");

/** Another service's CloudTrail event, which no KMS rule may match. */
export const s3ApiCallEvent = {
    ...generateDataKeyEvent,
    source: "aws.s3",
    detail: {
        ...generateDataKeyEvent.detail,
        eventSource: "s3.amazonaws.com",
        eventName: "GetObject",
    },
};

/**
 * The same event as recorded in another region: EventBridge keeps `region` (and `account`) when
 * a rule forwards it to another bus, and CloudTrail names the key by its regional ARN.
 */
export function recordedIn<T extends { region: string }>(event: T, region: string): T {
    const text = JSON.stringify(event)
        .replace(/arn:aws:kms:us-east-1:/g, `arn:aws:kms:${region}:`)
        .replace(/"awsRegion":"us-east-1"/g, `"awsRegion":"${region}"`);
    return { ...(JSON.parse(text) as T), region };
}

/** The sample, moved to `account` and `region`: every account ID and the region in its ARNs too. */
export function placed<T extends { region: string }>(event: T, account: string, region: string): T {
    const moved = recordedIn(event, region);
    return JSON.parse(JSON.stringify(moved).replace(/111122223333/g, account)) as T;
}

/** What a scheduled rule sends (EventBridge User Guide, "Scheduled events"). */
export function scheduledEvent(ruleArn: string, region: string) {
    return {
        version: "0",
        id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        "detail-type": "Scheduled Event",
        source: "aws.events",
        account: "111122223333",
        time: "2026-11-28T12:00:00Z",
        region,
        resources: [ruleArn],
        detail: {},
    };
}

export * from "./alarmEvents";
