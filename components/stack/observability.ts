import * as pulumi from "@pulumi/pulumi";
import { OrganizationDashboard } from "../dashboard";
import { ObservabilitySinks } from "../organization";
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
 * A sink per member region (unless reused) and its policy. A reused sink of another account is
 * worth a warning: the config check cannot know this account, and the central dashboard, whose
 * queries see only the accounts linked to this account's sinks, would stay empty in that region.
 */
export function buildSinks(
    { parent, name, args, environment }: StackContext,
    organization: OrganizationPlan,
    observability: ObservabilityPlan,
): CentralObservability {
    environment.apply(({ accountId }) => {
        for (const [region, arn] of Object.entries(observability.existingSinkArns)) {
            if (arn.split(":")[4] !== accountId) {
                void pulumi.log.warn(
                    `kms-monitoring:organization.sinkArns.${region} is a sink of account ` +
                        `${arn.split(":")[4]}, not of this account (${accountId}); the members link ` +
                        "to it, but the central dashboard cannot show them in that region",
                );
            }
        }
    });
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
    return new OrganizationDashboard(
        `${name}-organization-dashboard`,
        {
            dashboardName: observability.dashboardName,
            environment,
            regions: organization.regions.map((region) => ({
                region,
                forwarderRuleNames: organization.forwarding.rules.map((rule) => rule.ruleName),
                deadLetterQueueName: observability.memberDeadLetterQueueName,
                warningDays: plan.warningDays,
            })),
        },
        { parent },
    );
}
