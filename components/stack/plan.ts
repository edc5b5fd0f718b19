import { eventAlerts, remoteAlarmRules, topicKeyAlias } from "../alerts";
import { capacityAlarmNames, expiryAlarmName, watchedKeyRegion } from "../alarms";
import { apiCallsInRegion, ForwardingPlan, forwardingPlan } from "../forwarding";
import { planHomeChannelRules } from "./alarmPlan";
import type { KmsMonitoringArgs } from "./args";
import { settled, SettledArgs } from "./settings";
import { BusAlertRules, contributorAlarms, planBusAlertRules } from "./busAlertRules";
import { channelRuleNames, ChannelsPlan, planChannels, withChannelRules } from "./channelsPlan";
import { OrganizationPlan, planOrganization } from "./organizationPlan";

/** A watched region other than the home one, and what the stack puts there. */
export interface OtherRegionPlan {
    readonly region: string;
    /** `watchedKeys` entries whose ARN is in this region: their alarms live here, by their metric. */
    readonly watchedKeys: readonly string[];
    readonly forwarding: ForwardingPlan;
}

/** A rule that publishes to the topic, wherever it is: the topic and queue policies list them all. */
export interface TopicRule {
    readonly ruleName: string;
    readonly busName: string;
}

/** What is on or off, with every default applied. */
export interface Features {
    readonly encryptTopic: boolean;
    /** The home dead-letter queue: asked for, and there is a rule to use it. */
    readonly deadLetterQueue: boolean;
    readonly selfMonitoring: boolean;
    readonly keyLifecycleEvents: boolean;
    readonly pendingDeletionUseAlerts: boolean;
    readonly discoverExpiringKeys: boolean;
    /** One alarm per shared KMS request quota, in every region and member account and region. */
    readonly requestQuotaAlarms: boolean;
    /** The key store alarms, in every region and member account and region. */
    readonly customKeyStoreAlarms: boolean;
    readonly readableAlerts: boolean;
    readonly dashboard: boolean;
    readonly auditTrail: boolean;
    readonly importedKey: boolean;
    /** The imported key gets an expiry alarm: its material has a `validTo`. */
    readonly importedKeyExpiry: boolean;
    readonly organization: boolean;
}

/**
 * Everything about the stack that follows from its arguments alone: no resource, no Output. The
 * builders create resources from it and never work any of it out again.
 */
export interface MonitoringPlan {
    readonly namePrefix: string;
    /** The provider's region; undefined when the component is not told (one-region stacks). */
    readonly homeRegion?: string;
    /** `watchedKeys` entries in the home region. */
    readonly homeWatchedKeys: readonly string[];
    readonly otherRegions: readonly OtherRegionPlan[];
    readonly features: Features;
    readonly warningDays: number;
    /** Percent of the applied quota at which the request quota alarms fire. */
    readonly quotaWarningPercent: number;
    /** The alias of the topic key, when the topic is encrypted. */
    readonly topicKeyAlias?: string;
    /** The home default bus's alert rules. */
    readonly homeRules: BusAlertRules;
    /** The alert rules of every bus: the home default bus, then the organization bus. */
    readonly buses: readonly BusAlertRules[];
    readonly organization?: OrganizationPlan;
    /** Every rule that targets the topic, home and organization. */
    readonly topicRules: readonly TopicRule[];
    /** The alert channels besides email. */
    readonly channels: ChannelsPlan;
    /** Every rule that delivers to the channels only, home and organization. */
    readonly channelRules: readonly TopicRule[];
    /** Every home alarm that notifies the topic; the channels' alarm rules match them by name. */
    readonly homeAlarmNames: readonly string[];
    /** How the home alarms named only at deploy time start; the channels' alarm rules match on it. */
    readonly homeAlarmNamePrefixes: readonly string[];
}

/** Every watched region, the home region (the provider's, known once invoked) first. */
export function watchedRegions(plan: MonitoringPlan, homeRegion: string): string[] {
    return [homeRegion, ...plan.otherRegions.map((other) => other.region)];
}

/** Each other watched region with its keys and forwarding rules. */
function planOtherRegions(args: SettledArgs): OtherRegionPlan[] {
    const home = args.homeRegion;
    return args.regions
        .filter((region) => region !== home)
        .map((region) => {
            const regionKeys = args.watchedKeys.filter(
                (reference) => watchedKeyRegion(reference, home) === region,
            );
            const forwarding = forwardingPlan(args.namePrefix, {
                apiCalls: apiCallsInRegion(args.apiCallAlerts, region),
                eventAlerts: eventAlerts(args).map((alert) => alert.eventPattern),
                alarmNames: [
                    ...regionKeys.map((reference) => expiryAlarmName(args.namePrefix, reference)),
                    ...capacityAlarmNames(args.namePrefix, args).requestQuotas,
                ],
                contributorAlarmNames: Object.values(
                    contributorAlarms(args, args.namePrefix),
                ).flat(),
                deadLetterQueue: args.deadLetterQueue,
                selfMonitoring: args.selfMonitoring,
            });
            return { region, watchedKeys: regionKeys, forwarding };
        });
}

