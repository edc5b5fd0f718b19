import type { VerifyContext } from "../context";
import { MetricSpec, readSeries, ruleDimensions, total } from "../metrics";
import type { CanaryPlan } from "./canaryPlan";

/** How far the canary's event got, each hop's count since the call. */
export interface CanaryProgress {
    /** The rule matched it (TriggeredRules or MatchedEvents of the rule). */
    readonly matched: number;
    readonly invocations: number;
    readonly failedInvocations: number;
    readonly sentToDlq: number;
    /** EventBridge could not put it in the dead-letter queue either: lost. */
    readonly failedToDlq: number;
    /** The topic received it, delivered it, or could not. */
    readonly published: number;
    readonly delivered: number;
    readonly notificationsFailed: number;
}

const HOPS = {
    triggered: ["AWS/Events", "TriggeredRules"],
    matched: ["AWS/Events", "MatchedEvents"],
    invocations: ["AWS/Events", "Invocations"],
    failedInvocations: ["AWS/Events", "FailedInvocations"],
    sentToDlq: ["AWS/Events", "InvocationsSentToDlq"],
    failedToDlq: ["AWS/Events", "InvocationsFailedToBeSentToDlq"],
    published: ["AWS/SNS", "NumberOfMessagesPublished"],
    delivered: ["AWS/SNS", "NumberOfNotificationsDelivered"],
    notificationsFailed: ["AWS/SNS", "NumberOfNotificationsFailed"],
} as const;

/**
 * Every hop's metric, per minute, from the minute of the call on: CloudWatch rounds a StartTime
 * less than 15 days ago down to the whole minute (CloudWatch API reference, GetMetricData,
 * StartTime), the finest step of these metrics, so the window starts at the call itself and the
 * minute that holds it. The rule's metrics (EventBridge User Guide, "Monitoring Amazon
 * EventBridge": TriggeredRules, MatchedEvents, Invocations "the number of times a target is
 * invoked by a rule in response to an event", FailedInvocations, InvocationsSentToDlq,
 * InvocationsFailedToBeSentToDlq, dimension RuleName) and the topic's (SNS Developer Guide,
 * "Monitoring Amazon SNS topics using CloudWatch": NumberOfMessagesPublished,
 * NumberOfNotificationsDelivered, NumberOfNotificationsFailed, dimension TopicName).
 */
export async function readProgress(
    ctx: VerifyContext,
    plan: CanaryPlan,
    startMs: number,
    endMs: number,
): Promise<CanaryProgress> {
    const names = Object.keys(HOPS) as (keyof typeof HOPS)[];
    const specs: MetricSpec[] = names.map((name) => {
        const [namespace, metricName] = HOPS[name];
        return {
            namespace,
            metricName,
            dimensions:
                namespace === "AWS/SNS"
                    ? { TopicName: plan.topic.name }
                    : ruleDimensions(plan.rule),
            stat: "Sum",
        };
    });
    const series = await readSeries(ctx, plan.topic.region, specs, { startMs, endMs, period: 60 });
    const count = (name: keyof typeof HOPS) => total(series[names.indexOf(name)]);
    return {
        matched: Math.max(count("triggered"), count("matched")),
        invocations: count("invocations"),
        failedInvocations: count("failedInvocations"),
        sentToDlq: count("sentToDlq"),
        failedToDlq: count("failedToDlq"),
        published: count("published"),
        delivered: count("delivered"),
        notificationsFailed: count("notificationsFailed"),
    };
}
