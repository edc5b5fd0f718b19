import { closestMatch } from "../shared";

/**
 * The KMS API operations that CloudTrail records, and whether CloudTrail marks each one
 * read-only. This one table drives both the EventBridge rule state and the validation of
 * `apiCallAlerts[].eventNames`.
 *
 * CloudTrail records cryptographic operations (Encrypt, Decrypt, GenerateDataKey*, Sign...)
 * and Describe/Get/List calls with `readOnly: true`. An EventBridge rule in the plain `ENABLED`
 * state matches events "except for read-only AWS management events delivered through
 * CloudTrail", although "You may already be receiving read-only management events, if those
 * events don't start with Describe, Get, or List" (EventBridge User Guide, "Receiving read-only
 * management events from AWS services"): so a plain `ENABLED` rule may or may not get Decrypt or
 * GenerateDataKey, and only `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` is sure to get them.
 */
const KMS_OPERATION_TABLE = {
    CancelKeyDeletion: false,
    ConnectCustomKeyStore: false,
    CreateAlias: false,
    CreateCustomKeyStore: false,
    CreateGrant: false,
    CreateKey: false,
    Decrypt: true,
    DeleteAlias: false,
    DeleteCustomKeyStore: false,
    DeleteImportedKeyMaterial: false,
    DeriveSharedSecret: true,
    DescribeCustomKeyStores: true,
    DescribeKey: true,
    DisableKey: false,
    DisableKeyRotation: false,
    DisconnectCustomKeyStore: false,
    EnableKey: false,
    EnableKeyRotation: false,
    Encrypt: true,
    GenerateDataKey: true,
    GenerateDataKeyPair: true,
    GenerateDataKeyPairWithoutPlaintext: true,
    GenerateDataKeyWithoutPlaintext: true,
    GenerateMac: true,
    GenerateRandom: true,
    GetKeyPolicy: true,
    GetKeyRotationStatus: true,
    GetParametersForImport: true,
    GetPublicKey: true,
    ImportKeyMaterial: false,
    ListAliases: true,
    ListGrants: true,
    ListKeyPolicies: true,
    ListKeyRotations: true,
    ListKeys: true,
    ListResourceTags: true,
    ListRetirableGrants: true,
    PutKeyPolicy: false,
    ReEncrypt: true,
    ReplicateKey: false,
    RetireGrant: false,
    RevokeGrant: false,
    RotateKeyOnDemand: false,
    ScheduleKeyDeletion: false,
    Sign: true,
    TagResource: false,
    UntagResource: false,
    UpdateAlias: false,
    UpdateCustomKeyStore: false,
    UpdateKeyDescription: false,
    UpdatePrimaryRegion: false,
    Verify: true,
    VerifyMac: true,
} as const satisfies Record<string, boolean>;

export type KmsOperation = keyof typeof KMS_OPERATION_TABLE;

export const KMS_OPERATIONS: readonly KmsOperation[] = Object.keys(
    KMS_OPERATION_TABLE,
) as KmsOperation[];

/**
 * Events KMS itself writes to CloudTrail. EventBridge delivers them with detail-type
 * "AWS Service Event via CloudTrail", so an API-call rule would never match them.
 */
export const KMS_SERVICE_EVENTS: readonly string[] = [
    "DeleteExpiredKeyMaterial",
    "DeleteKey",
    "RotateKey",
    "SynchronizeMultiRegionKey",
];

export function isKmsOperation(name: string): name is KmsOperation {
    return Object.prototype.hasOwnProperty.call(KMS_OPERATION_TABLE, name);
}

/** Whether CloudTrail records this KMS operation as read-only (`readOnly: true`). */
export function isReadOnlyOperation(name: KmsOperation): boolean {
    return KMS_OPERATION_TABLE[name];
}

/** The real operation name nearest to `name`, ignoring case. */
export function closestOperation(name: string): KmsOperation {
    return closestMatch(name, KMS_OPERATIONS);
}

/**
 * The operations whose CloudTrail record names several keys in `resources`: a ReEncrypt lists "the
 * source KMS key and the destination KMS key, in that order" (KMS Developer Guide, ReEncrypt's
 * CloudTrail example).
 */
export const MULTI_KEY_OPERATIONS: readonly string[] = ["ReEncrypt"];
