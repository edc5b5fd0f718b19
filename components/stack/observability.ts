import * as pulumi from "@pulumi/pulumi";
import { OrganizationDashboard } from "../dashboard";
import { MemberStackSet, memberLinkTemplate, ObservabilitySinks } from "../organization";
import { accountOfArn } from "../shared";
import type { StackContext } from "./context";
import type { ObservabilityPlan, OrganizationPlan } from "./organizationPlan";

/** The central account's half of cross-account observability. */
export interface CentralObservability {
    /** Every member region's sink, created or reused. */
    readonly sinkArns: pulumi.Output<Record<string, string>>;
    /** What the link StackSet and its instances wait for: the sinks' policies, which the first links need. */
    readonly sinkPolicies: pulumi.Resource[];
}

/**
 * What `pulumi up` warns of for each reused sink of another account: the config check cannot know
 * this account, and the central dashboard, whose queries see only the accounts linked to this
 * account's sinks, would stay empty in that region.
 */
export function foreignSinkWarnings(
    existingSinkArns: Readonly<Record<string, string>>,
    accountId: string,
): string[] {
    return Object.entries(existingSinkArns)
        .map(([region, arn]) => ({ region, owner: accountOfArn(arn) }))
        .filter(({ owner }) => owner !== accountId)
        .map(
            ({ region, owner }) =>
                `kms-monitoring:organization.sinkArns.${region} is a sink of account ${owner}, not ` +
                `of this account (${accountId}); the members link to it, but the central dashboard ` +
                "cannot show them in that region",
        );
}

/**
 * A sink per member region (unless reused) and its policy. Reused sinks of another account are
 * warned of once the account is known, on the sinks' component.
 */
export function buildSinks(
    { parent, name, args, environment }: StackContext,
    organization: OrganizationPlan,
    observability: ObservabilityPlan,
): CentralObservability {
    const sinks = new ObservabilitySinks(
        `${name}-sinks`,
        {
            sinkName: observability.sinkName,
            regions: observability.sinkRegions,
            existingSinkArns: observability.existingSinkArns,
            organizationId: organization.organizationId,
            organizationalUnitIds: organization.organizationalUnitIds,
            tags: args.tags,
        },
        { parent },
    );
    environment.apply(({ accountId }) =>
        foreignSinkWarnings(observability.existingSinkArns, accountId).forEach(
            (warning) => void pulumi.log.warn(warning, sinks),
        ),
    );
    return { sinkArns: sinks.sinkArns, sinkPolicies: sinks.policies };
}

/** The central dashboard: every member region's keys, forwarders and queues, by account. */
export function buildOrganizationDashboard(
    { parent, name, plan, environment }: StackContext,
    organization: OrganizationPlan,
    observability: ObservabilityPlan,
): OrganizationDashboard | undefined {
    if (observability.dashboardName === undefined) {
        return undefined;
    }
    const forwarderRuleNames = organization.forwarding.rules.map((rule) => rule.ruleName);
    return new OrganizationDashboard(
        `${name}-organization-dashboard`,
        {
            dashboardName: observability.dashboardName,
            environment,
            regions: organization.regions.map((region) => ({
                region,
                forwarderRuleNames,
                deadLetterQueueName: observability.memberDeadLetterQueueName,
                warningDays: plan.warningDays,
                requestRates: plan.features.requestQuotaAlarms,
            })),
        },
        { parent },
    );
}

/**
 * The members' half: a StackSet of its own that puts the link in every account of the OUs, in every
 * member region, beside the forwarders' StackSet. A link that fails (a sixth monitoring account, an
 * SCP, an account the sink policy does not admit) fails this StackSet's instance alone, reported as
 * such, and the forwarders stay. It waits for:
 * - the sink policies: a link to a sink whose policy does not admit it yet fails; on a stack with
 *   members already it is the StackSet's template update, not a new instance, that rolls a change
 *   out, so the StackSet waits too;
 * - the forwarders' StackSet: before this version the link was in the forwarders' template, and the
 *   update that takes it out must delete those links before new ones to the same sinks are made (no
 *   page says whether a second link of one account to one sink is refused; waiting avoids finding out).
 */
export function buildLinkStackSet(
    { parent, name, args, environment }: StackContext,
    organization: OrganizationPlan,
    observability: ObservabilityPlan,
    after: { sinks: CentralObservability; forwarders: MemberStackSet },
): MemberStackSet {
    const template = after.sinks.sinkArns.apply((sinkArns) =>
        memberLinkTemplate(
            organization.memberPrefix,
            observability.link,
            sinkArns,
            organization.templateInputs.tags,
        ),
    );
    return new MemberStackSet(
        `${name}-member-link-stack-set`,
        {
            stackSetName: observability.linkStackSetName,
            description:
                "KMS monitoring: every member account and region's observability link to the " +
                "central account's sink",
            templateBody: pulumi.jsonStringify(template),
            callAs: organization.callAs,
            organizationalUnitIds: organization.organizationalUnitIds,
            regions: organization.regions,
            excludedAccountIds: [environment.accountId],
            tags: args.tags,
            rolloutDependsOn: [...after.sinks.sinkPolicies, after.forwarders],
        },
        { parent },
    );
}
