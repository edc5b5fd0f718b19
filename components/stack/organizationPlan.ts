import { DEFAULT_API_CALL_ALERTS, remoteAlarmRules } from "../alerts";
import { DEFAULT_EXPIRY_WARNING_DAYS, expiringKeysAlarmName } from "../alarms";
import { ForwardingPlan, HEARTBEAT_RULE_ROLE } from "../forwarding";
import {
    memberForwarderRoleName,
    memberForwardingPlan,
    memberHeartbeatsRuleName,
    MemberTemplateInputs,
    organizationMemberPrefix,
} from "../organization";
import { eventRuleName } from "../shared";
import type { KmsMonitoringArgs } from "./args";
import { BusAlertRules, planBusAlertRules } from "./busAlertRules";

/** What the stack puts in the central account and in the member accounts, with `organization`. */
export interface OrganizationPlan {
    readonly organizationId: string;
    readonly organizationalUnitIds: readonly string[];
    readonly callAs: string;
    /** The bus the members forward to: `<prefix>-members` in the home region. */
    readonly busName: string;
    /** Prefix of every name in the member accounts: `<prefix>-member`. */
    readonly memberPrefix: string;
    /** The member regions: one StackSet instance per OU and region. */
    readonly regions: readonly string[];
    /** The member forwarding roles' names, any region (`*`): the bus policy admits only them. */
    readonly senderRoleNamePattern: string;
    /** What the member template is built from. */
    readonly templateInputs: MemberTemplateInputs;
    /** The forwarders every member region gets: the same plan as a remote region's. */
    readonly forwarding: ForwardingPlan;
    /** The alert rules on the organization bus. */
    readonly rules: BusAlertRules;
    readonly stackSetName: string;
    /** The members' heartbeat rule, in every member account and region. */
    readonly memberHeartbeatRuleName: string;
    /** The rule on the organization bus that logs the members' heartbeats. */
    readonly heartbeatsRuleName: string;
}

/** The member template's inputs: the stack's own alert settings, with every default applied. */
function templateInputs(args: KmsMonitoringArgs): MemberTemplateInputs {
    return {
        memberPrefix: organizationMemberPrefix(args.namePrefix),
        apiCalls: args.apiCallAlerts ?? DEFAULT_API_CALL_ALERTS,
        keyLifecycleEvents: args.keyLifecycleEvents ?? true,
        discoverExpiringKeys: args.discoverExpiringKeys ?? true,
        warningDays: args.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
        deadLetterQueue: args.deadLetterQueue ?? true,
        selfMonitoring: args.selfMonitoring ?? true,
        tags: args.tags ?? {},
    };
}

/**
 * The organization's plan, worked out once: the topic and queue policies need the rule names,
 * the bus policy the forwarding plan, and the StackSet the template inputs.
 */
export function planOrganization(args: KmsMonitoringArgs): OrganizationPlan | undefined {
    const organization = args.organization;
    if (organization === undefined) {
        return undefined;
    }
    const memberPrefix = organizationMemberPrefix(args.namePrefix);
    const regions =
        organization.regions ??
        args.regions ??
        (args.homeRegion === undefined ? [] : [args.homeRegion]);
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
        { alarmName: expiringKeysAlarmName(memberPrefix), regions },
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
    };
}
