import {
    DescribeTrailsCommand,
    GetEventSelectorsCommand,
    GetTrailStatusCommand,
    Trail,
} from "@aws-sdk/client-cloudtrail";
import { endpointOf } from "../clients";
import { attempt, fail, pass, Subject, VerifyContext, warn } from "../context";
import { environmentErrorOf } from "../errors";
import { selectorCoverage } from "./trailSelectors";

/**
 * Check 3: in every region whose KMS API calls a rule watches, a logging trail records them.
 * "To record events with a detail-type value of AWS API Call via CloudTrail, a CloudTrail trail with
 * logging enabled is required" (EventBridge User Guide, "Tutorial: Create an Amazon EventBridge rule
 * for AWS CloudTrail API calls"). The trail can be any of the account's: the stack's own, another
 * multi-region one, or an organization trail, which a member account sees only as a shadow trail
 * (DescribeTrails, includeShadowTrails) whose status GetTrailStatus gives only by its full ARN.
 */

/** What one trail means for a region: fine, a problem, or unknown (an organization trail's settings). */
type Verdict =
    | { readonly kind: "ok"; readonly what: string }
    | { readonly kind: "problem" | "unknown"; readonly message: string; readonly fix: string };

const describe = (trail: Trail) =>
    `${trail.IsOrganizationTrail ? "organization trail" : "trail"} ${trail.Name}` +
    (trail.HomeRegion ? ` (home ${trail.HomeRegion})` : "");

/** Runs a call on a trail; "unreadable" when this account may not read it (an organization trail). */
async function readTrail<T>(region: string, call: () => Promise<T>): Promise<T | "unreadable"> {
    try {
        return await call();
    } catch (error) {
        const environment = environmentErrorOf(error, endpointOf("cloudtrail", region));
        if (environment !== undefined) {
            throw environment;
        }
        return "unreadable";
    }
}

async function judge(ctx: VerifyContext, region: string, trail: Trail): Promise<Verdict> {
    const client = ctx.aws.cloudTrail(region);
    const name = trail.TrailARN ?? trail.Name ?? "";
    const status = await readTrail(region, () =>
        client.send(new GetTrailStatusCommand({ Name: name })),
    );
    const selectors = await readTrail(region, () =>
        client.send(new GetEventSelectorsCommand({ TrailName: name })),
    );
    const { readEvents, writeEvents } = ctx.expected.trail;
    if (status === "unreadable" || selectors === "unreadable") {
        return {
            kind: "unknown",
            message: `${describe(trail)} covers this region, but this account cannot read its status or selectors`,
            fix:
                `check in ${trail.HomeRegion ?? "its home region"} of the ` +
                `account that owns it that it logs KMS management events`,
        };
    }
    if (!status.IsLogging) {
        return {
            kind: "problem",
            message: `${describe(trail)} is not logging, so no KMS API call reaches EventBridge`,
            fix: `aws cloudtrail start-logging --name ${name} --region ${trail.HomeRegion ?? region}`,
        };
    }
    const coverage = selectorCoverage(selectors.EventSelectors, selectors.AdvancedEventSelectors);
    const missing = [
        ...(readEvents && !coverage.read ? ["read-only"] : []),
        ...(writeEvents && !coverage.write ? ["write"] : []),
    ];
    if (missing.length > 0) {
        return {
            kind: "problem",
            message: coverage.excludesKms
                ? `${describe(trail)} excludes kms.amazonaws.com from its management events`
                : `${describe(trail)} does not record ${missing.join(" or ")} ` +
                  `KMS management events, which the rules watch`,
            fix: coverage.excludesKms
                ? "remove kms.amazonaws.com from ExcludeManagementEventSources " +
                  "or the eventSource NotEquals of its selector"
                : "record management events with ReadWriteType All (or an advanced selector without readOnly)",
        };
    }
    return { kind: "ok", what: describe(trail) };
}

async function checkRegion(ctx: VerifyContext, region: string): Promise<void> {
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
    const verdicts = await Promise.all(covering.map((trail) => judge(ctx, region, trail)));
    const ok = verdicts.find((verdict) => verdict.kind === "ok");
    const unknown = verdicts.find((verdict) => verdict.kind === "unknown");
    const problem = verdicts.find((verdict) => verdict.kind === "problem");
    if (ok?.kind === "ok") {
        pass(
            ctx,
            { ...subject, resource: ok.what },
            "logs the KMS management events the rules need",
        );
    } else if (unknown !== undefined && unknown.kind !== "ok") {
        warn(ctx, subject, unknown.message, unknown.fix);
    } else if (problem !== undefined && problem.kind !== "ok") {
        fail(ctx, subject, problem.message, problem.fix);
    } else {
        fail(
            ctx,
            subject,
            "no trail records management events here, so the rules on KMS API calls never fire",
            "set kms-monitoring:auditTrail.create: true and run pulumi up, or create a multi-region trail",
        );
    }
}

export async function checkTrails(ctx: VerifyContext): Promise<void> {
    for (const region of ctx.expected.trail.regions) {
        ctx.report.progress(`trails in ${region}...`);
        await checkRegion(ctx, region);
    }
}
