import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alertRuleNames, createAlertRules } from "./alertRules";
import { AlertDeliveryArgs, DEFAULT_API_CALL_ALERTS, NamedPattern, remoteAlarmRules } from "./alerts";
import { DEFAULT_EXPIRY_WARNING_DAYS, expiringKeysAlarmName } from "./alarms";
import { DeliveryAlarms } from "./delivery";
import { ForwardingPlan, HEARTBEAT_RULE_ROLE } from "./forwarding";
import type { KmsMonitoringArgs, OrganizationSettings } from "./kmsMonitoringArgs";
import {
    forwardedEvents,
    MemberHeartbeats,
    MemberStackSet,
    memberForwarderRoleName,
    memberHeartbeatsRuleName,
    memberForwardingPlan,
    MemberTemplateInputs,
    memberTemplate,
    OrganizationBus,
    organizationMemberPrefix,
} from "./organization";
import { AwsEnvironment, eventRuleName } from "./shared";

/** The organization bus: `<prefix>-members` in the home region. */
export function organizationBusName(namePrefix: string): string {
    return `${namePrefix}-members`;
}

/** What the member template is built from. */
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

function memberRegions(args: KmsMonitoringArgs, organization: OrganizationSettings): readonly string[] {
    return organization.regions ?? args.regions ?? (args.homeRegion === undefined ? [] : [args.homeRegion]);
}

/** The member template's plan and the alert rules on the organization bus that follow from it. */
export interface OrganizationRules {
    readonly plan: ForwardingPlan;
    /** The rules on the members' alarms, named like the home region's. */
    readonly alarmRules: readonly NamedPattern[];
    /** Every rule on the organization bus that targets the topic, by its fixed name: the topic and queue policies name them. */
    readonly topicRuleNames: readonly string[];
}

/** Computed once, before anything registers: the topic and queue policies need the names, the bus policy the plan. */
export function organizationRules(args: KmsMonitoringArgs): OrganizationRules | undefined {
    if (args.organization === undefined) {
        return undefined;
    }
    const plan = memberForwardingPlan(templateInputs(args));
    const alarmRules = remoteAlarmRules(args.namePrefix, plan.alarmNames, memberRegions(args, args.organization));
    return { plan, alarmRules, topicRuleNames: alertRuleNames(args, alarmRules) };
}

export interface OrganizationParts {
    readonly busArn: pulumi.Output<string>;
    readonly stackSetName: pulumi.Output<string>;
    readonly instanceRegions: pulumi.Output<string[]>;
    readonly alarmNames: pulumi.Output<string[]>;
    readonly alarmArns: pulumi.Output<string[]>;
}


/**
 * Member accounts: the organization bus and its alert rules here, and the StackSet that puts the
 * forwarders in every member account and region. The central account's own regions stay with the
 * multi-region forwarding, so the StackSet leaves the central account out.
 */
export function composeOrganization(
    parent: pulumi.Resource,
    name: string,
    args: KmsMonitoringArgs,
    rules: OrganizationRules | undefined,
    environment: pulumi.Output<AwsEnvironment>,
    delivery: AlertDeliveryArgs,
): OrganizationParts | undefined {
    const organization = args.organization;
    if (organization === undefined || rules === undefined) {
        return undefined;
    }
    const regions = memberRegions(args, organization);
    const memberPrefix = organizationMemberPrefix(args.namePrefix);
    const bus = new OrganizationBus(
        `${name}-organization-bus`,
        {
            busName: organizationBusName(args.namePrefix),
            organizationId: organization.id,
            forwarded: forwardedEvents(rules.plan),
            senderRoleArns: environment.apply((env) => `arn:${env.partition}:iam::*:role/${memberForwarderRoleName(memberPrefix, "*")}`),
            tags: args.tags,
        },
        { parent },
    );
    const onBus = { ...delivery, eventBusName: bus.busName };
    createAlertRules(parent, args, onBus, {
        componentPrefix: `${name}-org`,
        alarmRulesRole: "member-alarms",
        expiringKeysAlarmName: expiringKeysAlarmName(memberPrefix),
        regions,
        alarmRules: rules.alarmRules,
    });
    const heartbeats = new MemberHeartbeats(
        `${name}-member-heartbeats`,
        {
            namePrefix: args.namePrefix,
            busName: bus.busName,
            memberHeartbeatRuleName: eventRuleName(memberPrefix, HEARTBEAT_RULE_ROLE),
            expectedMemberRegions: expectedMemberAccounts(parent, organization, environment).apply((accounts) => accounts * regions.length),
            topicArn: delivery.topicArn,
            tags: args.tags,
        },
        { parent },
    );
    const stackSet = new MemberStackSet(
        `${name}-member-stack-set`,
        {
            stackSetName: `${memberPrefix}-forwarders`,
            templateBody: pulumi.jsonStringify(bus.busArn.apply((busArn) => memberTemplate(templateInputs(args), busArn))),
            callAs: organization.callAs ?? "DELEGATED_ADMIN",
            organizationalUnitIds: organization.organizationalUnitIds,
            regions,
            excludedAccountIds: [environment.accountId],
            tags: args.tags,
        },
        // The member rules' first events must find the bus policy that admits them.
        { parent, dependsOn: [bus] },
    );
    const alarms =
        (args.selfMonitoring ?? true)
            ? new DeliveryAlarms(
                  `${name}-org-delivery`,
                  {
                      ruleNames: rules.topicRuleNames,
                      loggingRuleNames: [memberHeartbeatsRuleName(args.namePrefix)],
                      eventBus: { name: organizationBusName(args.namePrefix), role: "members" },
                      alarmNamePrefix: args.namePrefix,
                      topicArn: delivery.topicArn,
                      tags: args.tags,
                  },
                  { parent, dependsOn: [bus] },
              )
            : undefined;
    return {
        busArn: bus.busArn,
        stackSetName: stackSet.stackSetName,
        instanceRegions: stackSet.instanceRegions,
        alarmNames: pulumi.all([heartbeats.alarmName, alarms?.alarmNames ?? []]).apply(([heartbeat, others]) => [heartbeat, ...others]),
        alarmArns: pulumi.all([heartbeats.alarmArn, alarms?.alarmArns ?? []]).apply(([heartbeat, others]) => [heartbeat, ...others]),
    };
}

/**
 * The accounts the StackSet deploys to: every active account under the OUs, less the management
 * account (which a service-managed StackSet never deploys to) and the central account (left out
 * on purpose). Read at each `pulumi up`; an account that joins later raises the count only from
 * the next one.
 */
function expectedMemberAccounts(parent: pulumi.Resource, organization: OrganizationSettings, environment: pulumi.Output<AwsEnvironment>): pulumi.Output<number> {
    const descendants = organization.organizationalUnitIds.map((parentId) => aws.organizations.getOrganizationalUnitDescendantAccountsOutput({ parentId }, { parent }));
    const management = aws.organizations.getOrganizationOutput({ returnOrganizationOnly: true }, { parent }).masterAccountId;
    return pulumi.all([pulumi.all(descendants), management, environment]).apply(([lists, managementAccountId, env]) => {
        const accounts = new Set(lists.flatMap((list) => list.accounts.filter((account) => account.state === "ACTIVE").map((account) => account.id)));
        accounts.delete(managementAccountId);
        accounts.delete(env.accountId);
        return accounts.size;
    });
}
