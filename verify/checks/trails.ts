import type { VerificationTrail } from "../../components/stack";
import { fail, pass, Subject, VerifyContext, warn } from "../context";
import { describeTrail, Finding, findingsIn, Needs, regionVerdict } from "./trailFindings";

/**
 * Check 3: in every region whose KMS API calls a rule watches, logging trails record them.
 * "To record events with a detail-type value of AWS API Call via CloudTrail, a CloudTrail trail with
 * logging enabled is required" (EventBridge User Guide, "Tutorial: Create an Amazon EventBridge rule
 * for AWS CloudTrail API calls"). The trail can be any of the account's: the stack's own, another
 * multi-region one, or an organization trail (what each gives: trailFindings.ts). Each region
 * needs what its own rules watch (the verification output's trail.perRegion): read-only events
 * only where a rule that receives that region's calls watches a read-only operation.
 */

function judgeRegion(ctx: VerifyContext, needs: Needs, findings: readonly Finding[]): void {
    const subject: Subject = {
        id: "trail",
        region: needs.region,
        resource: "KMS management events",
    };
    const verdict = regionVerdict(needs, findings);
    if (verdict.kind === "covered") {
        pass(
            ctx,
            { ...subject, resource: verdict.names },
            "logs the KMS management events the rules need",
        );
    } else if (verdict.kind === "unreadable") {
        warn(
            ctx,
            subject,
            `${describeTrail(verdict.trail)} covers this region, ` +
                "but this account cannot read its status or selectors",
            `check in ${verdict.trail.HomeRegion ?? "its home region"} of the ` +
                "account that owns it that it logs KMS management events",
        );
    } else if (verdict.kind === "short") {
        fail(ctx, subject, verdict.problems, verdict.fix);
    } else if (verdict.kind === "none") {
        fail(
            ctx,
            subject,
            "no trail records management events here, so the rules on KMS API calls never fire",
            "set kms-monitoring:auditTrail.create: true and run pulumi up, or create a multi-region trail",
        );
    }
}

async function checkRegion(ctx: VerifyContext, needs: Needs): Promise<void> {
    const subject: Subject = {
        id: "trail",
        region: needs.region,
        resource: "KMS management events",
    };
    const findings = await findingsIn(ctx, subject);
    if (findings !== undefined) {
        judgeRegion(ctx, needs, findings);
    }
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
