import { expiringKeysAlarmName } from "./expiringKeyDiscovery";
import { keyStoreAlarmNames } from "./keyStoreAlarms";
import { requestQuotaAlarmNames } from "./requestQuotas";

/** Which of the region-wide alarms a stack, or a member account, has. */
export interface CapacityAlarmSwitches {
    readonly requestQuotaAlarms: boolean;
    readonly discoverExpiringKeys: boolean;
    readonly customKeyStoreAlarms: boolean;
}

/** The names of the region-wide alarms under one prefix, the same in every region. */
export interface CapacityAlarmNames {
    /** The request quota alarms, whose whole state changes alert. */
    readonly requestQuotas: readonly string[];
    /** The Metrics Insights alarm on every key with expiring material: one contributor per key. */
    readonly expiringKeys: readonly string[];
    /** The Metrics Insights alarms on every custom key store: one contributor per store. */
    readonly keyStores: readonly string[];
}

/**
 * Which region-wide alarms exist, by name, under `alarmNamePrefix` (the stack's, or the members'),
 * as the switches say: the one answer the plan, the home alarms, the alert rules and the member
 * template read.
 */
export function capacityAlarmNames(
    alarmNamePrefix: string,
    switches: CapacityAlarmSwitches,
): CapacityAlarmNames {
    return {
        requestQuotas: switches.requestQuotaAlarms ? requestQuotaAlarmNames(alarmNamePrefix) : [],
        expiringKeys: switches.discoverExpiringKeys ? [expiringKeysAlarmName(alarmNamePrefix)] : [],
        keyStores: switches.customKeyStoreAlarms ? keyStoreAlarmNames(alarmNamePrefix) : [],
    };
}
