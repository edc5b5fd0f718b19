// Alarms on imported key material running out.
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
