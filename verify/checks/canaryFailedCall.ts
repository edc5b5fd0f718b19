import type { VerificationRule } from "../../components/stack";
import { attempt, pass, Subject, VerifyContext, warn } from "../context";
import { readSeries, ruleDimensions, total } from "../metrics";
import type { CanaryPlan } from "./canaryPlan";
import { watches } from "./canaryPlan";

/**
 * With --canary and the pending-deletion rule deployed: whether a failed KMS call reaches
 * EventBridge at all. The rule rests on it, and no AWS page states it. verify never schedules a key
 * for deletion, so it cannot make the call that rule is for; it makes one that fails for another
 * reason, CancelKeyDeletion on the topic key while it is not pending deletion (KMSInvalidStateException,
 * "... is not pending deletion.", which the pending-deletion rule rightly ignores), and watches an
 * alert rule that matches it (one on CancelKeyDeletion without an error filter: the default
 * key-management alert). That rule counting it (TriggeredRules or MatchedEvents, as the canary
 * reads them) shows that failed KMS calls reach EventBridge in the home region; check 4 showed, with
 * TestEventPattern, that the pending-deletion rule matches a call refused for a key pending
 * deletion. It proves neither that such a call is recorded as the KMS guide says, nor anything of
 * other regions or member accounts: a PASS says so, and no event is a WARN, never a FAIL.
 */

const POLL_MS = 30_000;
const SUBJECT_ID = "failed-calls";

export interface FailedCallProbe {
    /** The stack's pending-deletion rule at home, which the probe is for. */
    readonly pendingRule: VerificationRule;
    /** The alert rule that matches the refused CancelKeyDeletion. */
    readonly rule: VerificationRule;
    readonly region: string;
    readonly keyArn: string;
    /** Whether the probe makes its own call: not when the canary's call is that CancelKeyDeletion. */
    readonly ownCall: boolean;
    readonly subject: Subject;
}

/** The stack's pending-deletion rule: its pattern matches KMS's message "<key ARN> is pending deletion." */
function isPendingDeletionRule(rule: VerificationRule): boolean {
    const detail = (
        JSON.parse(rule.eventPattern ?? "{}") as { detail?: { errorMessage?: unknown } }
    ).detail;
    return JSON.stringify(detail?.errorMessage ?? null).includes(" is pending deletion.");
}

/**
 * The probe for this canary, or undefined when the stack has no pending-deletion rule at home, or
 * (a WARN) when no alert rule matches the refused call.
 */
export function failedCallProbe(ctx: VerifyContext, plan: CanaryPlan): FailedCallProbe | undefined {
    const home = ctx.expected.homeRegion;
    const atHome = (rule: VerificationRule) => rule.region === home && rule.busName === "default";
    const pendingRule = ctx.expected.rules.find(
        (rule) => atHome(rule) && isPendingDeletionRule(rule),
    );
    if (pendingRule === undefined) return undefined;
    const ownCall = plan.operation !== "CancelKeyDeletion";
    const rule = ownCall
        ? ctx.expected.rules.find(
              (each) =>
                  atHome(each) &&
                  each.targets.length > 0 &&
                  watches(each, "CancelKeyDeletion", plan.keyArn),
          )
        : plan.rule;
    const subject = { id: SUBJECT_ID, region: home, resource: pendingRule.name };
    if (rule === undefined) {
        warn(
            ctx,
            subject,
            `cannot show that failed KMS calls reach EventBridge, which ${pendingRule.name} relies ` +
                "on: no alert rule matches a failed CancelKeyDeletion on the topic key",
            "add CancelKeyDeletion to an apiCallAlerts entry (the default key-management alert has it)",
        );
        return undefined;
    }
    return {
        pendingRule,
        rule,
        region: plan.topic.region,
        keyArn: plan.keyArn,
        ownCall,
        subject: { ...subject, resource: `CancelKeyDeletion on ${plan.keyArn} -> ${rule.name}` },
    };
}

/** How often the probe's rule matched since `startMs`. */
async function matchedSince(
    ctx: VerifyContext,
    probe: FailedCallProbe,
    startMs: number,
): Promise<number | undefined> {
    const specs = ["TriggeredRules", "MatchedEvents"].map((metricName) => ({
        namespace: "AWS/Events",
        metricName,
        dimensions: ruleDimensions(probe.rule),
        stat: "Sum" as const,
    }));
    const series = await attempt(ctx, probe.subject, "cloudwatch", () =>
        readSeries(ctx, probe.region, specs, { startMs, endMs: ctx.now(), period: 60 }),
    );
    return series === undefined ? undefined : Math.max(...series.map(total));
}

/**
 * Waits (up to --timeout from `startMs`, the refused call) until the probe's rule counts the
 * refused call, then reports what that proves; a WARN when it never does.
 */
export async function awaitFailedCall(
    ctx: VerifyContext,
    probe: FailedCallProbe,
    startMs: number,
): Promise<void> {
    const { pendingRule, rule } = probe;
    for (;;) {
        const matched = await matchedSince(ctx, probe, startMs);
        if (matched === undefined) return;
        if (matched > 0) {
            pass(
                ctx,
                probe.subject,
                `a CancelKeyDeletion refused on purpose (KMSInvalidStateException) reached ` +
                    `EventBridge and ${rule.name} matched it: failed KMS calls reach EventBridge ` +
                    `here, which ${pendingRule.name} relies on (that its pattern matches a call ` +
                    "refused for a key pending deletion is check 4's). Not proven: how KMS records " +
                    "a call on a key that is pending deletion, nor other regions and member accounts",
            );
            return;
        }
        if (ctx.now() - startMs >= ctx.timeoutMs) {
            warn(
                ctx,
                probe.subject,
                `${rule.name} did not see the CancelKeyDeletion refused on purpose within ` +
                    `${Math.round(ctx.timeoutMs / 60_000)} minutes: if failed KMS calls do not ` +
                    `reach EventBridge here, ${pendingRule.name} never fires`,
                "run the canary again with a longer --timeout; set auditTrail.create for the KMS " +
                    "guide's metric filter and alarm on the trail's logs, which need no EventBridge",
            );
            return;
        }
        ctx.report.progress(
            `canary: waiting for ${rule.name} to see the refused CancelKeyDeletion`,
        );
        await ctx.sleep(POLL_MS);
    }
}
