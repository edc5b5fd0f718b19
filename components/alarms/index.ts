// Alarms on imported key material running out.
export { DEFAULT_EXPIRY_WARNING_DAYS, KeyMaterialExpiryAlarms } from "./expiryAlarms";
export type { ExpiringKey, KeyMaterialExpiryAlarmsArgs } from "./expiryAlarms";
