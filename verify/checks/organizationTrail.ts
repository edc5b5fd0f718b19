import type { VerificationOutput } from "../../components/stack";
import { fail, pass, Subject, VerifyContext, warn } from "../context";
import { describeTrail, findingsIn, Needs, regionVerdict } from "./trailFindings";

/**
 * Part of check 9, with `organization` (`organization-trail`): the member accounts' API calls reach
 * EventBridge only where a trail logs their management events ("To record events with one of the
 * CloudTrail detail-type values, you must enable a CloudTrail trail with logging", EventBridge User
 * Guide). Their heartbeats prove the path rule, role, bus, not the trail. So in each member region
 * whose calls the member forwarders watch, an organization trail (IsOrganizationTrail), which
 * this account sees as a shadow trail, must be logging and record KMS management events (read-only
 * ones too when a read-only call is watched), judged as the trail check judges this account's
 * (trailFindings.ts). An organization trail whose status or selectors this account may not read
 * (one of the management account's, seen from a member) is a WARN: only its owner can tell.
 */

/**
 * What the member accounts' trail must record, per member region. Outputs of a deploy before
 * organization.memberTrail are read as asking each member region for what the stack's own trail
 * records.
 */
function memberNeeds(expected: VerificationOutput): Needs[] {
    const organization = expected.organization;
    if (organization === undefined) return [];
    return (
        organization.memberTrail ??
        organization.regions.map((region) => ({
            region,
            readEvents: expected.trail.readEvents,
            writeEvents: expected.trail.writeEvents,
        }))
    ).filter((needs) => needs.readEvents || needs.writeEvents);
}

const FROM_MANAGEMENT =
    "from the organization's management account (or CloudTrail's delegated administrator)";

function judgeMemberRegion(
    ctx: VerifyContext,
    needs: Needs,
    subject: Subject,
    verdict: ReturnType<typeof regionVerdict>,
) {
    const events = needs.readEvents
        ? "management events, read-only ones included"
        : "management events";
    if (verdict.kind === "covered") {
        pass(
            ctx,
            { ...subject, resource: verdict.names },
            "logs the member accounts' KMS management events their forwarders need",
        );
    } else if (verdict.kind === "unreadable") {
        warn(
            ctx,
            { ...subject, resource: describeTrail(verdict.trail) },
            "covers the member accounts here, but this account cannot read its status or " +
                "selectors: it cannot tell whether their API-call alerts can fire",
            `check ${FROM_MANAGEMENT} that it is logging and records KMS ${events}: ` +
                `aws cloudtrail get-trail-status --name ${verdict.trail.TrailARN} and ` +
                `aws cloudtrail get-event-selectors --trail-name ${verdict.trail.TrailARN}`,
        );
    } else if (verdict.kind === "short") {
        fail(
            ctx,
            subject,
            `the member accounts' API-call alerts in ${needs.region} cannot fire: ${verdict.problems}`,
            `${FROM_MANAGEMENT}: ${verdict.fix}`,
        );
    } else if (verdict.kind === "none") {
        fail(
            ctx,
            subject,
            `no organization trail logs the member accounts' management events in ${needs.region}: ` +
                "their API-call alerts cannot fire",
            `${FROM_MANAGEMENT}, create an organization trail that logs ${events} in every ` +
                "member region, kms.amazonaws.com not excluded (docs/organization.md)",
        );
    }
}

export async function checkOrganizationTrail(ctx: VerifyContext): Promise<void> {
    for (const needs of memberNeeds(ctx.expected)) {
        ctx.report.progress(`organization trail in ${needs.region}...`);
        const subject: Subject = {
            id: "organization-trail",
            region: needs.region,
            resource: "member accounts' KMS management events",
        };
        const findings = await findingsIn(
            ctx,
            subject,
            (trail) => trail.IsOrganizationTrail === true,
        );
        if (findings !== undefined) {
            judgeMemberRegion(ctx, needs, subject, regionVerdict(needs, findings));
        }
    }
}
