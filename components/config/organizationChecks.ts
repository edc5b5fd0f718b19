import { FORWARDER_RULE_ROLES } from "../forwarding";
import { memberForwarderRoleName, organizationMemberPrefix } from "../organization";
import { EVENT_RULE_NAME_MAX, eventRuleName } from "../shared";
import { duplicates, longestOf, stringsAt, watchedRegions } from "./inputValues";
import { stackNamePrefix } from "./primitives";
import { ParseContext, Problem } from "./types";

/** The organization's OUs and regions against `regions` and the names the member template chooses. */
export function organizationProblems(input: Record<string, unknown>, ctx: ParseContext): Problem[] {
    const organization = input.organization;
    if (typeof organization !== "object" || organization === null || Array.isArray(organization)) {
        return [];
    }
    const problems: Problem[] = [];
    const fields = organization as Record<string, unknown>;
    for (const index of duplicates(stringsAt(fields, "organizationalUnitIds"))) {
        problems.push({
            path: ["organization", "organizationalUnitIds", index],
            message: "is listed twice",
        });
    }
    const watched = watchedRegions(input, ctx);
    const memberRegions = stringsAt(fields, "regions");
    for (const index of duplicates(memberRegions)) {
        problems.push({ path: ["organization", "regions", index], message: "is listed twice" });
    }
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
    const memberPrefix = organizationMemberPrefix(stackNamePrefix(ctx));
    const longestRegion = longestOf(
        (memberRegions.length > 0 ? memberRegions : watched).filter(
            (region): region is string => region !== undefined,
        ),
    );
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
