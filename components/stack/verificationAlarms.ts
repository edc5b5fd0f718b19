import * as pulumi from "@pulumi/pulumi";
import { concatenated, single } from "./context";
import type { CapacityAlarms } from "./capacityAlarms";
import type { StackParts } from "./outputs";
import type { VerificationAlarm } from "./verificationTypes";

/** The alarms of one component: where they are, what they watch, and whether they notify the topic. */
export interface AlarmGroup {
    readonly names?: pulumi.Input<string[]>;
    readonly arns?: pulumi.Input<string[]>;
    /** Undefined: the home region. */
    readonly region?: string;
    readonly kind: string;
    readonly expectsData: boolean;
    readonly metricsInsights?: boolean;
    readonly notifiesTopic: boolean;
}

const EXPIRING = { kind: "expiring-keys", expectsData: false, metricsInsights: true } as const;
/** No calls, no data: the quota alarms treat it as not breaching. */
const QUOTAS = { kind: "request-quota", expectsData: false } as const;
/** No custom key store, no series: nothing to evaluate. */
const KEY_STORES = { kind: "key-store", expectsData: false, metricsInsights: true } as const;

/** A region's capacity alarms; at home the quota alarms notify the topic. */
function capacityAlarmGroups(capacity: CapacityAlarms, region?: string): AlarmGroup[] {
    return [
        {
            names: capacity.requestQuotas?.alarmNames,
            arns: capacity.requestQuotas?.alarmArns,
            region,
            ...QUOTAS,
            notifiesTopic: region === undefined,
        },
        {
            names: capacity.keyStores?.alarmNames,
            arns: capacity.keyStores?.alarmArns,
            region,
            ...KEY_STORES,
            notifiesTopic: false,
        },
    ];
}

/**
 * Every alarm of the stack, by component, in one order: the `alarmNames` output, the dashboard's
 * alarm widget and the verification output are all read from this one list.
 */
export function alarmGroups(parts: Omit<StackParts, "dashboard">): AlarmGroup[] {
    return [
        ...homeAlarmGroups(parts.home),
        ...otherRegionAlarmGroups(parts.otherRegions),
        ...organizationAlarmGroups(parts.organization),
    ];
}

function homeAlarmGroups(home: StackParts["home"]): AlarmGroup[] {
    return [
        {
            names: home.expiryAlarms.alarmNames,
            arns: home.expiryAlarms.alarmArns,
            kind: "key-material-expiry",
            expectsData: true,
            notifiesTopic: true,
        },
        {
            names: single(home.discovery?.alarmName),
            arns: single(home.discovery?.alarmArn),
            ...EXPIRING,
            notifiesTopic: false,
        },
        ...capacityAlarmGroups(home.capacity),
        {
            names: home.deliveryAlarms?.alarmNames,
            arns: home.deliveryAlarms?.alarmArns,
            kind: "delivery",
            expectsData: false,
            notifiesTopic: true,
        },
        {
            names: single(home.audit?.cisAlarmName),
            arns: single(home.audit?.cisAlarmArn),
            kind: "cis",
            expectsData: false,
            notifiesTopic: true,
        },
        {
            names: single(home.audit?.pendingDeletionAlarmName),
            arns: single(home.audit?.pendingDeletionAlarmArn),
            kind: "pending-deletion",
            expectsData: false,
            notifiesTopic: true,
        },
    ];
}

/** Alarm actions cannot cross regions, so only the heartbeat alarms (at home) notify the topic. */
function otherRegionAlarmGroups(otherRegions: StackParts["otherRegions"]): AlarmGroup[] {
    const perRegion = (otherRegions?.regions ?? []).flatMap(
        ({ region, expiry, discovery, capacity, forwarder }): AlarmGroup[] => [
            {
                names: expiry?.alarmNames,
                arns: expiry?.alarmArns,
                region,
                kind: "key-material-expiry",
                expectsData: true,
                notifiesTopic: false,
            },
            {
                names: single(discovery?.alarmName),
                arns: single(discovery?.alarmArn),
                region,
                ...EXPIRING,
                notifiesTopic: false,
            },
            ...capacityAlarmGroups(capacity, region),
            {
                names: forwarder.alarmNames,
                arns: forwarder.alarmArns,
                region,
                kind: "delivery",
                expectsData: false,
                notifiesTopic: false,
            },
        ],
    );
    const heartbeats: AlarmGroup = {
        names: otherRegions?.heartbeats.alarmNames.apply(Object.values),
        arns: otherRegions?.heartbeats.alarmArns,
        kind: "heartbeat",
        expectsData: true,
        notifiesTopic: true,
    };
    return [...perRegion, heartbeats];
}

function organizationAlarmGroups(organization: StackParts["organization"]): AlarmGroup[] {
    return [
        {
            names: single(organization?.memberHeartbeats.countAlarmName),
            arns: single(organization?.memberHeartbeats.countAlarmArn),
            kind: "member-heartbeats",
            expectsData: true,
            notifiesTopic: true,
        },
        {
            // With observability, one per member account and region, whose names are known once
            // AWS Organizations has listed the accounts at `pulumi up`.
            names: organization?.memberHeartbeats.silentMemberAlarmNames,
            arns: organization?.memberHeartbeats.silentMemberAlarmArns,
            kind: "silent-member",
            expectsData: true,
            notifiesTopic: true,
        },
        {
            names: organization?.deliveryAlarms?.alarmNames,
            arns: organization?.deliveryAlarms?.alarmArns,
            kind: "delivery",
            expectsData: false,
            notifiesTopic: true,
        },
    ];
}

/** Each group's alarms, one record each, from their resolved names. */
export function alarmRecords(
    groups: readonly AlarmGroup[],
    resolved: { names: string[][]; homeRegion: string; topicArn: string },
): VerificationAlarm[] {
    return groups.flatMap((group, index) =>
        resolved.names[index].map((name) => ({
            name,
            region: group.region ?? resolved.homeRegion,
            kind: group.kind,
            expectsData: group.expectsData,
            metricsInsights: group.metricsInsights ?? false,
            notifies: group.notifiesTopic ? resolved.topicArn : undefined,
        })),
    );
}

/** The names (or ARNs) of every group, in the groups' order. */
export function alarmList(
    groups: readonly AlarmGroup[],
    of: (group: AlarmGroup) => pulumi.Input<string[]> | undefined,
): pulumi.Output<string[]> {
    return concatenated(...groups.map(of));
}
