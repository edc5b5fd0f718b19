import { ApiCallSelection, isKmsCallPattern, isKmsOperation, isReadOnlyOperation } from "../alerts";
import { apiCallsInRegion } from "../forwarding";
import { MonitoringPlan, watchedRegions } from "./plan";
import type { VerificationTrail, VerificationTrailRegion } from "./verificationTypes";

/**
 * What a trail must record in `region` for rules that watch `alerts` there: read-only events only
 * when one watches a read-only operation (such a rule is in the state
 * ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS, apiCallRuleState), write events when one watches
 * a write. An alert on given keys only watches the calls on those of its keys that live there (a
 * key ARN names its region: apiCallsInRegion); nothing when no alert watches a call there. With
 * `anyCall`, an event alert on KMS calls of any operation (pending deletion), both, everywhere.
 */
function regionRequirement(
    alerts: readonly ApiCallSelection[],
    region: string,
    anyCall: boolean,
): VerificationTrailRegion[] {
    const watched = apiCallsInRegion(alerts, region);
    const operations = watched.flatMap((alert) => alert.eventNames).filter(isKmsOperation);
    return watched.length === 0 && !anyCall
        ? []
        : [
              {
                  region,
                  readEvents: anyCall || operations.some(isReadOnlyOperation),
                  writeEvents:
                      anyCall || operations.some((operation) => !isReadOnlyOperation(operation)),
              },
          ];
}

/** Whether an event alert of the plan watches KMS calls (of any operation). */
const watchesAnyCall = (plan: MonitoringPlan) =>
    plan.homeRules.eventAlerts.some((alert) => isKmsCallPattern(alert.eventPattern));

/**
 * What a trail must record for this account's API-call rules, region by region. The home rules
 * receive the home region's calls; another region's calls reach its own forwarders, which watch
 * the calls apiCallsInRegion keeps for it. The home rules' calls are kept the same way, as a call
 * on another region's key is recorded in that region.
 */
export function trailRequirement(plan: MonitoringPlan, homeRegion: string): VerificationTrail {
    const apiCalls = plan.homeRules.apiCalls;
    const perRegion = watchedRegions(plan, homeRegion).flatMap((region) =>
        regionRequirement(apiCalls, region, watchesAnyCall(plan)),
    );
    return {
        regions: perRegion.map(({ region }) => region),
        readEvents: perRegion.some((each) => each.readEvents),
        writeEvents: perRegion.some((each) => each.writeEvents),
        perRegion,
    };
}

/**
 * The apiCallAlerts entries as they watch the member accounts: an entry on given keys watches a
 * member's calls only on those keys of another account than this one (a key ARN names its
 * account), and only in their regions (apiCallsInRegion).
 */
function memberCalls(plan: MonitoringPlan, centralAccount: string): ApiCallSelection[] {
    return plan.homeRules.apiCalls.flatMap((alert): ApiCallSelection[] => {
        const keyArns = alert.keyArns ?? [];
        const members = keyArns.filter((arn) => arn.split(":")[4] !== centralAccount);
        if (keyArns.length === 0) return [alert];
        return members.length === 0 ? [] : [{ ...alert, keyArns: members }];
    });
}

/**
 * What the trail of the member accounts must record in each member region: EventBridge receives a
 * member's API calls only where a trail logs that account's management events (EventBridge User
 * Guide, "Tutorial: Create an Amazon EventBridge rule for AWS CloudTrail API calls"), and the
 * member template forwards every apiCallAlerts entry (organization/memberTemplate.ts) and the calls
 * on keys pending deletion. verify checks it, and `pulumi up` warns of it (memberTrailWarning).
 */
export function memberTrailRequirement(
    plan: MonitoringPlan,
    centralAccount: string,
): VerificationTrailRegion[] {
    const calls = memberCalls(plan, centralAccount);
    return (plan.organization?.regions ?? []).flatMap((region) =>
        regionRequirement(calls, region, watchesAnyCall(plan)),
    );
}

/**
 * The prerequisite no resource of the stack provides, said once by `pulumi up` when the account is
 * known: the member heartbeats, StackSet and forwarders look healthy without a trail. The regions
 * and whether read-only events are needed are memberTrailRequirement's, which verify checks.
 */
export function memberTrailWarning(
    plan: MonitoringPlan,
    centralAccount: string,
): string | undefined {
    const required = memberTrailRequirement(plan, centralAccount);
    if (required.length === 0) {
        return undefined;
    }
    const readOnly = [
        ...new Set(
            memberCalls(plan, centralAccount)
                .flatMap((alert) => alert.eventNames)
                .filter((name) => isKmsOperation(name) && isReadOnlyOperation(name)),
        ),
    ];
    const why = [
        ...(readOnly.length > 0 ? [`apiCallAlerts watches ${readOnly.join(", ")}`] : []),
        ...(watchesAnyCall(plan)
            ? ["pendingDeletionUseAlerts watches every call on a key pending deletion"]
            : []),
    ];
    return (
        "kms-monitoring:organization: member accounts' API-call alerts fire only where a " +
        "CloudTrail trail logs the members' management events. Keep an organization trail " +
        "(created from the management account or CloudTrail's delegated administrator) that is " +
        "logging and records management events in every member region " +
        `(${required.map((each) => each.region).join(", ")}), kms.amazonaws.com not excluded` +
        (required.some((each) => each.readEvents)
            ? `, read-only events included (${why.join("; ")})`
            : "") +
        ". The member heartbeats do not prove it; npm run verify checks it (docs/organization.md)."
    );
}
