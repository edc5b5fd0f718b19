/** Every documented sample event, by the kind of alert it makes, and the rule that sends it. */
import type { AlertKind } from "../../components/alerts";
import * as samples from "../../verify/samples";
import * as misuse from "../../verify/misuseSamples";

export const RULE = "kms-monitoring-dev-some-rule";
const MEMBER_ACCOUNT = "444455556666";
export const ALARM = "kms-monitoring-dev-key-material-expiry-alias-legacy";

/** The same event as a member account sends it to the organization bus. */
function fromMember<T extends { account: string }>(event: T): T {
    return JSON.parse(JSON.stringify(event).replace(/111122223333/g, MEMBER_ACCOUNT)) as T;
}

/** Every documented sample event, by the kind of alert it makes. */
export const SAMPLES: readonly { name: string; kind: AlertKind; event: any }[] = [
    { name: "GenerateDataKey", kind: "api-call", event: samples.generateDataKeyEvent },
    { name: "DisableKey", kind: "api-call", event: samples.disableKeyEvent },
    { name: "ScheduleKeyDeletion", kind: "api-call", event: samples.scheduleKeyDeletionEvent },
    { name: "Decrypt", kind: "api-call", event: samples.decryptEvent },
    {
        name: "DisableKey forwarded from eu-central-1",
        kind: "api-call",
        event: samples.recordedIn(samples.disableKeyEvent, "eu-central-1"),
    },
    {
        name: "DisableKey from a member account",
        kind: "api-call",
        event: fromMember(samples.disableKeyEvent),
    },
    { name: "expiration", kind: "key-lifecycle", event: samples.keyMaterialExpirationEvent },
    {
        name: "rotation before rotation types",
        kind: "key-rotation",
        event: samples.keyRotationEvent,
    },
    { name: "on-demand rotation", kind: "key-rotation", event: misuse.rotationEvent("ON_DEMAND") },
    { name: "automatic rotation", kind: "key-rotation", event: misuse.rotationEvent("AUTOMATIC") },
    {
        name: "Decrypt on a key pending deletion",
        kind: "pending-deletion",
        event: misuse.pendingDeletionDecryptEvent,
    },
    {
        name: "Decrypt on a key pending deletion in a member account",
        kind: "pending-deletion",
        event: fromMember(misuse.pendingDeletionDecryptEvent),
    },
    {
        name: "Decrypt on a key pending deletion by a role session",
        kind: "pending-deletion",
        event: misuse.calledBy(
            misuse.pendingDeletionDecryptEvent,
            misuse.roleSession(misuse.ADMINS_ROLE_ARN),
        ),
    },
    {
        name: "ReEncrypt to a key pending deletion",
        kind: "pending-deletion",
        event: misuse.pendingDeletionReEncryptEvent,
    },
    {
        name: "Decrypt on a key pending deletion by an AWS service",
        kind: "pending-deletion",
        event: misuse.calledBy(misuse.pendingDeletionDecryptEvent, misuse.AWS_SERVICE),
    },
    {
        name: "Decrypt by another account",
        kind: "api-call",
        event: misuse.calledBy(samples.decryptEvent, misuse.otherAccount(MEMBER_ACCOUNT)),
    },
    { name: "deletion", kind: "key-lifecycle", event: samples.keyDeletionEvent },
    {
        name: "deletion from a member account",
        kind: "key-lifecycle",
        event: fromMember(samples.keyDeletionEvent),
    },
    {
        name: "alarm at home",
        kind: "alarm",
        event: samples.alarmStateChangeEvent(ALARM, "us-east-1"),
    },
    {
        name: "alarm forwarded from eu-central-1",
        kind: "alarm",
        event: samples.alarmStateChangeEvent(ALARM, "eu-central-1"),
    },
    {
        name: "alarm of a member account",
        kind: "alarm",
        event: fromMember(samples.alarmStateChangeEvent(ALARM, "eu-west-1")),
    },
    {
        name: "request quota alarm of a member account",
        kind: "alarm",
        event: fromMember(
            samples.quotaAlarmStateChangeEvent(
                "kms-monitoring-dev-member-kms-quota-symmetric",
                "eu-west-1",
                "KMS calls reached 80% of the applied quota - ask for an increase.",
            ),
        ),
    },
    {
        name: "custom key store contributor",
        kind: "key-store",
        event: samples.keyStoreContributorEvent(
            "kms-monitoring-dev-key-store-certificate",
            "eu-west-1",
            "cks-1234567890abcdef0",
            "The TLS certificate of this external key store's proxy endpoint expires soon.",
        ),
    },
    {
        name: "expiring key contributor",
        kind: "expiring-key",
        event: samples.contributorStateChangeEvent(
            "kms-monitoring-dev-expiring-key-material",
            "eu-west-1",
            "1234abcd-12ab-34cd-56ef-1234567890ab",
        ),
    },
];
