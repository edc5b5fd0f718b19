import { watchedKeyRegion } from "../alarms";
import { FORWARDER_RULE_ROLES, HEARTBEAT_RULE_ROLE } from "../forwarding";
import {
    EVENT_RULE_NAME_MAX,
    eventRuleName,
    partitionOfRegion,
    PARTITIONS_WITHOUT_CROSS_REGION_ROUTING,
} from "../shared";
import {
    apiCallAlertProblems,
    callerAccountWarnings,
    eventAlertProblems,
    pendingDeletionWarnings,
} from "./apiCallChecks";
import { channelProblems } from "./channelChecks";
import { listedTwice, longestOf, stringsAt, watchedRegions } from "./inputValues";
import { organizationProblems } from "./organizationChecks";
import { DAY_MS, stackNamePrefix } from "./primitives";
import { ApiCallAlert, ImportedKeyConfig, ParseContext, Problem } from "./types";

/**
 * Checks that span several keys. They run on the decoded input even when single values are
 * invalid, so that one run reports every problem.
 */
export function crossFieldProblems(input: Record<string, unknown>, ctx: ParseContext): Problem[] {
    const problems: Problem[] = [];
    problems.push(
        ...listedTwice(["alertEmails"], stringsAt(input, "alertEmails"), (email) =>
            email.toLowerCase(),
        ),
    );
    problems.push(...apiCallAlertProblems(input, ctx), ...eventAlertProblems(input, ctx));
    const watched = stringsAt(input, "watchedKeys");
    problems.push(...listedTwice(["regions"], stringsAt(input, "regions")));
    problems.push(...listedTwice(["watchedKeys"], watched));
    const importedKey = input.importedKey as Record<string, unknown> | undefined;
    const importedAlias = typeof importedKey?.alias === "string" ? importedKey.alias : undefined;
    watched.forEach((ref, index) => {
        if (ref !== undefined && ref === importedAlias) {
            problems.push({
                path: ["watchedKeys", index],
                message: "is the stack's own importedKey, which is already watched",
            });
        }
    });
    problems.push(...regionProblems(input, ctx, watched));
    problems.push(...organizationProblems(input, ctx));
    problems.push(...channelProblems(input, ctx));
    if (input.importedKeyMaterial !== undefined && importedKey === undefined) {
        problems.push({
            path: ["importedKeyMaterial"],
            message: "is set but importedKey is not; set importedKey.alias to create the key",
        });
    }
    return problems;
}

/** `regions` against the home region, the partitions, the rule-name limit and the watched keys. */
function regionProblems(
    input: Record<string, unknown>,
    ctx: ParseContext,
    watched: readonly (string | undefined)[],
): Problem[] {
    const home = ctx.homeRegion;
    const explicit = Array.isArray(input.regions);
    const regions = watchedRegions(input, ctx);
    const problems: Problem[] = [];
    if (explicit && home === undefined && regions.length > 0) {
        problems.push({
            path: ["regions"],
            message:
                "needs the home region: set aws:region (pulumi config set aws:region " +
                "<region>); the topic and the alert rules live there",
        });
    }
    if (explicit && home !== undefined && !regions.includes(home)) {
        problems.push({
            path: ["regions"],
            message:
                `does not contain the home region ${home} (aws:region), where the topic and the ` +
                `alert rules live: add "${home}"`,
        });
    }
    regions.forEach((region, index) => {
        if (region !== undefined && home !== undefined && region !== home) {
            problems.push(...otherRegionProblems(ctx, home, region, index));
        }
    });
    watched.forEach((reference, index) => {
        const region = reference === undefined ? undefined : watchedKeyRegion(reference, home);
        if (region !== undefined && regions.length > 0 && !regions.includes(region)) {
            problems.push({
                path: ["watchedKeys", index],
                message:
                    `is in ${region}, which kms-monitoring:regions does not list; add ${region} ` +
                    `to regions, or its expiry alarm has nowhere to live`,
            });
        }
    });
    return problems;
}

/** A watched region other than home: same partition, cross-Region routing, rule names that fit. */
function otherRegionProblems(
    ctx: ParseContext,
    home: string,
    region: string,
    index: number,
): Problem[] {
    const prefix = stackNamePrefix(ctx);
    const problems: Problem[] = [];
    const partition = partitionOfRegion(region);
    if (partition !== partitionOfRegion(home)) {
        problems.push({
            path: ["regions", index],
            message:
                `is in partition ${partition}, the home region ${home} in ` +
                `${partitionOfRegion(home)}; EventBridge cannot forward events between ` +
                `partitions`,
        });
    } else if (PARTITIONS_WITHOUT_CROSS_REGION_ROUTING.includes(partition)) {
        problems.push({
            path: ["regions", index],
            message:
                `cannot be watched from ${home}: EventBridge has no cross-Region event ` +
                `routing in ${partition} (AWS GovCloud (US) and China); deploy one stack per ` +
                `region there`,
        });
    }
    const longest = longestOf(
        [...FORWARDER_RULE_ROLES, `${HEARTBEAT_RULE_ROLE}-${region}`].map((role) =>
            eventRuleName(prefix, role),
        ),
    );
    if (longest.length > EVENT_RULE_NAME_MAX) {
        problems.push({
            path: ["regions", index],
            message:
                `makes the forwarding rule name "${longest}" longer than ` +
                `${EVENT_RULE_NAME_MAX} characters; use a shorter project or stack name`,
        });
    }
    return problems;
}

/** Valid settings that still deserve a word before deploying. */
export function configWarnings(
    config: {
        apiCallAlerts: readonly ApiCallAlert[];
        importedKey?: ImportedKeyConfig;
        expiryWarningDays: number;
    } & Parameters<typeof pendingDeletionWarnings>[0],
    ctx: ParseContext,
): string[] {
    return [
        ...validToWarnings(config, ctx),
        ...callerAccountWarnings(config.apiCallAlerts, ctx.project),
        ...pendingDeletionWarnings(config, ctx),
    ];
}

function validToWarnings(
    config: { importedKey?: ImportedKeyConfig; expiryWarningDays: number },
    ctx: ParseContext,
): string[] {
    const validTo = config.importedKey?.validTo;
    if (validTo === undefined) {
        return [];
    }
    const daysLeft = (Date.parse(validTo) - ctx.now.getTime()) / DAY_MS;
    if (daysLeft > config.expiryWarningDays) {
        return [];
    }
    return [
        `${ctx.project}:importedKey.validTo (${validTo}) is ${Math.floor(daysLeft)} days ` +
            `away, within expiryWarningDays (${config.expiryWarningDays}): ` +
            "its expiry alarm will fire as soon as KMS publishes the metric.",
    ];
}
