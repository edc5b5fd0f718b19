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
    | "failed-invocation"
    | "dead-letter"
    | "not-delivered"
    /** Failed, and EventBridge could not send it to the dead-letter queue either. */
    | "lost"
    /** Published, and neither delivered nor failed: what SNS does with no confirmed subscription. */
    | "published";

/** One event at `at`, in the period that holds it. */
const once =
    (at: number): MetricSource =>
    ({ startMs, endMs, period }) =>
        at >= startMs && at < endMs
            ? { timestamps: [Math.floor(at / period) * period], values: [1] }
            : { timestamps: [], values: [] };

/**
 * What AWS would publish after the canary's call, a minute or two later: the home rules that watch
 * the operation match it, invoke the topic, and the topic delivers, unless `canaryPath` stops it.
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
    ) =>
        fake.metrics.set(
            metricKey(verification.homeRegion, namespace, name, dimensions),
            once(at + delay),
        );
    const rules = verification.rules.filter(
        (rule) =>
            rule.kind === "alert" &&
            rule.region === verification.homeRegion &&
            rule.busName === "default" &&
            (rule.eventPattern ?? "").includes(`"${operation}"`),
    );
    for (const rule of rules) {
        set("AWS/Events", "TriggeredRules", { RuleName: rule.name }, 60_000);
        set("AWS/Events", "Invocations", { RuleName: rule.name }, 60_000);
        if (path === "failed-invocation")
            set("AWS/Events", "FailedInvocations", { RuleName: rule.name }, 90_000);
        if (path === "dead-letter")
            set("AWS/Events", "InvocationsSentToDlq", { RuleName: rule.name }, 90_000);
        if (path === "lost")
            set("AWS/Events", "InvocationsFailedToBeSentToDlq", { RuleName: rule.name }, 90_000);
    }
    if (path === "failed-invocation" || path === "dead-letter" || path === "lost") return;
    const topic = { TopicName: verification.topics[0].name };
    set("AWS/SNS", "NumberOfMessagesPublished", topic, 90_000);
    if (path === "published") return;
    set(
        "AWS/SNS",
        path === "not-delivered" ? "NumberOfNotificationsFailed" : "NumberOfNotificationsDelivered",
        topic,
        120_000,
    );
}
