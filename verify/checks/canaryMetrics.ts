import type { VerifyContext } from "../context";
import { MetricSpec, readSeries, ruleDimensions, Series, total } from "../metrics";
import type { VerificationQueue } from "../../components/stack";
import type { CanaryPlan } from "./canaryPlan";
import { queueDepth } from "./delivery";

/** How far the canary's event got through one rule, each count since the call. */
export interface RuleProgress {
    /** The rule matched it (TriggeredRules or MatchedEvents of the rule). */
    readonly matched: number;
    /** Invocations, failed ones included. */
    readonly invocations: number;
    /** Invocation attempts that delivered the event to a target. */
    readonly successful: number;
    readonly failed: number;
    readonly sentToDlq: number;
    /** EventBridge could not put it in the dead-letter queue either: lost. */
    readonly failedToDlq: number;
}

/** What one topic did since the call: received, delivered, or could not deliver. */
export interface TopicProgress {
    readonly published: number;
    readonly delivered: number;
    readonly failed: number;
}

export interface CanaryProgress {
    /** In the order of the plan's paths. */
    readonly rules: readonly RuleProgress[];
    /** By topic ARN. */
    readonly topics: ReadonlyMap<string, TopicProgress>;
    /** The messages each dead-letter queue gained since the call, in the order of canaryQueues. */
    readonly deadLetters: readonly number[];
}

/**
 * The rule's metrics (EventBridge User Guide, "Monitoring Amazon EventBridge", dimension RuleName:
 * TriggeredRules, MatchedEvents, Invocations "the number of times a target is invoked by a rule in
 * response to an event" with failed invocations included, SuccessfulInvocationAttempts "the number
 * of invocation attempts where EventBridge successfully delivered the event to the target" ("Best
 * practices for monitoring event delivery"), FailedInvocations, InvocationsSentToDlq,
 * InvocationsFailedToBeSentToDlq).
 */
const RULE_METRICS = [
    "TriggeredRules",
    "MatchedEvents",
    "Invocations",
    "SuccessfulInvocationAttempts",
    "FailedInvocations",
    "InvocationsSentToDlq",
    "InvocationsFailedToBeSentToDlq",
] as const;

/** The topic's (SNS Developer Guide, "Monitoring Amazon SNS topics using CloudWatch", TopicName). */
const TOPIC_METRICS = [
    "NumberOfMessagesPublished",
    "NumberOfNotificationsDelivered",
    "NumberOfNotificationsFailed",
] as const;

/** Every topic the paths deliver to, once. */
export function canaryTopics(plan: CanaryPlan) {
    const topics = plan.paths.flatMap((path) => path.topics);
    return topics.filter(
        (topic, index) => topics.findIndex((each) => each.arn === topic.arn) === index,
    );
}

/** Every dead-letter queue of the paths' targets, once: the rules share the stack's. */
export function canaryQueues(plan: CanaryPlan): VerificationQueue[] {
    const queues = plan.paths.flatMap((path) => (path.queue === undefined ? [] : [path.queue]));
    return queues.filter(
        (queue, index) => queues.findIndex((each) => each.url === queue.url) === index,
    );
}

/** The depth of each of canaryQueues now. */
export async function queueDepths(ctx: VerifyContext, plan: CanaryPlan): Promise<number[]> {
    const depths: number[] = [];
    for (const queue of canaryQueues(plan)) {
        depths.push(await queueDepth(ctx, queue));
    }
    return depths;
}

function ruleProgress(counts: number[]): RuleProgress {
    const [triggered, matched, invocations, successful, failed, sentToDlq, failedToDlq] = counts;
    return {
        matched: Math.max(triggered, matched),
        invocations,
        successful,
        failed,
        sentToDlq,
        failedToDlq,
    };
}

/**
 * Every hop's metric, per minute, from the minute of the call on: CloudWatch rounds a StartTime
 * less than 15 days ago down to the whole minute (CloudWatch API reference, GetMetricData,
 * StartTime), the finest step of these metrics, so the window starts at the call itself and the
 * minute that holds it. And how much each dead-letter queue grew since `baseline`, their
 * depths before the call (queueDepths).
 */
export async function readProgress(
    ctx: VerifyContext,
    plan: CanaryPlan,
    window: { readonly startMs: number; readonly endMs: number },
    baseline: readonly number[],
): Promise<CanaryProgress> {
    const topics = canaryTopics(plan);
    const specs: MetricSpec[] = [
        ...plan.paths.flatMap((path) =>
            RULE_METRICS.map((metricName) => ({
                namespace: "AWS/Events",
                metricName,
                dimensions: ruleDimensions(path.rule),
                stat: "Sum" as const,
            })),
        ),
        ...topics.flatMap((topic) =>
            TOPIC_METRICS.map((metricName) => ({
                namespace: "AWS/SNS",
                metricName,
                dimensions: { TopicName: topic.name },
                stat: "Sum" as const,
            })),
        ),
    ];
    const series = await readSeries(ctx, plan.topic.region, specs, { ...window, period: 60 });
    const counts = (from: number, length: number) =>
        series.slice(from, from + length).map((each: Series) => total(each));
    const depths = await queueDepths(ctx, plan);
    const rulesEnd = plan.paths.length * RULE_METRICS.length;
    return {
        rules: plan.paths.map((_, index) =>
            ruleProgress(counts(index * RULE_METRICS.length, RULE_METRICS.length)),
        ),
        deadLetters: depths.map((depth, index) => Math.max(0, depth - baseline[index])),
        topics: new Map(
            topics.map((topic, index) => {
                const [published, delivered, failed] = counts(
                    rulesEnd + index * TOPIC_METRICS.length,
                    TOPIC_METRICS.length,
                );
                return [topic.arn, { published, delivered, failed }];
            }),
        ),
    };
}
