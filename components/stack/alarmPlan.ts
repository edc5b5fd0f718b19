import { capacityAlarmNames, expiryAlarmName } from "../alarms";
import { cisAlarmName, pendingDeletionAlarmName } from "../audit";
import type { AlarmSource } from "../channels";
import { deliveryAlarmNames } from "../delivery";
import { heartbeatAlarmName } from "../forwarding";
import {
    MEMBER_BUS_ALARM_ROLE,
    memberHeartbeatsAlarmName,
    silentMemberAlarmNamePrefix,
} from "../organization";
import type { SettledArgs } from "./settings";
import type { BusAlertRules } from "./busAlertRules";
import { channelRuleNames, ChannelsPlan, withChannelRules } from "./channelsPlan";
import type { OrganizationPlan } from "./organizationPlan";
import type { Features, OtherRegionPlan } from "./plan";

/** What the home alarms follow from. */
export interface HomeAlarmInputs {
    readonly args: SettledArgs;
    readonly features: Features;
    readonly homeWatchedKeys: readonly string[];
    readonly otherRegions: readonly OtherRegionPlan[];
    readonly homeRules: BusAlertRules;
    readonly organization?: OrganizationPlan;
    readonly channels: ChannelsPlan;
}

/** The delivery alarms of the home region: DeliveryAlarms in homeRegion.ts watches exactly these. */
function homeDeliveryAlarmNames({
    args,
    features,
    homeRules,
    channels,
}: HomeAlarmInputs): string[] {
    return deliveryAlarmNames({
        alarmNamePrefix: args.namePrefix,
        topic: true,
        ruleNames: homeRules.ruleNames,
        deadLetterQueue: features.deadLetterQueue ? true : undefined,
        channelRuleNames: channelRuleNames(homeRules),
        channelTopics: channels.topicRoles.map((role) => ({ role, subject: role })),
        channelQueues: channels.queueRoles.map((role) => ({ role, subject: role })),
    });
}

/** The alarms of the organization part, which live in the home region too. */
function organizationAlarmNames({ args, features, organization }: HomeAlarmInputs): string[] {
    if (organization === undefined) {
        return [];
    }
    const delivery = features.selfMonitoring
        ? deliveryAlarmNames({
              alarmNamePrefix: args.namePrefix,
              ruleNames: organization.rules.ruleNames,
              loggingRuleNames: [organization.heartbeatsRuleName],
              eventBus: { name: organization.busName, role: MEMBER_BUS_ALARM_ROLE },
              channelRuleNames: channelRuleNames(organization.rules),
          })
        : [];
    return [memberHeartbeatsAlarmName(args.namePrefix), ...delivery];
}

/**
 * Every alarm in the home region whose actions notify the topic: the channels' alarm rules match
 * their state changes by name. A test keeps this list equal to the alarms the builders create.
 */
export function homeAlarmNames(inputs: HomeAlarmInputs): string[] {
    const { args, features } = inputs;
    const prefix = args.namePrefix;
    const keys = [
        ...(features.importedKeyExpiry && args.importedKey !== undefined
            ? [args.importedKey.alias]
            : []),
        ...inputs.homeWatchedKeys,
    ];
    return [
        ...keys.map((reference) => expiryAlarmName(prefix, reference)),
        ...capacityAlarmNames(prefix, features).requestQuotas,
        ...(features.selfMonitoring ? homeDeliveryAlarmNames(inputs) : []),
        ...inputs.otherRegions.map((other) => heartbeatAlarmName(prefix, other.region)),
        ...(features.auditTrail && (args.auditTrail?.cisMetricFilter ?? true)
            ? [cisAlarmName(prefix)]
            : []),
        ...(features.auditTrail && features.pendingDeletionUseAlerts
            ? [pendingDeletionAlarmName(prefix)]
            : []),
        ...organizationAlarmNames(inputs),
    ];
}

/**
 * The home alarms whose names are known only at deploy time, by how they start: one per member
 * account and region that went silent (the accounts are read from AWS Organizations at `pulumi up`).
 */
export function homeAlarmNamePrefixes({ args, organization }: HomeAlarmInputs): string[] {
    return organization?.observability === undefined
        ? []
        : [silentMemberAlarmNamePrefix(args.namePrefix)];
}

/**
 * The home bus's channel rules. They match the home alarms by name, and the home alarms include
 * the alarms on those very rules, so the two are worked out together until the rule names settle
 * (more names can split a pattern into more rules, each with its alarm).
 */
export function planHomeChannelRules(inputs: HomeAlarmInputs): {
    homeRules: BusAlertRules;
    homeAlarmNames: string[];
    homeAlarmNamePrefixes: string[];
} {
    const { args, channels, otherRegions } = inputs;
    const home = args.homeRegion;
    const remote: AlarmSource = {
        names: [...new Set(otherRegions.flatMap((other) => other.forwarding.alarmNames))],
        regions: otherRegions.map((other) => other.region),
    };
    // Names known only at deploy time do not depend on the rules: worked out once.
    const namePrefixes = homeAlarmNamePrefixes(inputs);
    let homeRules = inputs.homeRules;
    for (let attempt = 0; attempt < 10; attempt++) {
        const names = homeAlarmNames({ ...inputs, homeRules });
        const sources = [
            {
                names,
                namePrefixes,
                regions: home === undefined ? undefined : [home],
            },
            remote,
        ];
        const next = withChannelRules(args, channels, inputs.homeRules, sources);
        if (channelRuleNames(next).join() === channelRuleNames(homeRules).join()) {
            return {
                homeRules: next,
                homeAlarmNames: names,
                homeAlarmNamePrefixes: namePrefixes,
            };
        }
        homeRules = next;
    }
    throw new Error("the home channel rules did not settle");
}
