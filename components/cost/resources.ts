// What a resource costs by itself every month, read from the inputs AWS receives: a Pulumi resource's
// inputs or a CloudFormation resource's properties (the member template). Everything else the stack
// creates (rules, topics, queues, roles, sinks, links, StackSets) has no monthly charge of its own;
// what they cost per use is listed apart (usage.ts).

/** One resource, as the plan or the member template has it. */
export interface PricedInput {
    /** A Pulumi type token (`aws:cloudwatch/metricAlarm:MetricAlarm`) or a CloudFormation type. */
    readonly type: string;
    /** Its inputs (Pulumi) or properties (CloudFormation). */
    readonly properties: Readonly<Record<string, unknown>>;
}

/** What makes a resource cost money every month. */
export type Priced =
    | {
          readonly kind: "alarm";
          /** Metrics the alarm references (metric math counts each metric, not the expressions). */
          readonly metrics: number;
          readonly highResolution: boolean;
      }
    | {
          /** A Metrics Insights query alarm: billed per metric its query analyzes. */
          readonly kind: "metrics-insights-alarm";
          /** The metric its query reads, e.g. SecondsUntilKeyMaterialExpiration. */
          readonly metricName: string;
      }
    | { readonly kind: "key"; readonly rotates: boolean }
    | { readonly kind: "dashboard" }
    | {
          /** A log metric filter: a custom metric, one per dimension combination. */
          readonly kind: "metric-filter";
          readonly dimensions: readonly string[];
          /** A default value makes it publish on every log event, so it is billed every hour. */
          readonly alwaysPublished: boolean;
      };

const ALARM_TYPES = ["aws:cloudwatch/metricAlarm:MetricAlarm", "AWS::CloudWatch::Alarm"];
const KEY_TYPES = ["aws:kms/key:Key", "aws:kms/externalKey:ExternalKey", "AWS::KMS::Key"];
const DASHBOARD_TYPES = ["aws:cloudwatch/dashboard:Dashboard", "AWS::CloudWatch::Dashboard"];
const FILTER_TYPES = ["aws:cloudwatch/logMetricFilter:LogMetricFilter", "AWS::Logs::MetricFilter"];

/** A property by its Pulumi (camelCase) or CloudFormation (PascalCase) name. */
function field(properties: Readonly<Record<string, unknown>>, name: string): unknown {
    return properties[name] ?? properties[name[0].toUpperCase() + name.slice(1)];
}

const record = (value: unknown): Record<string, unknown> =>
    typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

/** The metric queries of an alarm: Pulumi's `metricQueries`, CloudFormation's `Metrics`. */
function metricQueries(properties: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
    const queries = properties.metricQueries ?? properties.Metrics;
    return Array.isArray(queries) ? queries.map(record) : [];
}

function pricedAlarm(properties: Readonly<Record<string, unknown>>): Priced {
    const queries = metricQueries(properties);
    const insights = queries
        .map((query) => field(query, "expression"))
        .find((expression) => typeof expression === "string" && /^\s*SELECT\b/i.test(expression));
    if (typeof insights === "string") {
        return {
            kind: "metrics-insights-alarm",
            metricName: /SELECT\s+\w+\((\w+)\)/i.exec(insights)?.[1] ?? "",
        };
    }
    // CloudWatch User Guide, "CloudWatch billing": a metric math alarm costs "each alarm-metric that's
    // referenced in the metric math expression"; an expression or a constant is not a metric.
    const metrics =
        queries.length > 0
            ? queries.filter((query) => field(query, "metric") ?? query.MetricStat).length
            : 1;
    const periods = [
        field(properties, "period"),
        ...queries.map((query) => field(query, "period") ?? record(query.MetricStat).Period),
        ...queries.map((query) => record(field(query, "metric")).period),
    ].filter((period): period is number => typeof period === "number");
    return { kind: "alarm", metrics, highResolution: periods.some((period) => period < 60) };
}

function pricedFilter(properties: Readonly<Record<string, unknown>>): Priced {
    const transformations =
        field(properties, "metricTransformation") ?? properties.MetricTransformations;
    const transformation = record(
        Array.isArray(transformations) ? transformations[0] : transformations,
    );
    const dimensions = field(transformation, "dimensions");
    return {
        kind: "metric-filter",
        dimensions: Array.isArray(dimensions)
            ? dimensions.map((dimension) => String(field(record(dimension), "key")))
            : Object.keys(record(dimensions)),
        alwaysPublished: field(transformation, "defaultValue") !== undefined,
    };
}

/** What the resource costs by itself every month; undefined when nothing. */
export function pricedResource(resource: PricedInput): Priced | undefined {
    const { type, properties } = resource;
    if (ALARM_TYPES.includes(type)) {
        return pricedAlarm(properties);
    }
    if (KEY_TYPES.includes(type)) {
        return { kind: "key", rotates: field(properties, "enableKeyRotation") === true };
    }
    if (DASHBOARD_TYPES.includes(type)) {
        return { kind: "dashboard" };
    }
    if (FILTER_TYPES.includes(type)) {
        return pricedFilter(properties);
    }
    return undefined;
}
