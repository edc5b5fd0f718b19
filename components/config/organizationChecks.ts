import { FORWARDER_RULE_ROLES } from "../forwarding";
import { memberForwarderRoleName, organizationMemberPrefix } from "../organization";
import { EVENT_RULE_NAME_MAX, eventRuleName, partitionOfRegion } from "../shared";
import { listedTwice, longestOf, stringsAt, watchedRegions } from "./inputValues";
import { OAM_SINK_ARN, stackNamePrefix } from "./primitives";
import { ParseContext, Problem } from "./types";

/** The organization's OUs and regions against `regions` and the names the member template chooses. */
export function organizationProblems(input: Record<string, unknown>, ctx: ParseContext): Problem[] {
    const organization = input.organization;
    if (typeof organization !== "object" || organization === null || Array.isArray(organization)) {
        return [];
    }
    const problems: Problem[] = [];
    const fields = organization as Record<string, unknown>;
    problems.push(
        ...listedTwice(
            ["organization", "organizationalUnitIds"],
            stringsAt(fields, "organizationalUnitIds"),
        ),
    );
    const watched = watchedRegions(input, ctx);
    const memberRegions = stringsAt(fields, "regions");
    problems.push(...listedTwice(["organization", "regions"], memberRegions));
    memberRegions.forEach((region, index) => {
        if (region !== undefined && !watched.includes(region)) {
            problems.push({
                path: ["organization", "regions", index],
                message:
                    `is not in kms-monitoring:regions (${watched.join(", ")}); member regions ` +
                    `must be a subset of the regions the stack watches`,
            });
        }
    });
    const regions = (memberRegions.length > 0 ? memberRegions : watched).filter(
        (region): region is string => region !== undefined,
    );
    problems.push(...sinkArnProblems(fields, regions));
    const memberPrefix = organizationMemberPrefix(stackNamePrefix(ctx));
    const longestRegion = longestOf(regions);
    const longest = longestOf([
        ...FORWARDER_RULE_ROLES.map((role) => eventRuleName(memberPrefix, role)),
        memberForwarderRoleName(memberPrefix, longestRegion),
    ]);
    // EventBridge rule names and IAM role names are both at most 64 characters.
    if (longest.length > EVENT_RULE_NAME_MAX) {
        problems.push({
            path: ["organization"],
            message:
                `makes the member name "${longest}" longer than ${EVENT_RULE_NAME_MAX} ` +
                `characters (rule and IAM role names); use a shorter project or stack name`,
        });
    }
    return problems;
}

/**
 * `sinkArns` against the member regions. A link reaches only a sink in its own region (CloudWatch
 * User Guide, "CloudWatch cross-account observability": it is a regional feature), so each entry
 * must be a sink of the region it is listed under, and that region a member region.
 */
function sinkArnProblems(
    fields: Record<string, unknown>,
    memberRegions: readonly string[],
): Problem[] {
    const sinkArns = fields.sinkArns;
    if (typeof sinkArns !== "object" || sinkArns === null || Array.isArray(sinkArns)) {
        return [];
    }
    const entries = Object.entries(sinkArns as Record<string, unknown>);
    if (fields.observability === false && entries.length > 0) {
        return [
            {
                path: ["organization", "sinkArns"],
                message: "is set but organization.observability is false; remove one of them",
            },
        ];
    }
    return entries.flatMap(([region, arn]): Problem[] => {
        const path = ["organization", "sinkArns", region];
        if (!memberRegions.includes(region)) {
            return [
                {
                    path,
                    message:
                        `is not a member region (${memberRegions.join(", ")}); list a sink ` +
                        "under the member region it is in",
                },
            ];
        }
        const sinkRegion = typeof arn === "string" ? OAM_SINK_ARN.exec(arn)?.[1] : undefined;
        if (sinkRegion !== undefined && sinkRegion !== region) {
            return [
                {
                    path,
                    message:
                        `is a sink in ${sinkRegion}, not in ${region}: a member region's link ` +
                        "can only reach a sink in that same region",
                },
            ];
        }
        const partition = typeof arn === "string" ? arn.split(":")[1] : undefined;
        if (sinkRegion !== undefined && partition !== partitionOfRegion(region)) {
            return [
                { path, message: `is not in ${region}'s partition, ${partitionOfRegion(region)}` },
            ];
        }
        return [];
    });
}
