// Alarms on imported key material running out.
export { DEFAULT_EXPIRY_WARNING_DAYS, expiryAlarmName, KeyMaterialExpiryAlarms, watchedKeyRegion } from "./expiryAlarms";
export type { ExpiringKey, KeyMaterialExpiryAlarmsArgs } from "./expiryAlarms";
