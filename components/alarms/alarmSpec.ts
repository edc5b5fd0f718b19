import * as pulumi from "@pulumi/pulumi";
import { createAlarm } from "../shared";

/** A metric an alarm's expression reads (CloudWatch API reference, MetricStat). */
export interface QueriedMetric {
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Readonly<Record<string, string>>;
    readonly period: number;
    readonly stat: string;
}

/**
 * One entry of an alarm's `metricQueries`: a metric, or an expression (metric math or a Metrics
 * Insights query) over the others. Exactly one entry of an alarm returns data.
 */
export interface MetricQuery {
    readonly id: string;
    readonly expression?: string;
    readonly metric?: QueriedMetric;
    readonly period?: number;
    readonly label?: string;
    readonly returnData: boolean;
}

/**
 * How an alarm on metric queries evaluates: what the Pulumi resource and the member template's
 * `AWS::CloudWatch::Alarm` both receive, from this one value.
 */
export interface QueryAlarmSettings {
    readonly comparisonOperator: string;
    readonly threshold: number;
    readonly evaluationPeriods: number;
    readonly datapointsToAlarm: number;
    readonly treatMissingData: string;
    readonly metricQueries: readonly MetricQuery[];
}

/** A planned alarm: its name, its description and how it evaluates. */
export interface QueryAlarmSpec extends QueryAlarmSettings {
    readonly name: string;
    readonly description: pulumi.Input<string>;
}

/**
 * Creates a planned alarm in `region` (default: the provider's). With `topicArn` it notifies the
 * topic of ALARM and OK; without, its state changes reach the topic through EventBridge.
 */
export function createQueryAlarm(
    parent: pulumi.Resource,
    name: string,
    spec: QueryAlarmSpec,
    placement: {
        readonly region?: string;
        readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
        readonly topicArn?: pulumi.Input<string>;
    },
) {
    const { description, metricQueries, ...settings } = spec;
    return createAlarm(
        parent,
        name,
        {
            ...settings,
            alarmDescription: description,
            metricQueries: metricQueries.map((query) => ({ ...query })),
            region: placement.region,
            tags: placement.tags,
        },
        placement.topicArn,
    );
}
