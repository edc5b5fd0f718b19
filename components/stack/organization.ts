import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlertDeliveryArgs } from "../alerts";
import { DeliveryAlarms } from "../delivery";
import {
    forwardedEvents,
    MemberHeartbeats,
    MemberStackSet,
    memberTemplate,
    OrganizationBus,
} from "../organization";
import { createAlertRules } from "./alertRules";
import { concatenated, single, StackContext } from "./context";
import type { OrganizationPlan } from "./organizationPlan";

export interface OrganizationParts {
    readonly busArn: pulumi.Output<string>;
    readonly stackSetName: pulumi.Output<string>;
    readonly instanceRegions: pulumi.Output<string[]>;
    readonly alarmNames: pulumi.Output<string[]>;
    readonly alarmArns: pulumi.Output<string[]>;
    /** The member heartbeats' rule, log group and alarm, for the verification output. */
    readonly memberHeartbeats: MemberHeartbeats;
    /** The failed-invocation alarms of the organization bus's rules, with self-monitoring. */
    readonly deliveryAlarmNames?: pulumi.Output<string[]>;
}

/**
 * Member accounts: the organization bus and its alert rules here, and the StackSet that puts the
 * forwarders in every member account and region. The central account's own regions stay with the
 * multi-region forwarding, so the StackSet leaves the central account out.
 */
export function buildOrganization(
    ctx: StackContext,
    delivery: AlertDeliveryArgs,
): OrganizationParts | undefined {
    const { parent, name, args, plan } = ctx;
    const organization = plan.organization;
    if (organization === undefined) {
        return undefined;
    }
    const bus = buildOrganizationBus(ctx, organization);
    createAlertRules(ctx, organization.rules, {
        ...delivery,
        eventBusName: bus.busName,
    });
    const heartbeats = new MemberHeartbeats(
        `${name}-member-heartbeats`,
        {
            namePrefix: plan.namePrefix,
            busName: bus.busName,
            memberHeartbeatRuleName: organization.memberHeartbeatRuleName,
            expectedMemberRegions: expectedMemberAccounts(ctx, organization).apply(
                (accounts) => accounts * organization.regions.length,
            ),
            topicArn: delivery.topicArn,
            tags: args.tags,
        },
        { parent },
    );
    const stackSet = buildMemberStackSet(ctx, organization, bus);
    const alarms = plan.features.selfMonitoring
        ? new DeliveryAlarms(
              `${name}-org-delivery`,
              {
                  ruleNames: organization.rules.ruleNames,
                  loggingRuleNames: [organization.heartbeatsRuleName],
                  eventBus: { name: organization.busName, role: "members" },
                  alarmNamePrefix: plan.namePrefix,
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
        alarmNames: concatenated(single(heartbeats.alarmName), alarms?.alarmNames),
        alarmArns: concatenated(single(heartbeats.alarmArn), alarms?.alarmArns),
        memberHeartbeats: heartbeats,
        deliveryAlarmNames: alarms?.alarmNames,
    };
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

/** The StackSet that puts the member template in every account of the OUs, in every member region. */
function buildMemberStackSet(
    { parent, name, args, environment }: StackContext,
    organization: OrganizationPlan,
    bus: OrganizationBus,
): MemberStackSet {
    return new MemberStackSet(
        `${name}-member-stack-set`,
        {
            stackSetName: organization.stackSetName,
            templateBody: pulumi.jsonStringify(
                bus.busArn.apply((busArn) => memberTemplate(organization.templateInputs, busArn)),
            ),
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
 * The accounts the StackSet deploys to: every active account under the OUs, less the management
 * account (which a service-managed StackSet never deploys to) and the central account (left out
 * on purpose). Read at each `pulumi up`; an account that joins later raises the count only from
 * the next one.
 */
function expectedMemberAccounts(
    { parent, environment }: StackContext,
    organization: OrganizationPlan,
): pulumi.Output<number> {
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
            const active = lists.flatMap((list) =>
                list.accounts.filter((account) => account.state === "ACTIVE"),
            );
            const accounts = new Set(active.map((account) => account.id));
            accounts.delete(managementAccountId);
            accounts.delete(env.accountId);
            return accounts.size;
        });
}
