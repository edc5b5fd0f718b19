/**
 * The cost estimate of `npm run plan`: the resources the mock run registered, priced by
 * components/cost; what member accounts add (every StackSet's template, the silent-member alarm and
 * metric) priced per member account and region by the program's own memberShare, for
 * `--member-accounts <n>` accounts in each member region. The silent-member alarms and the heartbeat
 * filter the mock run registered for its few accounts are left out of the stack's own items.
 */
import {
    CostEstimate,
    estimateCost,
    formatUsd,
    RegionalResource,
    usageFacts,
} from "../components/cost";
import { MEMBER_HEARTBEAT_DIMENSIONS } from "../components/organization";
import { memberShare, MemberShareInput } from "../components/stack/memberCost";
import type { RecordedResource } from "./mockRuntime";

/** What the plan knows that the estimate needs. */
export interface CostSource {
    readonly homeRegion: string;
    readonly recorded: readonly RecordedResource[];
    readonly outputs: Record<string, unknown>;
}

interface VerificationView {
    alarms?: { name: string; kind: string }[];
    organization?: { regions: string[]; observability?: unknown };
}

const STACK_SET = "aws:cloudformation/stackSet:StackSet";

/** The member heartbeats' metric filter: one custom metric per member account and region. */
function isMemberHeartbeatFilter(resource: RegionalResource): boolean {
    const transformation = resource.properties.metricTransformation as
        { dimensions?: Record<string, string> } | undefined;
    return (
        resource.type === "aws:cloudwatch/logMetricFilter:LogMetricFilter" &&
        Object.keys(transformation?.dimensions ?? {})
            .sort()
            .join() === Object.keys(MEMBER_HEARTBEAT_DIMENSIONS).sort().join()
    );
}

/** A StackSet's template, as the member accounts get it. */
function template(stackSet: RegionalResource): MemberShareInput["templates"][number] {
    return JSON.parse(String(stackSet.properties.templateBody));
}

export function costOfPlan(source: CostSource, memberAccounts: number): CostEstimate {
    const all: RegionalResource[] = source.recorded.map((resource) => ({
        type: resource.type,
        properties: resource.inputs,
        region:
            typeof resource.inputs.region === "string" ? resource.inputs.region : source.homeRegion,
    }));
    const verification = (source.outputs.verification ?? {}) as VerificationView;
    // Named only at deploy time, one per member account and region the mocks answer with.
    const silent = new Set(
        (verification.alarms ?? [])
            .filter((alarm) => alarm.kind === "silent-member")
            .map((alarm) => alarm.name),
    );
    const isSilent = (resource: RegionalResource) => silent.has(String(resource.properties.name));
    const perMember = (resource: RegionalResource) =>
        isSilent(resource) || isMemberHeartbeatFilter(resource);
    const stackSets = all.filter((resource) => resource.type === STACK_SET);
    const organization = verification.organization;
    const members =
        organization === undefined
            ? undefined
            : memberShare({
                  templates: stackSets.map(template),
                  observability: organization.observability !== undefined,
                  accounts: memberAccounts,
                  regions: organization.regions,
                  centralRegion: source.homeRegion,
              });
    const resources = all.filter((resource) => !perMember(resource));
    return estimateCost({
        resources,
        members,
        usage: usageFacts(resources, source.homeRegion, members !== undefined),
    });
}

const usd = formatUsd;

/** The estimate as `npm run plan` prints it: the total, by region, the three largest items first. */
export function costLines(estimate: CostEstimate): string[] {
    const byRegion = new Map<string, number>();
    for (const item of estimate.items) {
        byRegion.set(item.region, (byRegion.get(item.region) ?? 0) + item.monthlyUsd);
    }
    const line = (entry: CostEstimate["items"][number]) =>
        `  ${usd(entry.monthlyUsd).padStart(9)}  ${entry.count} × ${usd(entry.unitUsd)}  ${entry.what} [${entry.region}]`;
    const largest = estimate.items.slice(0, 3);
    return [
        `Monthly cost estimate (USD, ${estimate.priceRegion} list prices of ${estimate.priceDate}): about ${usd(estimate.monthlyUsd)} a month fixed`,
        "  largest:",
        ...largest.map(line),
        "  by region:",
        ...[...byRegion].map(([region, amount]) => `  ${usd(amount).padStart(9)}  ${region}`),
        ...(estimate.perMemberAccountAndRegionUsd === undefined
            ? []
            : [
                  `  ${usd(estimate.perMemberAccountAndRegionUsd).padStart(9)}  per member account and region ` +
                      `(priced for ${estimate.memberAccounts} account(s) in each member region: --member-accounts <n>)`,
              ]),
        "  every item:",
        ...estimate.items.slice(3).map(line),
        "  per use, not included:",
        ...estimate.perUse.map(
            (entry) => `  ${usd(entry.unitUsd).padStart(9)}  per ${entry.unit}: ${entry.what}`,
        ),
        "  assumptions:",
        ...estimate.assumptions.map((assumption) => `    - ${assumption}`),
    ];
}
