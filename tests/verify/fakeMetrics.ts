/**
 * The metrics a fake account's CloudWatch answers with: a metric's key, its data points over time,
 * and those AWS would publish after the canary's call. The fake clock starts at NOW.
 */
import type { FakeAccount } from "./fakeAccount";

/** A metric's data points, given the query's window. */
export type MetricSource = (window: { startMs: number; endMs: number; period: number }) => {
    timestamps: number[];
    values: number[];
};

export const NOW = Date.parse("2026-11-28T12:00:00Z");

export function metricKey(
    region: string,
    namespace: string,
    name: string,
    dimensions: Record<string, string>,
) {
    const dims = Object.entries(dimensions)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => `${key}=${value}`)
        .join(",");
    return `${region} ${namespace} ${name} ${dims}`;
}

/** `value` events every `every` ms (on its multiples) until `until`, summed per period (ms). */
export function steady(value: number, every: number, until = Infinity): MetricSource {
    return ({ startMs, endMs, period }) => {
        const timestamps: number[] = [];
        const values: number[] = [];
        for (
            let time = Math.floor(startMs / period) * period;
            time < Math.min(endMs, until);
            time += period
        ) {
            const events =
                Math.floor((Math.min(time + period, until) - 1) / every) -
                Math.floor((time - 1) / every);
            if (events > 0) {
                timestamps.push(time);
                values.push(events * value);
            }
        }
        return { timestamps, values };
    };
}

/** Where the canary's event stops: nowhere, or at one of the hops verify names. */
export type CanaryPath =
    | "delivered"
    | "no-event"
    /** The alert rule's invocation failed for good, or went to the dead-letter queue. */
    | "failed-invocation"
    | "dead-letter"
    /** Failed, and EventBridge could not send it to the dead-letter queue either. */
    | "lost"
    /** The alert rule matched and still retries a target that refuses it: nothing succeeded yet. */
    | "retrying"
    | "not-delivered"
    /** Published, and neither delivered nor failed: what SNS does with no confirmed subscription. */
    | "published"
    /** Everything delivered but the chat topic, which received it and delivered nothing. */
    | "chat-silent"
    /** PagerDuty refused the call (a 400): FailedInvocations, and the event in the dead-letter queue. */
    | "pagerduty-refused";

/** `value` events at `at`, in the period that holds it. */
const once =
    (at: number, value = 1): MetricSource =>
    ({ startMs, endMs, period }) =>
        at >= startMs && at < endMs
            ? { timestamps: [Math.floor(at / period) * period], values: [value] }
            : { timestamps: [], values: [] };

type Rule = FakeAccount["verification"]["rules"][number];

/** What becomes of a rule's invocations on the canary's path: "ok", or the rule's metric that says why not. */
function ruleOutcome(rule: Rule, path: CanaryPath): string {
    const failing: Partial<Record<CanaryPath, string>> = {
        "failed-invocation": "FailedInvocations",
        "dead-letter": "InvocationsSentToDlq",
        lost: "InvocationsFailedToBeSentToDlq",
        retrying: "none",
    };
    if (rule.kind === "alert" && failing[path] !== undefined) return failing[path];
    const callsApi = rule.targets.some((target) => target.kind === "api-destination");
    return callsApi && path === "pagerduty-refused" ? "FailedInvocations" : "ok";
}

/** What a topic that received the canary does with it: deliver, fail, or nothing. */
function topicOutcome(fake: FakeAccount, arn: string): string | undefined {
    const { topics } = fake.verification;
    const path = fake.canaryPath;
    if (arn === topics[0].arn && path === "not-delivered") return "NumberOfNotificationsFailed";
    if (arn === topics[0].arn && path === "published") return undefined;
    const chat = topics.find((topic) => topic.kind === "chat");
    if (arn === chat?.arn && path === "chat-silent") return undefined;
    return "NumberOfNotificationsDelivered";
}

/**
 * What AWS would publish after the canary's call, a minute or two later: the home rules that watch
 * the operation (alert and channel rules) match it and invoke each target, each topic among them
 * delivers, unless `canaryPath` stops it; a refused PagerDuty event lands in its dead-letter queue.
 */
export function followCanary(fake: FakeAccount, operation: string): void {
    const { verification, canaryPath: path } = fake;
    if (path === "no-event") return;
    const at = fake.now;
    const set = (
        namespace: string,
        name: string,
        dimensions: Record<string, string>,
        delay: number,
        value = 1,
    ) =>
        fake.metrics.set(
            metricKey(verification.homeRegion, namespace, name, dimensions),
            once(at + delay, value),
        );
    const rules = verification.rules.filter(
        (rule) =>
            rule.region === verification.homeRegion &&
            rule.busName === "default" &&
            rule.targets.length > 0 &&
            (rule.eventPattern ?? "").includes(`"${operation}"`),
    );
    const reached = new Set<string>();
    for (const rule of rules) {
        const dimensions = { RuleName: rule.name };
        set("AWS/Events", "TriggeredRules", dimensions, 60_000);
        set("AWS/Events", "Invocations", dimensions, 60_000, rule.targets.length);
        const outcome = ruleOutcome(rule, path);
        if (outcome === "ok") {
            set(
                "AWS/Events",
                "SuccessfulInvocationAttempts",
                dimensions,
                60_000,
                rule.targets.length,
            );
            rule.targets.forEach((target) => reached.add(target.arn));
        } else if (outcome !== "none") {
            set("AWS/Events", outcome, dimensions, 90_000);
        }
        if (path === "pagerduty-refused" && outcome === "FailedInvocations") {
            set("AWS/Events", "InvocationsSentToDlq", dimensions, 90_000);
            const queue = verification.queues.find(
                (each) => each.arn === rule.targets[0].deadLetterQueueArn,
            );
            if (queue !== undefined)
                fake.queues.set(queue.url, (fake.queues.get(queue.url) ?? 0) + 1);
        }
    }
    for (const topic of verification.topics.filter((each) => reached.has(each.arn))) {
        const dimensions = { TopicName: topic.name };
        set("AWS/SNS", "NumberOfMessagesPublished", dimensions, 90_000);
        const outcome = topicOutcome(fake, topic.arn);
        if (outcome !== undefined) set("AWS/SNS", outcome, dimensions, 120_000);
    }
}
