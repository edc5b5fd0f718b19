import {
    ApiCallSelection,
    CLOUDTRAIL_API_CALL,
    isKmsOperation,
    isReadOnlyOperation,
} from "../alerts";
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
    plan.homeRules.eventAlerts.some((alert) =>
        alert.eventPattern["detail-type"].includes(CLOUDTRAIL_API_CALL),
    );

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
 * What the trail of the member accounts must record in each member region: EventBridge receives a
 * member's API calls only where a trail logs that account's management events (EventBridge User
 * Guide, "Tutorial: Create an Amazon EventBridge rule for AWS CloudTrail API calls"), and the
 * member template forwards every apiCallAlerts entry (organization/memberTemplate.ts). An entry on
 * given keys watches a member's calls only on those keys of another account than this one (a key
 * ARN names its account), and only in their regions.
 */
export function memberTrailRequirement(
    plan: MonitoringPlan,
    centralAccount: string,
): VerificationTrailRegion[] {
    const memberCalls = plan.homeRules.apiCalls.flatMap((alert): ApiCallSelection[] => {
        const keyArns = alert.keyArns ?? [];
        const members = keyArns.filter((arn) => arn.split(":")[4] !== centralAccount);
        if (keyArns.length === 0) return [alert];
        return members.length === 0 ? [] : [{ ...alert, keyArns: members }];
    });
    return (plan.organization?.regions ?? []).flatMap((region) =>
        regionRequirement(memberCalls, region, watchesAnyCall(plan)),
    );
}
