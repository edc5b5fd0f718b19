import * as pulumi from "@pulumi/pulumi";
import { ExpiringKeyDiscovery, KeyMaterialExpiryAlarms } from "../alarms";
import type { RemoteRegionWidgets } from "../dashboard";
import { ForwardingRole, HeartbeatMonitor, RegionalForwarder } from "../forwarding";
import { AwsEnvironment, eventBusArn, eventRuleArn, inRegion } from "../shared";
import type { StackContext } from "./context";
import { buildCapacityAlarms, CapacityAlarms } from "./capacityAlarms";
import { buildExpiringKeyDiscovery } from "./homeRegion";
import type { OtherRegionPlan } from "./plan";

/** What the `forwarding` output shows for one region. */
export interface RegionForwardingOutput {
    /** The forwarding rules on that region's default bus. */
    readonly ruleNames: string[];
    /** The region's dead-letter queue, when there is one. */
    readonly deadLetterQueueUrl?: string;
    /** The home alarm that fires when that region's heartbeats stop. */
    readonly heartbeatAlarmName: string;
}

/** What the stack deploys for the regions other than the home one. */
export interface OtherRegions {
    /** Each region's forwarder and key alarms. */
    readonly regions: readonly RegionParts[];
    readonly heartbeats: HeartbeatMonitor;
    readonly roleArn: pulumi.Output<string>;
    /** Per region: its forwarding rules, dead-letter queue and heartbeat alarm. */
    readonly byRegion: pulumi.Output<Record<string, RegionForwardingOutput>>;
    readonly dashboardRegions: pulumi.Output<RemoteRegionWidgets[]>;
}

export interface RegionParts {
    readonly region: string;
    readonly expiry?: KeyMaterialExpiryAlarms;
    readonly discovery?: ExpiringKeyDiscovery;
    /** The request quota and key store alarms there: no actions, forwarded home. */
    readonly capacity: CapacityAlarms;
    readonly forwarder: RegionalForwarder;
}

/**
 * Everything the other regions need: their forwarders and key alarms there, one forwarding role
 * for all of them, and at home a heartbeat alarm per region.
 */
export function buildOtherRegions(
    ctx: StackContext,
    topicArn: pulumi.Output<string>,
): OtherRegions | undefined {
    const { parent, name, args, plan, environment } = ctx;
    if (plan.otherRegions.length === 0) {
        return undefined;
    }
    const destinationBusArn = environment.apply((env) => eventBusArn(env));
    const role = new ForwardingRole(
        `${name}-forwarding-role`,
        {
            accountId: environment.accountId,
            sourceRuleArns: environment.apply((env) => forwardingRuleArns(env, plan.otherRegions)),
            destinationBusArn,
            tags: args.tags,
        },
        { parent },
    );
    const heartbeats = new HeartbeatMonitor(
        `${name}-heartbeats`,
        {
            regions: plan.otherRegions.map((other) => other.region),
            environment,
            namePrefix: plan.namePrefix,
            topicArn,
            tags: args.tags,
        },
        { parent },
    );
    const regions = plan.otherRegions.map((other): RegionParts => {
        const forwarder = new RegionalForwarder(
            `${name}-forwarding-${other.region}`,
            {
                region: other.region,
                plan: other.forwarding,
                destinationBusArn,
                roleArn: role.roleArn,
                environment,
                alarmNamePrefix: plan.namePrefix,
                tags: args.tags,
            },
            // The role's policy must exist before the first event is forwarded with it.
            { parent, dependsOn: [role] },
        );
        return { ...regionAlarms(ctx, other), forwarder };
    });
    return {
        ...otherRegionsParts(regions, heartbeats),
        regions,
        heartbeats,
        roleArn: role.roleArn,
    };
}

/**
 * The rules that may assume the forwarding role: every forwarding rule name, in any region (`*`).
 * Names, not region by region, so the trust policy does not grow with the regions; no other
 * region holds a rule of these names but the ones the stack forwards from.
 */
function forwardingRuleArns(env: AwsEnvironment, others: readonly OtherRegionPlan[]): string[] {
    const names = new Set(
        others.flatMap((other) => other.forwarding.rules.map((rule) => rule.ruleName)),
    );
    return [...names].map((ruleName) => eventRuleArn(inRegion(env, "*"), ruleName));
}

/** The alarms of a region: per watched key there, its discovery alarm, its capacity alarms. */
function regionAlarms(ctx: StackContext, other: OtherRegionPlan): Omit<RegionParts, "forwarder"> {
    const { parent, name, args, plan } = ctx;
    const region = other.region;
    const expiry =
        other.watchedKeys.length === 0
            ? undefined
            : new KeyMaterialExpiryAlarms(
                  `${name}-expiry-${region}`,
                  {
                      watchedKeys: other.watchedKeys,
                      region,
                      warningDays: plan.warningDays,
                      alarmNamePrefix: plan.namePrefix,
                      tags: args.tags,
                  },
                  { parent },
              );
    const discovery = buildExpiringKeyDiscovery(ctx, `${name}-expiring-material-${region}`, region);
    return { region, expiry, discovery, capacity: buildCapacityAlarms(ctx, region, undefined) };
}

/** The outputs and dashboard widgets of the other regions. */
function otherRegionsParts(
    regions: readonly RegionParts[],
    heartbeats: HeartbeatMonitor,
): Omit<OtherRegions, "regions" | "heartbeats" | "roleArn"> {
    return {
        byRegion: forwardingByRegion(regions, heartbeats),
        dashboardRegions: pulumi.output(
            regions.map(({ region, expiry, forwarder }) => ({
                region,
                expiringKeys: expiry?.keys ?? [],
                ruleNames: forwarder.ruleNames,
                deadLetterQueueName: forwarder.deadLetterQueueName,
            })),
        ),
    };
}

function forwardingByRegion(
    regions: readonly RegionParts[],
    heartbeats: HeartbeatMonitor,
): pulumi.Output<Record<string, RegionForwardingOutput>> {
    const entries = regions.map(({ region, forwarder }) =>
        pulumi
            .all([forwarder.ruleNames, forwarder.deadLetterQueueUrl, heartbeats.alarmNames])
            .apply(
                ([ruleNames, deadLetterQueueUrl, heartbeatAlarms]) =>
                    [
                        region,
                        {
                            ruleNames,
                            deadLetterQueueUrl,
                            heartbeatAlarmName: heartbeatAlarms[region],
                        },
                    ] as const,
            ),
    );
    return pulumi.all(entries).apply((resolved) => Object.fromEntries(resolved));
}
