import type {
    VerificationApiDestination,
    VerificationOutput,
    VerificationQueue,
    VerificationRule,
    VerificationTopic,
} from "../../components/stack";
import { Subject, VerifyContext, warn } from "../context";
import { deadLetterQueueOf } from "./delivery";
import { apiCallBranches } from "./patternSamples";
import { listSubscriptions, PENDING } from "./subscriptions";

/** The calls the canary may make, the one AWS documents first (see canary.ts). */
export const CANARY_OPERATIONS = ["GenerateDataKey", "CancelKeyDeletion"] as const;

/** A rule the canary's event goes through, and where its targets deliver it. */
export interface CanaryRule {
    readonly rule: VerificationRule;
    /** The topics among its targets: each must deliver after the call. */
    readonly topics: readonly VerificationTopic[];
    /** Its API destinations (PagerDuty's), proven by the rule's own successful invocations. */
    readonly destinations: readonly VerificationApiDestination[];
    /** The dead-letter queue of its targets, which must stay as it was. */
    readonly queue?: VerificationQueue;
}

export interface CanaryPlan {
    readonly operation: (typeof CANARY_OPERATIONS)[number];
    /** The home alert rule that matches the call, and the topic it targets. */
    readonly rule: VerificationRule;
    readonly topic: VerificationTopic;
    /** The topic's own key: the one key the canary touches (verify-policy.json allows no other). */
    readonly keyArn: string;
    /** Whether the topic has a confirmed subscription, without which nothing can be delivered. */
    readonly confirmedSubscription: boolean;
    /**
     * Every home rule on the default bus that matches the call, the alert rule first, then the
     * channel rules (PagerDuty's): each channel they deliver to must show the canary.
     */
    readonly paths: readonly CanaryRule[];
}

/**
 * What to add for a canary. Not GenerateDataKey: SNS itself generates data keys with the topic key
 * for every publisher, reusing each for up to 5 minutes (SNS Developer Guide, "Key management"),
 * and the stack's rules leave those calls out only as far as CloudTrail records them as expected
 * (components/alerts/ownTopicCalls.ts). CancelKeyDeletion is a write that nothing calls on its own.
 */
export const NO_CANARY_FIX =
    "add CancelKeyDeletion to an apiCallAlerts entry (on any key, or on the topic key); not " +
    "GenerateDataKey, which could also alert on SNS's own data-key calls for the topic key";

/** Whether the rule watches `operation` on `keyArn`. */
export function watches(rule: VerificationRule, operation: string, keyArn: string): boolean {
    return apiCallBranches(rule.eventPattern ?? "{}").some(
        (branch) =>
            !branch.filtered &&
            branch.eventName.includes(operation) &&
            (branch.keyArns === undefined || branch.keyArns.includes(keyArn)),
    );
}

/** The rule with the topics and API destinations its targets name. */
function canaryRule(expected: VerificationOutput, rule: VerificationRule): CanaryRule {
    const arns = rule.targets.map((target) => target.arn);
    return {
        rule,
        topics: expected.topics.filter((topic) => arns.includes(topic.arn)),
        destinations: expected.apiDestinations.filter((each) => arns.includes(each.arn)),
        queue: deadLetterQueueOf(expected, rule),
    };
}

/** The chosen rule, then every other home rule the call reaches that delivers to a channel. */
function pathsOf(
    expected: VerificationOutput,
    chosen: VerificationRule,
    operation: string,
    keyArn: string,
): CanaryRule[] {
    const others = expected.rules.filter(
        (rule) =>
            rule !== chosen &&
            rule.region === expected.homeRegion &&
            rule.busName === "default" &&
            rule.targets.length > 0 &&
            watches(rule, operation, keyArn),
    );
    return [chosen, ...others].map((rule) => canaryRule(expected, rule));
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
                    paths: pathsOf(ctx.expected, rule, operation, keyArn),
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
