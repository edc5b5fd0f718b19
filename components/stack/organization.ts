import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlertDeliveryArgs } from "../alerts";
import { DeliveryAlarms } from "../delivery";
import {
    ExpectedMember,
    forwardedEvents,
    MemberHeartbeats,
    MemberStackSet,
    MEMBER_BUS_ALARM_ROLE,
    memberTemplate,
    OrganizationBus,
    type CloudFormationTemplate,
} from "../organization";
import { createAlertRules } from "./alertRules";
import { warnAboutMemberCost } from "./memberCost";
import { channelRuleNames } from "./channelsPlan";
import { Channels, channelTargetRuleNames } from "./channels";
import type { StackContext } from "./context";
import { buildLinkStackSet, buildOrganizationDashboard, buildSinks } from "./observability";
import { memberTrailWarning } from "./verificationTrails";
import type { OrganizationPlan } from "./organizationPlan";

export interface OrganizationParts {
    readonly busArn: pulumi.Output<string>;
    readonly stackSetName: pulumi.Output<string>;
    readonly instanceRegions: pulumi.Output<string[]>;
    /** With observability: the members' link StackSet. */
    readonly linkStackSetName?: pulumi.Output<string>;
    /** With observability: each member region's sink. */
    readonly sinkArns?: pulumi.Output<Record<string, string>>;
    /** With observability and dashboards: the central dashboard's console address. */
    readonly centralDashboardUrl?: pulumi.Output<string>;
    /** The rules on the organization bus that deliver to the channels only. */
    readonly channelRuleNames?: pulumi.Output<string[]>;
    /** The member heartbeats' rule, log group and alarm, for the verification output. */
    readonly memberHeartbeats: MemberHeartbeats;
    /** The failed-invocation alarms of the organization bus's rules, with self-monitoring. */
    readonly deliveryAlarms?: DeliveryAlarms;
}

/** The members' trail, once the account is known: which key ARNs are the members' depends on it. */
function warnAboutMemberTrail({ plan, environment }: StackContext, bus: OrganizationBus): void {
    environment.apply(({ accountId }) => {
        const warning = memberTrailWarning(plan, accountId);
        if (warning !== undefined) void pulumi.log.warn(warning, bus);
    });
}

/**
 * Member accounts: the organization bus and its alert rules here, and the StackSet that puts the
 * forwarders in every member account and region. The central account's own regions stay with the
 * multi-region forwarding, so the StackSet leaves the central account out.
 */
export function buildOrganization(
    ctx: StackContext,
    delivery: AlertDeliveryArgs,
    channels: Channels | undefined,
): OrganizationParts | undefined {
    const organization = ctx.plan.organization;
    if (organization === undefined) {
        return undefined;
    }
    const bus = buildOrganizationBus(ctx, organization);
    const { channelRuleNames } = createAlertRules(
        ctx,
        organization.rules,
        { ...delivery, eventBusName: bus.busName },
        channels,
    );
    const { heartbeats, stackSet } = buildMembers(ctx, organization, bus, delivery);
    const observability =
        organization.observability === undefined
            ? undefined
            : buildSinks(ctx, organization, organization.observability);
    const linkStackSet =
        organization.observability === undefined || observability === undefined
            ? undefined
            : buildLinkStackSet(ctx, organization, organization.observability, {
                  sinks: observability,
                  forwarders: stackSet,
              });
    const dashboard =
        organization.observability === undefined
            ? undefined
            : buildOrganizationDashboard(ctx, organization, organization.observability);
    const alarms = buildOrganizationDeliveryAlarms(ctx, organization, bus, delivery, channels);
    return {
        busArn: bus.busArn,
        stackSetName: stackSet.stackSetName,
        instanceRegions: stackSet.instanceRegions,
        linkStackSetName: linkStackSet?.stackSetName,
        sinkArns: observability?.sinkArns,
        centralDashboardUrl: dashboard?.url,
        channelRuleNames,
        memberHeartbeats: heartbeats,
        deliveryAlarms: alarms,
    };
}

/**
 * What the member accounts get: the forwarders' StackSet, the heartbeats that prove each account and
 * region alive, and the warning when they cost much. The forwarders' template is built once, for the
 * StackSet and for what a member account costs.
 */
