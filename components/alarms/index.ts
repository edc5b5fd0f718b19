// Alarms on imported key material running out, on KMS request quotas and on custom key stores.
export { createQueryAlarm } from "./alarmSpec";
export { capacityAlarmNames } from "./capacityAlarmNames";
export type { CapacityAlarmNames, CapacityAlarmSwitches } from "./capacityAlarmNames";
export type { MetricQuery, QueriedMetric, QueryAlarmSettings, QueryAlarmSpec } from "./alarmSpec";
export {
    DEFAULT_EXPIRY_WARNING_DAYS,
    expiryAlarmName,
    KeyMaterialExpiryAlarms,
    watchedKeyRegion,
} from "./expiryAlarms";
export type { ExpiringKey, KeyMaterialExpiryAlarmsArgs } from "./expiryAlarms";
export {
    EXPIRING_KEYS_BY_ACCOUNT_QUERY,
    EXPIRING_KEYS_QUERY,
    ExpiringKeyDiscovery,
    expiringKeysAlarmDescription,
    expiringKeysAlarmName,
    expiringKeysAlarmSettings,
    METRICS_INSIGHTS_MAX_EVALUATION_SECONDS,
} from "./expiringKeyDiscovery";
export type { ExpiringKeyDiscoveryArgs } from "./expiringKeyDiscovery";
export {
    DEFAULT_QUOTA_WARNING_PERCENT,
    KMS_REQUEST_QUOTAS,
    KMS_USAGE_METRIC,
    quotaUtilizationExpression,
    requestQuotaAlarmDescription,
    requestQuotaAlarmName,
    requestQuotaAlarmNames,
    requestQuotaAlarmSettings,
    RequestQuotaAlarms,
    requestQuotaUsageMetric,
} from "./requestQuotas";
export type { KmsRequestQuota, RequestQuotaAlarmsArgs } from "./requestQuotas";
export {
    CERTIFICATE_WARNING_DAYS,
    CustomKeyStoreAlarms,
    KEY_STORE_SIGNALS,
    keyStoreAlarmName,
    keyStoreAlarmNames,
    keyStoreAlarmSettings,
} from "./keyStoreAlarms";
export type { CustomKeyStoreAlarmsArgs, KeyStoreSignal } from "./keyStoreAlarms";
