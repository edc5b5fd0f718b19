import { eventAlerts, remoteAlarmRules } from "../alerts";
import { ForwardingPlan, HEARTBEAT_RULE_ROLE } from "../forwarding";
import {
    LINK_LABEL_TEMPLATE,
    LINK_RESOURCE_TYPES,
    linkedNamespaces,
    linkMetricFilter,
    memberDeadLetterQueueName,
    memberForwarderRoleName,
    memberForwardingPlan,
    memberHeartbeatsRuleName,
    MemberLinkSettings,
    MemberTemplateInputs,
    organizationMemberPrefix,
} from "../organization";
import { eventRuleName } from "../shared";
import type { SettledArgs } from "./settings";
import { BusAlertRules, contributorAlarms, planBusAlertRules } from "./busAlertRules";

/**
 * CloudWatch cross-account observability, with `organization.observability`: the central account
 * becomes a monitoring account in every member region, and every member links to it.
 *
 * A member's expiring key stays with the member's own Metrics Insights alarm, whose contributor
 * event reaches the organization bus with the member's `account`, which the alert names. A central
 * alarm on `GROUP BY AWS.AccountId, KeyId` could watch the members ("In a monitoring account ...
 * your Metrics Insights alarms can watch resources in source accounts", CloudWatch User Guide,
 * "Alarms on CloudWatch Metrics Insights queries"), but its contributor events carry the central
 * account as `account`, and no page says that the contributor's attributes hold `AWS.AccountId`;
 * if they did, an input transformer could not read the key, which has a dot in it (InputPathsMap:
 * "You must use JSON dot notation, not bracket notation"). The alert would lose the account.
 */
export interface ObservabilityPlan {
    /** Name of every sink the stack creates: `<prefix>-members`. */
    readonly sinkName: string;
    /** Member regions that get a new sink: those without one in `sinkArns`. */
    readonly sinkRegions: readonly string[];
    /** Sinks reused as they are, by member region. */
    readonly existingSinkArns: Readonly<Record<string, string>>;
    /** What every member's link shares: metrics of the namespaces the dashboard reads. */
    readonly link: MemberLinkSettings;
    /**
     * The StackSet of the members' links, `<prefix>-member-observability-link`: apart from the
     * forwarders', so that a link that fails leaves them in place (memberLinkTemplate).
     */
    readonly linkStackSetName: string;
    /** The central dashboard `<prefix>-organization`, when dashboards are on. */
    readonly dashboardName?: string;
    /** The members' dead-letter queue, named alike in every member: the dashboard finds it so. */
    readonly memberDeadLetterQueueName?: string;
}

/** What the stack puts in the central account and in the member accounts, with `organization`. */
export interface OrganizationPlan {
    readonly organizationId: string;
    readonly organizationalUnitIds: readonly string[];
    readonly callAs: string;
    /** The bus the members forward to: `<prefix>-members` in the home region. */
    readonly busName: string;
    /** Prefix of every name in the member accounts: `<prefix>-member`. */
    readonly memberPrefix: string;
    /** The member regions: one instance of each StackSet per OU and region. */
    readonly regions: readonly string[];
    /** The member forwarding roles' names, any region (`*`): the bus policy admits only them. */
    readonly senderRoleNamePattern: string;
    /** What the member template is built from. */
    readonly templateInputs: MemberTemplateInputs;
    /** The forwarders every member region gets: the same plan as a remote region's. */
    readonly forwarding: ForwardingPlan;
    /** The alert rules on the organization bus. */
    readonly rules: BusAlertRules;
    /** The forwarders' StackSet, `<prefix>-member-forwarders`. */
    readonly stackSetName: string;
    /** The members' heartbeat rule, in every member account and region. */
    readonly memberHeartbeatRuleName: string;
    /** The rule on the organization bus that logs the members' heartbeats. */
    readonly heartbeatsRuleName: string;
    /** Sinks, links, the central dashboard and per-account silent-member alarms; undefined when off. */
    readonly observability?: ObservabilityPlan;
}

/** The observability part, when `organization.observability` is on (the default). */
function planObservability(
    args: SettledArgs,
    regions: readonly string[],
): ObservabilityPlan | undefined {
    if (!(args.organization?.observability ?? true)) {
        return undefined;
    }
    const existingSinkArns = args.organization?.sinkArns ?? {};
    const deadLetterQueue = args.deadLetterQueue;
    const memberPrefix = organizationMemberPrefix(args.namePrefix);
    return {
        sinkName: `${args.namePrefix}-members`,
        sinkRegions: regions.filter((region) => existingSinkArns[region] === undefined),
        existingSinkArns,
        link: {
            resourceTypes: LINK_RESOURCE_TYPES,
            metricFilter: linkMetricFilter(
                linkedNamespaces(deadLetterQueue, args.requestQuotaAlarms),
            ),
            labelTemplate: LINK_LABEL_TEMPLATE,
        },
        linkStackSetName: `${memberPrefix}-observability-link`,
        dashboardName: args.dashboard ? `${args.namePrefix}-organization` : undefined,
        memberDeadLetterQueueName: deadLetterQueue
            ? memberDeadLetterQueueName(memberPrefix)
            : undefined,
    };
}

/** The member template's inputs: the stack's own alert settings, with every default applied. */
function templateInputs(args: SettledArgs): MemberTemplateInputs {
    return {
        memberPrefix: organizationMemberPrefix(args.namePrefix),
        apiCalls: args.apiCallAlerts,
        eventAlerts: eventAlerts(args).map((alert) => alert.eventPattern),
        discoverExpiringKeys: args.discoverExpiringKeys,
        warningDays: args.expiryWarningDays,
        quotaWarningPercent: args.requestQuotaAlarms ? args.quotaWarningPercent : undefined,
        customKeyStoreAlarms: args.customKeyStoreAlarms,
        deadLetterQueue: args.deadLetterQueue,
        selfMonitoring: args.selfMonitoring,
        tags: args.tags,
    };
}

/**
 * The organization's plan, worked out once: the topic and queue policies need the rule names,
 * the bus policy the forwarding plan, and the StackSet the template inputs.
 */
export function planOrganization(args: SettledArgs): OrganizationPlan | undefined {
    const organization = args.organization;
    if (organization === undefined) {
        return undefined;
    }
    const memberPrefix = organizationMemberPrefix(args.namePrefix);
    const regions = organization.regions ?? args.regions;
    const observability = planObservability(args, regions);
    const inputs = templateInputs(args);
    const forwarding = memberForwardingPlan(inputs);
    const busName = `${args.namePrefix}-members`;
    const rules = planBusAlertRules(
        args,
        {
            busName,
            resourceNameSuffix: "-org",
            alarmRulesRole: "member-alarms",
            alarmRules: remoteAlarmRules(args.namePrefix, forwarding.alarmNames, regions),
        },
        contributorAlarms(args, memberPrefix),
        regions,
    );
    return {
        organizationId: organization.id,
        organizationalUnitIds: organization.organizationalUnitIds,
        callAs: organization.callAs ?? "DELEGATED_ADMIN",
        busName,
        memberPrefix,
        regions,
        senderRoleNamePattern: memberForwarderRoleName(memberPrefix, "*"),
        templateInputs: inputs,
        forwarding,
        rules,
        stackSetName: `${memberPrefix}-forwarders`,
        memberHeartbeatRuleName: eventRuleName(memberPrefix, HEARTBEAT_RULE_ROLE),
        heartbeatsRuleName: memberHeartbeatsRuleName(args.namePrefix),
        observability,
    };
}
