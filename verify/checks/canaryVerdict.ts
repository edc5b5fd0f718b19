import type { Status } from "../report";
import { canaryTopics, CanaryProgress } from "./canaryMetrics";
import type { CanaryPlan } from "./canaryPlan";
import {
    deadLetterHops,
    failures,
    Hop,
    missing,
    ruleLabel,
    topicLabel,
    unconfirmed,
} from "./canaryHops";

/**
 * The canary's verdict from what its event did, worked out without AWS. A PASS needs every hop
 * after the call: each rule the call reaches invoked every one of its targets successfully
 * (SuccessfulInvocationAttempts at least its number of targets, no FailedInvocations, nothing sent
 * to or lost on the way to its dead-letter queue), every dead-letter queue stayed as it was before
 * the call, and each topic among them delivered (NumberOfNotificationsDelivered, none failed). A
 * topic's deliveries count every alert on it, so alone they prove nothing of the canary: the
 * rules' own successful invocations are what tie them to it. docs/verify.md says what each part
 * proves and what it cannot.
 */

export interface Outcome {
    readonly status: Status;
    readonly message: string;
    readonly fix: string;
}

const joined = (hops: readonly Hop[], status: Status): Outcome => ({
    status,
    message: hops.map((hop) => hop.message).join("; "),
    fix: [...new Set(hops.map((hop) => hop.fix))].join("; "),
});

/** What every hop delivered, for the PASS. */
function delivered(plan: CanaryPlan): string {
    const channels = [
        ...canaryTopics(plan).map(topicLabel),
        ...plan.paths.flatMap((path) =>
            path.destinations.map((each) => ruleLabel({ ...path, destinations: [each] })),
        ),
    ];
    return `${plan.operation} reached ${plan.rule.name}, and each channel delivered it: ${channels.join(", ")}`;
}

/**
 * The verdict once the metrics tell one; undefined while it is worth waiting. `within` says how
 * long the canary waited ("within 15m00s").
 */
export function canaryVerdict(
    plan: CanaryPlan,
    seen: CanaryProgress,
    timedOut: boolean,
    within: string,
): Outcome | undefined {
    const failed = failures(plan, seen);
    const deadLetters = deadLetterHops(plan, seen);
    if (failed.length > 0) return joined([...failed, ...deadLetters], "FAIL");
    const waiting = missing(plan, seen, within);
    // A queue's depth comes before the metrics that name the rule: wait for them, up to the end.
    if (deadLetters.length > 0 && (waiting.length === 0 || timedOut)) {
        return joined([...waiting, ...deadLetters], "FAIL");
    }
    if (waiting.length === 0) {
        return unconfirmed(plan, seen)
            ? {
                  status: "WARN",
                  message: "published to the topic; no confirmed subscription to deliver it to",
                  fix: "confirm the email subscriptions",
              }
            : { status: "PASS", message: delivered(plan), fix: "" };
    }
    if (!timedOut) return undefined;
    return nothingMatched(plan, seen, within) ?? joined(waiting, "FAIL");
}

/** At the timeout, when the canary's own rule saw nothing: the trail or the rule's state. */
function nothingMatched(
    plan: CanaryPlan,
    seen: CanaryProgress,
    within: string,
): Outcome | undefined {
    const { matched, invocations, successful } = seen.rules[0];
    if (matched > 0 || invocations > 0 || successful > 0) return undefined;
    if (plan.operation === "CancelKeyDeletion") {
        return {
            status: "WARN",
            message:
                `no matching event ${within}: the canary's call failed on purpose, ` +
                "and no AWS page says whether failed calls reach EventBridge",
            fix:
                "rely on the trail and rule checks above: they show that a trail records the " +
                "call and that the rule receives it",
        };
    }
    return {
        status: "FAIL",
        message:
            `no matching event ${within}: the trail does not deliver ` +
            "the call, or the rule's state does not receive it",
        fix: "see the trail and rule checks above",
    };
}
