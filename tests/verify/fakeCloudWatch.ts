/** CloudWatch, answered from a FakeAccount: its metrics' data points, linked metrics and alarms. */
import {
    CloudWatchClient,
    DescribeAlarmsCommand,
    GetMetricDataCommand,
    ListMetricsCommand,
} from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import type { FakeAccount } from "./fakeAccount";
import { metricKey } from "./fakeMetrics";
import { pageOf, regionOf } from "./fakeService";

/** KMS's `AWS/Usage` metrics among the fake's metrics of `region`, as ListMetrics lists them. */
function usageMetrics(fake: FakeAccount, region: string) {
    return [...fake.metrics.keys()]
        .filter(
            (key) =>
                key.startsWith(`${region} AWS/Usage CallCount `) && key.includes("Service=KMS"),
        )
        .map((key) => ({
            Namespace: "AWS/Usage",
            MetricName: "CallCount",
            Dimensions: key
                .split(" ")[3]
                .split(",")
                .map((pair) => ({ Name: pair.split("=")[0], Value: pair.split("=")[1] })),
        }));
}

/** One of GetMetricData's MetricDataQueries, as verify sends it: one metric's statistic. */
interface MetricStatQuery {
    Id: string;
    MetricStat: {
        Metric: {
            Namespace: string;
            MetricName: string;
            Dimensions: { Name: string; Value: string }[];
        };
        Period: number;
    };
}

/** GetMetricData's result for one query: the metric's data points in the window, if any. */
function metricDataResult(
    fake: FakeAccount,
    region: string,
    window: { StartTime: Date; EndTime: Date },
    query: MetricStatQuery,
) {
    const { Metric, Period } = query.MetricStat;
    const dimensions = Object.fromEntries(Metric.Dimensions.map((each) => [each.Name, each.Value]));
    const source = fake.metrics.get(
        metricKey(region, Metric.Namespace, Metric.MetricName, dimensions),
    );
    // "Start time less than 15 days ago - Round down to the nearest whole minute"
    // (CloudWatch API reference, GetMetricData, StartTime).
    const data = source?.({
        startMs: Math.floor(window.StartTime.getTime() / 60_000) * 60_000,
        endMs: window.EndTime.getTime(),
        period: Period * 1000,
    });
    return {
        Id: query.Id,
        StatusCode: "Complete",
        Timestamps: (data?.timestamps ?? []).map((time) => new Date(time)),
        Values: data?.values ?? [],
    };
}

/**
 * A quota alarm's utilization, `usage / PERIOD(usage) / SERVICE_QUOTA(usage) * 100`, against a
 * quota of 10,000 a second; nothing where Service Quotas has no KMS quotas.
 */
function utilizationResult(
    fake: FakeAccount,
    region: string,
    query: { Id: string; Expression: string },
    results: readonly ReturnType<typeof metricDataResult>[],
) {
    const usageId = /SERVICE_QUOTA\((\w+)\)/.exec(query.Expression)?.[1];
    const usage = results.find((result) => result.Id === usageId);
    const quota = fake.withoutServiceQuotas?.has(region) ? undefined : 10_000;
    return {
        Id: query.Id,
        StatusCode: "Complete",
        Timestamps: quota === undefined ? [] : (usage?.Timestamps ?? []),
        Values:
            quota === undefined
                ? []
                : (usage?.Values ?? []).map((value) => (value / 60 / quota) * 100),
    };
}

/** GetMetricData: each metric's data points, and each quota alarm's utilization from them. */
function getMetricData(fake: FakeAccount) {
    return async (input: any, getClient: any) => {
        const region = await regionOf(getClient);
        const queries = input.MetricDataQueries as (MetricStatQuery & { Expression?: string })[];
        const metrics: ReturnType<typeof metricDataResult>[] = queries
            .filter((query) => query.Expression === undefined)
            .map((query) => metricDataResult(fake, region, input, query));
        const results = queries.map(
            (query) =>
                metrics.find((result) => result.Id === query.Id) ??
                utilizationResult(
                    fake,
                    region,
                    { Id: query.Id, Expression: query.Expression ?? "" },
                    metrics,
                ),
        );
        // GetMetricData pages its data points: MaxDatapoints is "the maximum number of data
        // points the request should return before paginating" (CloudWatch API reference). Here a
        // page holds at most 50 of each query's, so a day of hourly points takes one page, a
        // fortnight several.
        const start = Number(input.NextToken ?? 0);
        const end = start + 50;
        return {
            MetricDataResults: results.map((result) => ({
                ...result,
                Timestamps: result.Timestamps.slice(start, end),
                Values: result.Values.slice(start, end),
            })),
            NextToken: results.some((result) => result.Values.length > end)
                ? String(end)
                : undefined,
        };
    };
}

export function fakeCloudWatch(fake: FakeAccount) {
    const cloudWatch = mockClient(CloudWatchClient);
    cloudWatch.on(GetMetricDataCommand).callsFake(getMetricData(fake));
    // The linked metric of every account the sink sees, the central account's own included.
    cloudWatch.on(ListMetricsCommand).callsFake(async (input, getClient) => {
        if (input.Namespace === "AWS/Usage") {
            return { Metrics: usageMetrics(fake, await regionOf(getClient)) };
        }
        const { page, NextToken } = pageOf(
            input.IncludeLinkedAccounts
                ? (fake.organization.linkedAccounts.get(await regionOf(getClient)) ?? [])
                : [],
            input.NextToken,
        );
        return {
            Metrics: page.map(() => ({
                Namespace: input.Namespace,
                MetricName: input.MetricName,
                Dimensions: input.Dimensions,
            })),
            OwningAccounts: page,
            NextToken,
        };
    });
    cloudWatch.on(DescribeAlarmsCommand).callsFake(async (input, getClient) => {
        const region = await regionOf(getClient);
        const { page, NextToken } = pageOf(
            (input.AlarmNames as string[])
                .map((name) => fake.alarms.get(`${region} ${name}`))
                .filter((alarm) => alarm !== undefined),
            input.NextToken,
        );
        return { MetricAlarms: page, NextToken };
    });
    return cloudWatch;
}
