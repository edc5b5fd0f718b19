import {
    DescribeTrailsCommand,
    GetEventSelectorsCommand,
    GetTrailStatusCommand,
    Trail,
} from "@aws-sdk/client-cloudtrail";
import type { VerificationTrailRegion } from "../../components/stack";
import { attempt, reportError, Subject, VerifyContext } from "../context";
import { Coverage, selectorCoverage } from "./trailSelectors";

/**
 * What the trails of a region give it, for the trail check (trails.ts) and the organization's
 * (organizationTrail.ts): each trail's status and selectors, and whether together they record the
 * KMS management events the region needs. Every trail that logs delivers its events to
 * EventBridge, so two trails that each record half (one read-only, one write) record everything
 * together. An organization trail is seen in a member account as a shadow trail (DescribeTrails,
 * includeShadowTrails) whose status GetTrailStatus gives only by its full ARN.
 */

/** What one region's trails must record. */
export type Needs = VerificationTrailRegion;

/** What one trail gives a region: what it records, or why it gives nothing. */
export type Finding =
    | { readonly kind: "records"; readonly trail: Trail; readonly coverage: Coverage }
    | { readonly kind: "stopped"; readonly trail: Trail }
    /** An organization trail of another account, whose settings this account may not read. */
    | { readonly kind: "unreadable"; readonly trail: Trail }
    /** A read that failed, which reportError has reported. */
    | { readonly kind: "error" };

export const describeTrail = (trail: Trail) =>
    `${trail.IsOrganizationTrail ? "organization trail" : "trail"} ${trail.Name}` +
    (trail.HomeRegion ? ` (home ${trail.HomeRegion})` : "");

/** The account in a trail's ARN (arn:partition:cloudtrail:region:account:trail/name). */
const ownerOf = (trail: Trail) => (trail.TrailARN ?? "").split(":")[4];

/**
 * What the trail gives the region. Only an organization trail that another account owns may be
 * unreadable here: a member account sees its shadow, and no AWS page says that it may read its
 * status or selectors. Any other failed read is reported as every check's is.
 */
async function findingOf(ctx: VerifyContext, region: string, trail: Trail): Promise<Finding> {
    const client = ctx.aws.cloudTrail(region);
    const name = trail.TrailARN ?? trail.Name ?? "";
    try {
        const status = await client.send(new GetTrailStatusCommand({ Name: name }));
        if (!status.IsLogging) {
            return { kind: "stopped", trail };
        }
        const selectors = await client.send(new GetEventSelectorsCommand({ TrailName: name }));
        return {
            kind: "records",
            trail,
            coverage: selectorCoverage(selectors.EventSelectors, selectors.AdvancedEventSelectors),
        };
    } catch (error) {
        if (trail.IsOrganizationTrail && ownerOf(trail) !== ctx.expected.account) {
            return { kind: "unreadable", trail };
        }
        reportError(
            ctx,
            { id: "trail", region, resource: describeTrail(trail) },
            "cloudtrail",
            error,
        );
        return { kind: "error" };
    }
}

/** Why one trail does not give the region what it needs, or undefined when it gives its share. */
function shortfall(finding: Finding, needs: Needs): string | undefined {
    if (finding.kind === "stopped") {
        return `${describeTrail(finding.trail)} is not logging, so no KMS API call reaches EventBridge`;
    }
    if (finding.kind !== "records") {
        return undefined;
    }
    const { coverage, trail } = finding;
    if (coverage.excludesKms) {
        return `${describeTrail(trail)} excludes kms.amazonaws.com from its management events`;
    }
    const missing = [
        ...(needs.readEvents && !coverage.read ? ["read-only"] : []),
        ...(needs.writeEvents && !coverage.write ? ["write"] : []),
    ];
    return missing.length === 0
        ? undefined
        : `${describeTrail(trail)} does not record ${missing.join(" or ")} KMS management events, ` +
              "which the rules here watch";
}

function trailFix(findings: readonly Finding[], region: string): string {
    const stopped = findings.find((finding) => finding.kind === "stopped");
    if (stopped?.kind === "stopped") {
        const { trail } = stopped;
        return (
            `aws cloudtrail start-logging --name ${trail.TrailARN ?? trail.Name} ` +
            `--region ${trail.HomeRegion ?? region}`
        );
    }
    if (findings.some((finding) => finding.kind === "records" && finding.coverage.excludesKms)) {
        return (
            "remove kms.amazonaws.com from ExcludeManagementEventSources " +
            "or the eventSource NotEquals of its selector"
        );
    }
    return "record management events with ReadWriteType All (or an advanced selector without readOnly)";
}

/** How a region's trails serve what it needs. */
export type RegionVerdict =
    /** Trails that log the KMS management events it needs: their names. */
    | { readonly kind: "covered"; readonly names: string }
    /** An organization trail of another account covers it, but this account cannot read it. */
    | { readonly kind: "unreadable"; readonly trail: Trail }
    /** Why the trails there fall short, and what to do. */
    | { readonly kind: "short"; readonly problems: string; readonly fix: string }
    /** No trail records management events there. */
    | { readonly kind: "none" }
    /** A read failed, which reportError has reported. */
    | { readonly kind: "error" };

export function regionVerdict(needs: Needs, findings: readonly Finding[]): RegionVerdict {
    const recording = findings.filter((finding) => finding.kind === "records");
    const read = recording.some((finding) => finding.coverage.read);
    const write = recording.some((finding) => finding.coverage.write);
    if ((read || !needs.readEvents) && (write || !needs.writeEvents) && recording.length > 0) {
        const useful = recording.filter(
            (finding) =>
                (needs.readEvents && finding.coverage.read) ||
                (needs.writeEvents && finding.coverage.write),
        );
        const names = (useful.length > 0 ? useful : recording)
            .map((finding) => describeTrail(finding.trail))
            .join(" and ");
        return { kind: "covered", names };
    }
    const unreadable = findings.find((finding) => finding.kind === "unreadable");
    const problems = findings.flatMap((finding) => shortfall(finding, needs) ?? []);
    if (unreadable?.kind === "unreadable") {
        return { kind: "unreadable", trail: unreadable.trail };
    }
    if (problems.length > 0) {
        return {
            kind: "short",
            problems: problems.join("; "),
            fix: trailFix(findings, needs.region),
        };
    }
    return findings.some((finding) => finding.kind === "error")
        ? { kind: "error" }
        : { kind: "none" };
}

/**
 * The trails DescribeTrails shows in the subject's region, shadow trails included, that cover it
 * (multi-region, or at home there) and that `keep` keeps, each with what it gives the region;
 * undefined when DescribeTrails failed, which is reported.
 */
export async function findingsIn(
    ctx: VerifyContext,
    subject: Subject,
    keep: (trail: Trail) => boolean = () => true,
): Promise<Finding[] | undefined> {
    const { region } = subject;
    const described = await attempt(ctx, subject, "cloudtrail", () =>
        ctx.aws.cloudTrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true })),
    );
    if (described === undefined) {
        return undefined;
    }
    const covering = (described.trailList ?? []).filter(
        (trail) => (trail.IsMultiRegionTrail || trail.HomeRegion === region) && keep(trail),
    );
    const findings: Finding[] = [];
    for (const trail of covering) {
        findings.push(await findingOf(ctx, region, trail));
    }
    return findings;
}
