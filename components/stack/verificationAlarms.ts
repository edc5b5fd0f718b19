import * as pulumi from "@pulumi/pulumi";
import { silentMemberAlarmNamePrefix } from "../organization";
import { single } from "./context";
import type { StackParts } from "./outputs";
import type { MonitoringPlan } from "./plan";
import type { VerificationAlarm } from "./verificationTypes";

/** The alarms of one component: where they are, what they watch, and whether they notify the topic. */
export interface AlarmGroup {
    readonly names?: pulumi.Input<string[]>;
    /** Undefined: the home region. */
    readonly region?: string;
    readonly kind: string;
    readonly expectsData: boolean;
    readonly metricsInsights?: boolean;
    readonly notifiesTopic: boolean;
}

/** Every alarm of the stack, by component: the same alarms as `alarmNames`, each with its region. */
export function alarmGroups({ home, otherRegions, organization }: StackParts): AlarmGroup[] {
    const expiring = { kind: "expiring-keys", expectsData: false, metricsInsights: true };
    return [
        {
            names: home.expiryAlarms.alarmNames,
            kind: "key-material-expiry",
            expectsData: true,
            notifiesTopic: true,
        },
        { names: single(home.discovery?.alarmName), ...expiring, notifiesTopic: false },
        {
            names: home.deliveryAlarms?.alarmNames,
            kind: "delivery",
            expectsData: false,
            notifiesTopic: true,
        },
        {
            names: single(home.audit?.cisAlarmName),
            kind: "cis",
            expectsData: false,
            notifiesTopic: true,
        },
        ...(otherRegions?.regions ?? []).flatMap(({ region, expiry, discovery, forwarder }) => [
            {
                names: expiry?.alarmNames,
                region,
                kind: "key-material-expiry",
                expectsData: true,
                notifiesTopic: false,
            },
            { names: single(discovery?.alarmName), region, ...expiring, notifiesTopic: false },
            {
                names: forwarder.alarmNames,
                region,
                kind: "delivery",
                expectsData: false,
                notifiesTopic: false,
            },
        ]),
        {
            names: otherRegions?.heartbeats.alarmNames.apply(Object.values),
            kind: "heartbeat",
            expectsData: true,
            notifiesTopic: true,
        },
        {
            // The count alarm and, with observability, one per member account and region, whose
            // names are known once AWS Organizations has listed the accounts at `pulumi up`.
            names: organization?.memberHeartbeats.alarmNames,
            kind: "member-heartbeats",
            expectsData: true,
            notifiesTopic: true,
        },
        {
            names: organization?.deliveryAlarmNames,
            kind: "delivery",
            expectsData: false,
            notifiesTopic: true,
        },
    ];
}

/** A member-heartbeats alarm named after one member account and region is a `silent-member` one. */
function kindOf(plan: MonitoringPlan, group: AlarmGroup, name: string): string {
    return group.kind === "member-heartbeats" &&
        name.startsWith(silentMemberAlarmNamePrefix(plan.namePrefix))
        ? "silent-member"
        : group.kind;
}

/** Each group's alarms, one record each, from their resolved names. */
export function alarmRecords(
    plan: MonitoringPlan,
    groups: readonly AlarmGroup[],
    resolved: { names: string[][]; homeRegion: string; topicArn: string },
): VerificationAlarm[] {
    return groups.flatMap((group, index) =>
        resolved.names[index].map((name) => ({
            name,
            region: group.region ?? resolved.homeRegion,
            kind: kindOf(plan, group, name),
            expectsData: group.expectsData,
            metricsInsights: group.metricsInsights ?? false,
            notifies: group.notifiesTopic ? resolved.topicArn : undefined,
        })),
    );
}
