import * as pulumi from "@pulumi/pulumi";
import { costWarning, estimateCost, MemberShare, PricedInput } from "../cost";
import {
    CloudFormationTemplate,
    ExpectedMember,
    MEMBER_HEARTBEAT_DIMENSIONS,
    silentMemberAlarmSettings,
} from "../organization";
import type { StackContext } from "./context";
import type { OrganizationPlan } from "./organizationPlan";

/** What the member accounts and the central account hold per member account and region. */
export interface MemberShareInput {
    /** The templates every member account gets in every member region (the StackSets' bodies). */
    readonly templates: readonly Pick<CloudFormationTemplate, "Resources">[];
    /** With observability: a silent-member alarm and a heartbeat metric per account and region. */
    readonly observability: boolean;
    readonly accounts: number;
    readonly regions: readonly string[];
    readonly centralRegion: string;
}

/**
 * What one member account and region costs, for the estimate of `npm run plan` and for the warning
 * of `pulumi up`: the templates' resources in the member account, and with observability the
 * silent-member alarm (built with these settings) and the heartbeats' metric, one per account and
 * region of its Account and Region dimensions, here.
 */
export function memberShare(input: MemberShareInput): MemberShare {
    const central: PricedInput[] = input.observability
        ? [
              {
                  type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                  properties: silentMemberAlarmSettings(),
              },
              {
                  type: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
                  properties: { metricTransformation: { dimensions: MEMBER_HEARTBEAT_DIMENSIONS } },
              },
          ]
        : [];
    return {
        accounts: input.accounts,
        regions: input.regions,
        template: input.templates.flatMap((template) =>
            Object.values(template.Resources).map((resource) => ({
                type: resource.Type,
                properties: resource.Properties ?? {},
            })),
        ),
        central,
        centralRegion: input.centralRegion,
    };
}

/**
 * `pulumi up` warns when the member accounts' share of the cost is past the threshold: it grows with
 * every account under the OUs, which is known only once the Organizations invokes answer (in preview
 * too). `npm run plan` warns on the whole estimate, with `--member-accounts`. The links' template
 * is left out: it has nothing billed.
 */
export function warnAboutMemberCost(
    { parent, environment }: StackContext,
    organization: OrganizationPlan,
    template: pulumi.Output<CloudFormationTemplate>,
    members: pulumi.Output<ExpectedMember[]>,
): void {
    pulumi.all([template, members, environment]).apply(([forwarders, expected, env]) => {
        const estimate = estimateCost({
            resources: [],
            members: memberShare({
                templates: [forwarders],
                observability: organization.observability !== undefined,
                accounts: expected.length,
                regions: organization.regions,
                centralRegion: env.region,
            }),
        });
        const warning = costWarning(estimate, `${expected.length} member accounts`);
        if (warning !== undefined) {
            void pulumi.log.warn(warning, parent);
        }
    });
}
