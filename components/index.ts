// The composition root: the whole stack, and the config it is built from.
export { KmsMonitoring, nextStepsText } from "./kmsMonitoring";
export type { AuditTrailSettings, ImportedKeySettings, KmsMonitoringArgs } from "./kmsMonitoring";
export { parseStackConfig, readStackConfig } from "./config";
export type { StackConfig } from "./config";
