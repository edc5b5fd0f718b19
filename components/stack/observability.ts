import * as pulumi from "@pulumi/pulumi";
import { OrganizationDashboard } from "../dashboard";
import { ObservabilitySinks } from "../organization";
import { accountOfArn } from "../shared";
import type { StackContext } from "./context";
import type { ObservabilityPlan, OrganizationPlan } from "./organizationPlan";

/** The central account's half of cross-account observability. */
export interface CentralObservability {
    /** Every member region's sink, created or reused. */
    readonly sinkArns: pulumi.Output<Record<string, string>>;
    /** What the StackSet instances wait for: the sinks' policies, which the first links need. */
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
