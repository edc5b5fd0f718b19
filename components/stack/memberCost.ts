import * as pulumi from "@pulumi/pulumi";
import { costWarning, estimateCost, MemberShare, PricedInput } from "../cost";
import {
    ExpectedMember,
    MEMBER_HEARTBEAT_DIMENSIONS,
    memberTemplate,
    silentMemberAlarmSettings,
} from "../organization";
import type { StackContext } from "./context";
import type { OrganizationPlan } from "./organizationPlan";

/**
 * What one member account and region costs every month, as the estimate of `npm run plan` prices it:
 * the forwarders' template in the member account (the link's has nothing billed), and with
 * observability its silent-member alarm and heartbeat metric here.
 */
export function memberShare(
    organization: OrganizationPlan,
    busArn: string,
    accounts: number,
    centralRegion: string,
): MemberShare {
    const template = memberTemplate(organization.templateInputs, busArn, organization.forwarding);
    const central: PricedInput[] =
        organization.observability === undefined
            ? []
            : [
                  {
                      type: "aws:cloudwatch/metricAlarm:MetricAlarm",
                      properties: silentMemberAlarmSettings(),
                  },
                  {
                      type: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
                      properties: {
                          metricTransformation: { dimensions: MEMBER_HEARTBEAT_DIMENSIONS },
                      },
                  },
              ];
    return {
        accounts,
        regions: organization.regions,
        template: Object.values(template.Resources).map((resource) => ({
            type: resource.Type,
            properties: resource.Properties ?? {},
        })),
        central,
        centralRegion,
    };
}

/**
 * `pulumi up` warns when the member accounts' share of the cost is past the threshold: it grows with
 * every account under the OUs, which is known only once the Organizations invokes answer (in preview
 * too). `npm run plan` warns on the whole estimate, with `--member-accounts`.
 */
export function warnAboutMemberCost(
    { parent, environment }: StackContext,
    organization: OrganizationPlan,
    busArn: pulumi.Output<string>,
    members: pulumi.Output<ExpectedMember[]>,
): void {
    pulumi.all([busArn, members, environment]).apply(([arn, expected, env]) => {
        const estimate = estimateCost({
            resources: [],
            members: memberShare(organization, arn, expected.length, env.region),
        });
        const warning = costWarning(estimate, `${expected.length} member accounts`);
        if (warning !== undefined) {
            void pulumi.log.warn(warning, parent);
        }
    });
}