/**
 * The home default bus's rules: this account's events from every watched region. The stack's
 * topics and their key are in the home region of this account, so only this bus receives the KMS
 * calls SNS makes for them; the organization bus and the forwarders never do, and there the alias
 * name could belong to another key (ownTopicCalls.ts).
 */
function planHomeRules(args: SettledArgs, otherRegions: readonly OtherRegionPlan[]) {
    const otherRegionNames = otherRegions.map((other) => other.region);
    return planBusAlertRules(
        args,
        {
            busName: "default",
            resourceNameSuffix: "",
            alarmRulesRole: "remote-alarms",
            ownTopicCalls: args.encryptTopic
                ? { keyAlias: topicKeyAlias(args.namePrefix), region: args.homeRegion }
                : undefined,
            alarmRules: remoteAlarmRules(
                args.namePrefix,
                otherRegions.flatMap((other) => other.forwarding.alarmNames),
                otherRegionNames,
            ),
        },
        contributorAlarms(args, args.namePrefix),
        args.homeRegion === undefined ? undefined : [args.homeRegion, ...otherRegionNames],
    );
}

/** What is on or off, every default applied. */
function planFeatures(
    args: SettledArgs,
    homeRules: BusAlertRules,
    organization: OrganizationPlan | undefined,
    channels: ChannelsPlan,
): Features {
    return {
        encryptTopic: args.encryptTopic,
        // Only EventBridge targets use the queue; without rules there is nothing to catch. A
        // channel brings rules of its own.
        deadLetterQueue:
            args.deadLetterQueue && (homeRules.ruleNames.length > 0 || channels.kinds.length > 0),
        selfMonitoring: args.selfMonitoring,
        keyLifecycleEvents: args.keyLifecycleEvents,
        pendingDeletionUseAlerts: args.pendingDeletionUseAlerts,
        discoverExpiringKeys: args.discoverExpiringKeys,
        requestQuotaAlarms: args.requestQuotaAlarms,
        customKeyStoreAlarms: args.customKeyStoreAlarms,
        readableAlerts: args.readableAlerts,
        dashboard: args.dashboard,
        auditTrail: args.auditTrail?.create ?? false,
        importedKey: args.importedKey !== undefined,
        importedKeyExpiry: args.importedKey?.validTo !== undefined,
        organization: organization !== undefined,
    };
}

/** The organization's plan with the channel rules of its bus: the member alarms alert there. */
function planOrganizationWithChannels(
    args: SettledArgs,
    channels: ChannelsPlan,
): OrganizationPlan | undefined {
    const organization = planOrganization(args);
    return organization === undefined
        ? undefined
        : {
              ...organization,
              rules: withChannelRules(args, channels, organization.rules, [
                  {
                      names: [...new Set(organization.forwarding.alarmNames)],
                      regions: organization.regions,
                  },
              ]),
          };
}

/** Every rule of the buses, with its bus, for the policies that name them. */
function busRules(
    rules: readonly BusAlertRules[],
    names: (bus: BusAlertRules) => readonly string[],
) {
    return rules.flatMap((bus) =>
        names(bus).map((ruleName) => ({ ruleName, busName: bus.busName })),
    );
}

/** The whole stack's plan. Pure: the same arguments always give the same plan. */
export function planMonitoring(given: KmsMonitoringArgs): MonitoringPlan {
    const args = settled(given);
    const otherRegions = planOtherRegions(args);
    const otherRegionNames = otherRegions.map((other) => other.region);
    const channels = planChannels(args);
    const organization = planOrganizationWithChannels(args, channels);
    const homeWatchedKeys = args.watchedKeys.filter(
        (reference) =>
            !otherRegionNames.includes(watchedKeyRegion(reference, args.homeRegion) ?? ""),
    );
    const emailRules = planHomeRules(args, otherRegions);
    const features = planFeatures(args, emailRules, organization, channels);
    const { homeRules, homeAlarmNames, homeAlarmNamePrefixes } = planHomeChannelRules({
        args,
        features,
        homeWatchedKeys,
        otherRegions,
        homeRules: emailRules,
        organization,
        channels,
    });
    const buses = [homeRules, ...(organization === undefined ? [] : [organization.rules])];
    return {
        namePrefix: args.namePrefix,
        homeRegion: args.homeRegion,
        homeWatchedKeys,
        otherRegions,
        features,
        warningDays: args.expiryWarningDays,
        quotaWarningPercent: args.quotaWarningPercent,
        topicKeyAlias: args.encryptTopic ? topicKeyAlias(args.namePrefix) : undefined,
        homeRules,
        buses,
        organization,
        topicRules: busRules(buses, (bus) => bus.ruleNames),
        channels,
        channelRules: busRules(buses, channelRuleNames),
        homeAlarmNames,
        homeAlarmNamePrefixes,
    };
}
