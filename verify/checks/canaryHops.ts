import type { VerificationApiDestination, VerificationTopic } from "../../components/stack";
import { canaryQueues, canaryTopics, CanaryProgress, RuleProgress } from "./canaryMetrics";
import type { CanaryPlan, CanaryRule } from "./canaryPlan";
import { readQueueCommand } from "./delivery";

/**
 * The canary's hops, for its verdict (canaryVerdict.ts): those that failed, and those that have
 * not shown the canary's event yet, each named by the rule or the channel.
 */

/** A hop that failed, or still lacks the canary at the timeout: what happened, what to do. */
export interface Hop {
    readonly message: string;
    readonly fix: string;
}

const TOPIC_ROLES: Readonly<Record<string, string>> = {
    alerts: "the alert topic",
    chat: "the chat topic",
    webhooks: "the webhook topic",
};

export const topicLabel = (topic: VerificationTopic) =>
    `${TOPIC_ROLES[topic.kind] ?? `the ${topic.kind} topic`} ${topic.name}`;

const destinationLabel = (destination: VerificationApiDestination) =>
    destination.kind === "pagerduty" ? "PagerDuty" : destination.kind;

/** How a message names a rule: after the channel it calls, when it calls one itself. */
export const ruleLabel = (path: CanaryRule) =>
    path.destinations.length > 0
        ? `${destinationLabel(path.destinations[0])} (rule ${path.rule.name})`
        : path.rule.name;

/** A call of an API destination failed: PagerDuty refused it (a 400 is not retried) or could not be reached. */
const CHANNEL_FIX =
    "see the connection check, and docs/channels.md#if-the-canary-fails-for-pagerduty: a 400 " +
    "means the event's body lacks what PagerDuty needs, the routing key first";

/** What went wrong for one rule, as one hop naming it; none when nothing did. */
function ruleFailures(path: CanaryRule, seen: RuleProgress): Hop[] {
    const parts: Hop[] = [];
    if (seen.failed > 0) {
        parts.push(
            path.destinations.length > 0
                ? { message: "the call failed (FailedInvocations)", fix: CHANNEL_FIX }
                : {
                      message:
                          "the event matched but the invocation failed: the topic policy or the " +
                          "topic key refuses EventBridge",
                      fix: "see the topic-policy and key-policy checks; pulumi up restores both",
                  },
        );
    }
    if (seen.failedToDlq > 0) {
        parts.push({
            message: "the event could not even be sent to the dead-letter queue: lost",
            fix: "see the failed-invocations and topic-policy checks; pulumi up restores the queue's policy",
        });
    }
    if (seen.sentToDlq > 0) {
        parts.push({
            message: "the event was sent to the dead-letter queue",
            fix:
                path.queue === undefined
                    ? "see the rule check"
                    : `read it: ${readQueueCommand(path.queue)}`,
        });
    }
    return parts.length === 0
        ? []
        : [
              {
                  message: `${ruleLabel(path)}: ${parts.map((part) => part.message).join(", and ")}`,
                  fix: parts.map((part) => part.fix).join("; "),
              },
          ];
}
/**
 * The dead-letter queues that gained messages since the call, each named with the rules that send
 * there, unless one of those rules' metrics already says it sent the event there.
 */
export function deadLetterHops(plan: CanaryPlan, seen: CanaryProgress): Hop[] {
    return canaryQueues(plan).flatMap((queue, index): Hop[] => {
        const senders = plan.paths.filter((path) => path.queue?.url === queue.url);
        const told = plan.paths.some(
            (path, rule) => path.queue?.url === queue.url && seen.rules[rule].sentToDlq > 0,
        );
        const added = seen.deadLetters[index];
        return added === 0 || told
            ? []
            : [
                  {
                      message:
                          `the dead-letter queue ${queue.url} received ${added} event(s) since the ` +
                          `call, from ${senders.map(ruleLabel).join(" or ")}`,
                      fix: `read it: ${readQueueCommand(queue)}`,
                  },
              ];
    });
}

export function failures(plan: CanaryPlan, seen: CanaryProgress): Hop[] {
    const topicHops = canaryTopics(plan).flatMap((topic): Hop[] =>
        (seen.topics.get(topic.arn)?.failed ?? 0) > 0
            ? [
                  {
                      message: `published to ${topicLabel(topic)} but not delivered: a subscription refuses it`,
                      fix: "see the subscription checks and the topic's delivery status logs",
                  },
              ]
            : [],
    );
    return [
        ...plan.paths.flatMap((path, index) => ruleFailures(path, seen.rules[index])),
        ...topicHops,
    ];
}

/** The alert topic received the canary and has nobody to deliver it to. */
export const unconfirmed = (plan: CanaryPlan, seen: CanaryProgress) =>
    !plan.confirmedSubscription && (seen.topics.get(plan.topic.arn)?.published ?? 0) > 0;

/** The hops that have not shown the canary yet, each with why at the timeout. */
export function missing(plan: CanaryPlan, seen: CanaryProgress, within: string): Hop[] {
    const rules = plan.paths.flatMap((path, index): Hop[] => {
        const { matched, invocations, successful } = seen.rules[index];
        if (successful >= path.rule.targets.length) return [];
        const label = ruleLabel(path);
        if (invocations === 0 && successful === 0) {
            return [
                matched === 0
                    ? {
                          message: `${label} did not match the call ${within}`,
                          fix: "see the rule checks",
                      }
                    : {
                          message: `${label} matched but invoked no target ${within}`,
                          fix: "see the rule check: its targets",
                      },
            ];
        }
        return [
            {
                message:
                    `${label}: ${successful} of its ${path.rule.targets.length} target(s) got ` +
                    `the event ${within}: EventBridge is still retrying the others, which refuse it`,
                fix:
                    path.destinations.length > 0
                        ? CHANNEL_FIX
                        : "see the topic-policy and key-policy checks; pulumi up restores both",
            },
        ];
    });
    const topics = canaryTopics(plan).flatMap((topic): Hop[] => {
        const got = seen.topics.get(topic.arn);
        if ((got?.delivered ?? 0) > 0 || (topic.arn === plan.topic.arn && unconfirmed(plan, seen)))
            return [];
        return [
            (got?.published ?? 0) === 0
                ? {
                      message: `nothing was published to ${topicLabel(topic)} ${within}`,
                      fix: "see the topic-policy and key-policy checks",
                  }
                : {
                      message: `${topicLabel(topic)} delivered nothing ${within}: its subscriptions`,
                      fix: "see the subscription checks",
                  },
        ];
    });
    return [...rules, ...topics];
}
