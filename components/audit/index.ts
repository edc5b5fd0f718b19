// The audit trail, its CIS alarm and the saved Logs Insights queries.
export {
    AuditTrail,
    cisAlarmName,
    DEFAULT_LOGS_RETENTION_DAYS,
    LOG_RETENTION_DAYS,
    PENDING_DELETION_RECIPE,
    pendingDeletionAlarmName,
} from "./auditTrail";
export type { AuditTrailArgs } from "./auditTrail";
export { SavedQueries } from "./savedQueries";
export type { SavedQueriesArgs } from "./savedQueries";