function buildMembers(
    ctx: StackContext,
    organization: OrganizationPlan,
    bus: OrganizationBus,
    delivery: AlertDeliveryArgs,
): { heartbeats: MemberHeartbeats; stackSet: MemberStackSet } {
    const { parent, name, args, plan } = ctx;
    const template = bus.busArn.apply((busArn) =>
        memberTemplate(organization.templateInputs, busArn, organization.forwarding),
    );
    const expectedMembers = expectedMemberAccounts(ctx, organization);
    warnAboutMemberCost(ctx, organization, template, expectedMembers);
    warnAboutMemberTrail(ctx, bus);
    const heartbeats = new MemberHeartbeats(
        `${name}-member-heartbeats`,
        {
            namePrefix: plan.namePrefix,
            busName: bus.busName,
            memberHeartbeatRuleName: organization.memberHeartbeatRuleName,
            expectedMembers,
            memberRegions: organization.regions,
            silentMemberAlarms: organization.observability !== undefined,
            topicArn: delivery.topicArn,
            tags: args.tags,
        },
        { parent },
    );
    return { heartbeats, stackSet: buildMemberStackSet(ctx, organization, bus, template) };
}

/** The alarms on failed delivery from the organization bus: its alert, channel and logging rules. */
function buildOrganizationDeliveryAlarms(
    { parent, name, args, plan }: StackContext,
    organization: OrganizationPlan,
    bus: OrganizationBus,
    delivery: AlertDeliveryArgs,
    channels: Channels | undefined,
): DeliveryAlarms | undefined {
    if (!plan.features.selfMonitoring) {
        return undefined;
    }
    return new DeliveryAlarms(
        `${name}-org-delivery`,
        {
            ruleNames: organization.rules.ruleNames,
            channelTargetRuleNames: channelTargetRuleNames(organization.rules, channels),
            loggingRuleNames: [organization.heartbeatsRuleName],
            channelRuleNames: channelRuleNames(organization.rules),
            eventBus: { name: organization.busName, role: MEMBER_BUS_ALARM_ROLE },
            alarmNamePrefix: plan.namePrefix,
            topicArn: delivery.topicArn,
            tags: args.tags,
        },
        { parent, dependsOn: [bus] },
    );
}

/** The bus the members forward to: only the organization's forwarding roles may put events on it. */
function buildOrganizationBus(
    { parent, name, args, environment }: StackContext,
    organization: OrganizationPlan,
): OrganizationBus {
    return new OrganizationBus(
        `${name}-organization-bus`,
        {
            busName: organization.busName,
            organizationId: organization.organizationId,
            forwarded: forwardedEvents(organization.forwarding),
            senderRoleArns: environment.apply(
                (env) => `arn:${env.partition}:iam::*:role/${organization.senderRoleNamePattern}`,
            ),
            tags: args.tags,
        },
        { parent },
    );
}

/**
 * The StackSet that puts the forwarders in every account of the OUs, in every member region. The
 * observability link has a StackSet of its own (buildLinkStackSet).
 */
function buildMemberStackSet(
    { parent, name, args, environment }: StackContext,
    organization: OrganizationPlan,
    bus: OrganizationBus,
    template: pulumi.Output<CloudFormationTemplate>,
): MemberStackSet {
    return new MemberStackSet(
        `${name}-member-stack-set`,
        {
            stackSetName: organization.stackSetName,
            description: "KMS monitoring forwarders for every member account and region",
            templateBody: pulumi.jsonStringify(template),
            // The template names its IAM roles.
            capabilities: ["CAPABILITY_NAMED_IAM"],
            callAs: organization.callAs,
            organizationalUnitIds: organization.organizationalUnitIds,
            regions: organization.regions,
            excludedAccountIds: [environment.accountId],
            tags: args.tags,
        },
        // The member rules' first events must find the bus policy that admits them.
        { parent, dependsOn: [bus] },
    );
}

/**
 * The accounts the StackSet deploys to, by ID and name: every active account under the OUs, less
 * the management account (which a service-managed StackSet never deploys to) and the central
 * account (left out on purpose). Read at each `pulumi up`; an account that joins later is expected
 * only from the next one.
 */
function expectedMemberAccounts(
    { parent, environment }: StackContext,
    organization: OrganizationPlan,
): pulumi.Output<ExpectedMember[]> {
    const descendants = organization.organizationalUnitIds.map((parentId) =>
        aws.organizations.getOrganizationalUnitDescendantAccountsOutput({ parentId }, { parent }),
    );
    const management = aws.organizations.getOrganizationOutput(
        { returnOrganizationOnly: true },
        { parent },
    ).masterAccountId;
    return pulumi
        .all([pulumi.all(descendants), management, environment])
        .apply(([lists, managementAccountId, env]) => {
            const members = new Map<string, ExpectedMember>();
            for (const account of lists.flatMap((list) => list.accounts)) {
                if (
                    account.state === "ACTIVE" &&
                    account.id !== managementAccountId &&
                    account.id !== env.accountId
                ) {
                    members.set(account.id, { accountId: account.id, accountName: account.name });
                }
            }
            return [...members.values()].sort((a, b) => a.accountId.localeCompare(b.accountId));
        });
}
