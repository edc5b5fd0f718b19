import type { VerificationRule, VerificationTopic } from "../../components/stack";
import { Subject, VerifyContext, warn } from "../context";
import { apiCallBranches } from "./patternSamples";
import { listSubscriptions, PENDING } from "./subscriptions";

/** The calls the canary may make, the one AWS documents first (see canary.ts). */
export const CANARY_OPERATIONS = ["GenerateDataKey", "CancelKeyDeletion"] as const;

export interface CanaryPlan {
    readonly operation: (typeof CANARY_OPERATIONS)[number];
    /** The home alert rule that matches the call, and the topic it targets. */
    readonly rule: VerificationRule;
    readonly topic: VerificationTopic;
    /** The topic's own key: the one key the canary touches (verify-policy.json allows no other). */
    readonly keyArn: string;
    /** Whether the topic has a confirmed subscription, without which nothing can be delivered. */
    readonly confirmedSubscription: boolean;
}

/**
 * What to add for a canary. Not GenerateDataKey: SNS itself generates data keys with the topic key
 * for every publisher, reusing each for up to 5 minutes (SNS Developer Guide, "Key management"),
 * so an alert on GenerateDataKey of the topic key (or of any key) would alert on the alerts' own
 * delivery. CancelKeyDeletion is a write that nothing calls on its own.
 */
export const NO_CANARY_FIX =
    "add CancelKeyDeletion to an apiCallAlerts entry (on any key, or on the topic key); not " +
    "GenerateDataKey, which would also alert on SNS's own data-key calls for the topic key";

/** Whether the rule watches `operation` on `keyArn`. */
function watches(rule: VerificationRule, operation: string, keyArn: string): boolean {
    return apiCallBranches(rule.eventPattern ?? "{}").some(
        (branch) =>
            branch.eventName.includes(operation) &&
            (branch.keyArns === undefined || branch.keyArns.includes(keyArn)),
    );
}

/** The first call, rule and topic that fit; a WARN and undefined when none does. */
export async function canaryCall(
    ctx: VerifyContext,
    subject: Subject,
): Promise<CanaryPlan | undefined> {
    const home = ctx.expected.homeRegion;
    for (const operation of CANARY_OPERATIONS) {
        for (const topic of ctx.expected.topics.filter((each) => each.keyArn !== undefined)) {
            const keyArn = topic.keyArn as string;
            const rule = ctx.expected.rules.find(
                (each) =>
                    each.region === home &&
                    each.busName === "default" &&
                    each.targets.some((target) => target.arn === topic.arn) &&
                    watches(each, operation, keyArn),
            );
            if (rule !== undefined) {
                const subscriptions = await listSubscriptions(ctx, topic);
                return {
                    operation,
                    rule,
                    topic,
                    keyArn,
                    confirmedSubscription: (subscriptions ?? []).some(
                        (each) => each.SubscriptionArn !== PENDING,
                    ),
                };
            }
        }
    }
    warn(
        ctx,
        subject,
        "no alert rule watches a call the canary can make without changing anything",
        NO_CANARY_FIX,
    );
    return undefined;
}
