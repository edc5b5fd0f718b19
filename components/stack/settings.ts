import { DEFAULT_API_CALL_ALERTS } from "../alerts";
import { DEFAULT_EXPIRY_WARNING_DAYS, DEFAULT_QUOTA_WARNING_PERCENT } from "../alarms";
import type { KmsMonitoringArgs } from "./args";

/** The top-level arguments whose defaults the plan needs. */
type Defaulted =
    | "apiCallAlerts"
    | "keyLifecycleEvents"
    | "pendingDeletionUseAlerts"
    | "discoverExpiringKeys"
    | "expiryWarningDays"
    | "requestQuotaAlarms"
    | "quotaWarningPercent"
    | "customKeyStoreAlarms"
    | "watchedKeys"
    | "regions"
    | "encryptTopic"
    | "deadLetterQueue"
    | "selfMonitoring"
    | "readableAlerts"
    | "dashboard"
    | "tags";

/** The arguments with every top-level default applied. */
export type SettledArgs = KmsMonitoringArgs & Required<Pick<KmsMonitoringArgs, Defaulted>>;

/**
 * Every default of the arguments, applied once: the parts of the plan read these and never
 * default anything again. The stack config's schema applies the same defaults before a stack
 * (or another language's program) gets here; this keeps the plan whole for any caller.
 */
export function settled(args: KmsMonitoringArgs): SettledArgs {
    return {
        ...args,
        apiCallAlerts: args.apiCallAlerts ?? [...DEFAULT_API_CALL_ALERTS],
        keyLifecycleEvents: args.keyLifecycleEvents ?? true,
        pendingDeletionUseAlerts: args.pendingDeletionUseAlerts ?? true,
        discoverExpiringKeys: args.discoverExpiringKeys ?? true,
        expiryWarningDays: args.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
        requestQuotaAlarms: args.requestQuotaAlarms ?? true,
        quotaWarningPercent: args.quotaWarningPercent ?? DEFAULT_QUOTA_WARNING_PERCENT,
        customKeyStoreAlarms: args.customKeyStoreAlarms ?? true,
        watchedKeys: args.watchedKeys ?? [],
        // As the schema: the home region alone.
        regions: args.regions ?? (args.homeRegion === undefined ? [] : [args.homeRegion]),
        encryptTopic: args.encryptTopic ?? true,
        deadLetterQueue: args.deadLetterQueue ?? true,
        selfMonitoring: args.selfMonitoring ?? true,
        readableAlerts: args.readableAlerts ?? true,
        dashboard: args.dashboard ?? true,
        tags: args.tags ?? {},
    };
}
