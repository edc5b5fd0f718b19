import {
    DescribeTrailsCommand,
    GetEventSelectorsCommand,
    GetTrailStatusCommand,
    Trail,
} from "@aws-sdk/client-cloudtrail";
import type { VerificationTrail } from "../../components/stack";
import { attempt, fail, pass, reportError, Subject, VerifyContext, warn } from "../context";
import { Coverage, selectorCoverage } from "./trailSelectors";

/**
 * Check 3: in every region whose KMS API calls a rule watches, logging trails record them.
 * "To record events with a detail-type value of AWS API Call via CloudTrail, a CloudTrail trail with
 * logging enabled is required" (EventBridge User Guide, "Tutorial: Create an Amazon EventBridge rule
 * for AWS CloudTrail API calls"). The trail can be any of the account's: the stack's own, another
 * multi-region one, or an organization trail, which a member account sees only as a shadow trail
 * (DescribeTrails, includeShadowTrails) whose status GetTrailStatus gives only by its full ARN.
 * Each region needs what its own rules watch (the verification output's trail.perRegion): read-only
 * events only where a rule that receives that region's calls watches a read-only operation. Every
 * trail that logs delivers its events to EventBridge, so two trails that each record half (one
 * read-only, one write) record everything together.
 */

type Needs = VerificationTrail["perRegion"][number];

/** What one trail gives a region: what it records, or why it gives nothing. */
type Finding =
    | { readonly kind: "records"; readonly trail: Trail; readonly coverage: Coverage }
    | { readonly kind: "stopped"; readonly trail: Trail }
    /** An organization trail of another account, whose settings this account may not read. */
    | { readonly kind: "unreadable"; readonly trail: Trail }
    /** A read that failed, which reportError has reported. */
    | { readonly kind: "error" };

const describe = (trail: Trail) =>
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
        reportError(ctx, { id: "trail", region, resource: describe(trail) }, "cloudtrail", error);
        return { kind: "error" };
    }
}

/** Why one trail does not give the region what it needs, or undefined when it gives its share. */
function shortfall(finding: Finding, needs: Needs): string | undefined {
    if (finding.kind === "stopped") {
        return `${describe(finding.trail)} is not logging, so no KMS API call reaches EventBridge`;
    }
    if (finding.kind !== "records") {
        return undefined;
    }
    const { coverage, trail } = finding;
    if (coverage.excludesKms) {
        return `${describe(trail)} excludes kms.amazonaws.com from its management events`;
    }
    const missing = [
        ...(needs.readEvents && !coverage.read ? ["read-only"] : []),
        ...(needs.writeEvents && !coverage.write ? ["write"] : []),
    ];
    return missing.length === 0
        ? undefined
        : `${describe(trail)} does not record ${missing.join(" or ")} KMS management events, ` +
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

function judgeRegion(ctx: VerifyContext, needs: Needs, findings: readonly Finding[]): void {
    const subject: Subject = {
        id: "trail",
        region: needs.region,
        resource: "KMS management events",
    };
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
            .map((finding) => describe(finding.trail))
            .join(" and ");
        pass(ctx, { ...subject, resource: names }, "logs the KMS management events the rules need");
        return;
    }
    const unreadable = findings.find((finding) => finding.kind === "unreadable");
    const problems = findings.flatMap((finding) => shortfall(finding, needs) ?? []);
    if (unreadable?.kind === "unreadable") {
        warn(
            ctx,
            subject,
            `${describe(unreadable.trail)} covers this region, ` +
                "but this account cannot read its status or selectors",
            `check in ${unreadable.trail.HomeRegion ?? "its home region"} of the ` +
                "account that owns it that it logs KMS management events",
        );
    } else if (problems.length > 0) {
        fail(ctx, subject, problems.join("; "), trailFix(findings, needs.region));
    } else if (!findings.some((finding) => finding.kind === "error")) {
        fail(
            ctx,
            subject,
            "no trail records management events here, so the rules on KMS API calls never fire",
            "set kms-monitoring:auditTrail.create: true and run pulumi up, or create a multi-region trail",
        );
    }
}

async function checkRegion(ctx: VerifyContext, needs: Needs): Promise<void> {
    const { region } = needs;
    const subject: Subject = { id: "trail", region, resource: "KMS management events" };
    const described = await attempt(ctx, subject, "cloudtrail", () =>
        ctx.aws.cloudTrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true })),
    );
    if (described === undefined) {
        return;
    }
    const covering = (described.trailList ?? []).filter(
        (trail) => trail.IsMultiRegionTrail || trail.HomeRegion === region,
    );
    const findings: Finding[] = [];
    for (const trail of covering) {
        findings.push(await findingOf(ctx, region, trail));
    }
    judgeRegion(ctx, needs, findings);
}

/**
 * What each region needs. Outputs of a deploy before trail.perRegion said it for every region at
 * once; those are read as they were meant then.
 */
export function regionNeeds(trail: VerificationTrail): Needs[] {
    return (
        trail.perRegion ??
        trail.regions.map((region) => ({
            region,
            readEvents: trail.readEvents,
            writeEvents: trail.writeEvents,
        }))
    );
}

export async function checkTrails(ctx: VerifyContext): Promise<void> {
    for (const needs of regionNeeds(ctx.expected.trail)) {
        ctx.report.progress(`trails in ${needs.region}...`);
        await checkRegion(ctx, needs);
    }
}
