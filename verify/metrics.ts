import { MetricDataQuery, paginateGetMetricData } from "@aws-sdk/client-cloudwatch";
import type { VerificationRule } from "../components/stack";
import type { VerifyContext } from "./context";

/** One metric to read. */
export interface MetricSpec {
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Readonly<Record<string, string>>;
    readonly stat: "Sum" | "Maximum";
}

/** A metric's data points, oldest first. */
export interface Series {
    readonly timestamps: number[];
    readonly values: number[];
}

/** GetMetricData takes at most 500 queries (CloudWatch API reference, GetMetricData). */
const QUERIES_PER_CALL = 500;

/**
 * The rule's dimensions: "Metrics that specify only the RuleName dimension refer to the default
 * event bus. Metrics that specify both the EventBusName and RuleName dimensions refer to a custom
 * event bus" (EventBridge User Guide, "Monitoring Amazon EventBridge").
 */
export function ruleDimensions(
    rule: Pick<VerificationRule, "name" | "busName">,
): Record<string, string> {
    return rule.busName === "default"
        ? { RuleName: rule.name }
        : { EventBusName: rule.busName, RuleName: rule.name };
}

function query(spec: MetricSpec, index: number, period: number): MetricDataQuery {
    return {
        Id: `m${index}`,
        MetricStat: {
            Metric: {
                Namespace: spec.namespace,
                MetricName: spec.metricName,
                Dimensions: Object.entries(spec.dimensions).map(([Name, Value]) => ({
                    Name,
                    Value,
                })),
            },
            Period: period,
            Stat: spec.stat,
        },
        ReturnData: true,
    };
}

/** The data points of each query between `startMs` and `endMs`, by the query's `Id`. */
export async function readQueries(
    ctx: VerifyContext,
    region: string,
    queries: readonly MetricDataQuery[],
    window: { readonly startMs: number; readonly endMs: number },
): Promise<Map<string, Series>> {
    const series = new Map<string, Series>(
        queries.map((each) => [each.Id ?? "", { timestamps: [], values: [] }]),
    );
    const pages = paginateGetMetricData(
        { client: ctx.aws.cloudWatch(region) },
        {
            MetricDataQueries: [...queries],
            StartTime: new Date(window.startMs),
            EndTime: new Date(window.endMs),
            ScanBy: "TimestampAscending",
        },
    );
    for await (const page of pages) {
        for (const result of page.MetricDataResults ?? []) {
            const target = series.get(result.Id ?? "");
            target?.timestamps.push(...(result.Timestamps ?? []).map((time) => time.getTime()));
            target?.values.push(...(result.Values ?? []));
        }
    }
    return series;
}

/** The data points of each metric between `startMs` and `endMs`, in the order of `specs`. */
export async function readSeries(
    ctx: VerifyContext,
    region: string,
    specs: readonly MetricSpec[],
    window: { readonly startMs: number; readonly endMs: number; readonly period: number },
): Promise<Series[]> {
    const series: Series[] = [];
    for (let offset = 0; offset < specs.length; offset += QUERIES_PER_CALL) {
        const queries = specs
            .slice(offset, offset + QUERIES_PER_CALL)
            .map((spec, index) => query(spec, offset + index, window.period));
        const read = await readQueries(ctx, region, queries, window);
        series.push(...queries.map((each) => read.get(each.Id ?? "") as Series));
    }
    return series;
}

export const total = (series: Series) => series.values.reduce((sum, value) => sum + value, 0);
