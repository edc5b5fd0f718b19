/** The alarms Pulumi.prod.yaml plans, as its alarmNames output lists them. */
import { keyStoreAlarmNames, requestQuotaAlarmNames } from "../components/alarms";

const CAPACITY_ALARMS = [requestQuotaAlarmNames, keyStoreAlarmNames].flatMap((names) =>
    names("kms-monitoring-prod"),
);
/** In each other region: the expiring-material, quota and key store alarms, the forwarder's own. */
const OTHER_REGION_ALARMS = [
    "kms-monitoring-prod-expiring-key-material",
    ...CAPACITY_ALARMS,
    "kms-monitoring-prod-forward-api-calls-failed-invocations",
    "kms-monitoring-prod-forward-key-lifecycle-failed-invocations",
    "kms-monitoring-prod-forward-contributors-failed-invocations",
    "kms-monitoring-prod-heartbeat-failed-invocations",
    "kms-monitoring-prod-forward-alarms-failed-invocations",
    "kms-monitoring-prod-dead-letters",
];

/** The alarmNames output of Pulumi.prod.yaml, in its order; CAPACITY_ALARMS are each region's. */
export const PROD_ALARM_NAMES = [
    "kms-monitoring-prod-key-material-expiry-alias-prod-imported",
    "kms-monitoring-prod-key-material-expiry-alias-legacy-imported-key",
    "kms-monitoring-prod-expiring-key-material",
    ...CAPACITY_ALARMS,
    "kms-monitoring-prod-sns-failed-notifications",
    "kms-monitoring-prod-key-management-failed-invocations",
    "kms-monitoring-prod-payments-key-decrypt-failed-invocations",
    "kms-monitoring-prod-denied-key-use-failed-invocations",
    "kms-monitoring-prod-key-lifecycle-failed-invocations",
    "kms-monitoring-prod-key-rotation-failed-invocations",
    "kms-monitoring-prod-pending-deletion-use-failed-invocations",
    "kms-monitoring-prod-expiring-keys-failed-invocations",
    "kms-monitoring-prod-key-stores-failed-invocations",
    "kms-monitoring-prod-remote-alarms-failed-invocations",
    "kms-monitoring-prod-dead-letters",
    // The channels' own rules (PagerDuty by severity, alarms by state) and the chat topic.
    "kms-monitoring-prod-pagerduty-critical-failed-invocations",
    "kms-monitoring-prod-pagerduty-warning-failed-invocations",
    "kms-monitoring-prod-pagerduty-info-failed-invocations",
    "kms-monitoring-prod-pagerduty-key-lifecycle-failed-invocations",
    "kms-monitoring-prod-pagerduty-key-rotation-failed-invocations",
    "kms-monitoring-prod-pagerduty-pending-deletion-use-failed-invocations",
    "kms-monitoring-prod-alarms-firing-failed-invocations",
    "kms-monitoring-prod-alarms-firing-2-failed-invocations",
    "kms-monitoring-prod-alarms-firing-3-failed-invocations",
    "kms-monitoring-prod-expiring-keys-firing-failed-invocations",
    "kms-monitoring-prod-key-stores-firing-failed-invocations",
    "kms-monitoring-prod-alarms-resolved-failed-invocations",
    "kms-monitoring-prod-alarms-resolved-2-failed-invocations",
    "kms-monitoring-prod-alarms-resolved-3-failed-invocations",
    "kms-monitoring-prod-expiring-keys-resolved-failed-invocations",
    "kms-monitoring-prod-key-stores-resolved-failed-invocations",
    "kms-monitoring-prod-chat-failed-notifications",
    "kms-monitoring-prod-cis-kms-key-disable-or-deletion",
    "kms-monitoring-prod-KMSKeyPendingDeletionErrorAlarm",
    // eu-central-1.
    ...OTHER_REGION_ALARMS,
    // us-east-1: the replica's expiry alarm, then the same.
    "kms-monitoring-prod-key-material-expiry-arn-aws-kms-us-east-1-111122223333-key-mrk-1234abcd12ab34cd56ef1234567890ab",
    ...OTHER_REGION_ALARMS,
    "kms-monitoring-prod-forwarding-heartbeat-eu-central-1",
    "kms-monitoring-prod-forwarding-heartbeat-us-east-1",
];
