/**
 * Parses the subset of the CloudWatch Metrics Insights grammar this stack writes:
 * `SELECT FUNCTION(metric) FROM SCHEMA("namespace", dim, ...) | "namespace" [WHERE key = 'value'
 * [AND ...]] [GROUP BY key, ...] [ORDER BY FUNCTION() ASC|DESC] [LIMIT n]`
 * (CloudWatch User Guide, "Query components and syntax in CloudWatch Metrics Insights"). A label
 * key is a dimension name or, in a monitoring account, `AWS.AccountId`; WHERE compares with `=` or
 * `!=` against a single-quoted value or `CURRENT_ACCOUNT_ID()`, conditions joined by AND only.
 * Throws on anything else, and on a WHERE or GROUP BY key that is neither a SCHEMA dimension nor
 * `AWS.AccountId` (such a query matches nothing, or groups everything under `Other`). A query on
 * the bare namespace matches the metric "regardless of [its] dimensions" (the same page), so any
 * key goes; `schemaDimensions` is then undefined.
 */
export interface MetricsInsightsCondition {
    readonly key: string;
    readonly operator: "=" | "!=";
    /** The value without its quotes, or `CURRENT_ACCOUNT_ID()`. */
    readonly value: string;
}

export interface MetricsInsightsQuery {
    readonly function: string;
    readonly metric: string;
    readonly namespace: string;
    /** Undefined for a query on the bare namespace, which matches any dimensions. */
    readonly schemaDimensions?: readonly string[];
    readonly where: readonly MetricsInsightsCondition[];
    readonly groupBy: readonly string[];
    readonly orderBy?: { readonly function: string; readonly direction: "ASC" | "DESC" };
}

const FUNCTIONS = ["AVG", "COUNT", "MAX", "MIN", "SUM"];
const ACCOUNT_LABEL = "AWS.AccountId";
const KEY = String.raw`(?:AWS\.AccountId|\w+)`;
const VALUE = String.raw`(?:'[^']*'|CURRENT_ACCOUNT_ID\(\))`;
const CONDITION = `${KEY} (?:=|!=) ${VALUE}`;
const QUERY = new RegExp(
    String.raw`^SELECT (\w+)\((\w+)\) FROM (?:SCHEMA\("([^"]+)"((?:, \w+)*)\)|"([^"]+)")` +
        `(?: WHERE (${CONDITION}(?: AND ${CONDITION})*))?` +
        `(?: GROUP BY (${KEY}(?:, ${KEY})*))?` +
        String.raw`(?: ORDER BY (\w+)\(\) (ASC|DESC))?(?: LIMIT \d+)?$`,
);

function condition(text: string): MetricsInsightsCondition {
    const match = new RegExp(`^(${KEY}) (=|!=) (${VALUE})$`).exec(text.trim());
    if (!match) {
        throw new Error(`not a condition: ${text}`);
    }
    const value = match[3].startsWith("'") ? match[3].slice(1, -1) : match[3];
    return { key: match[1], operator: match[2] as "=" | "!=", value };
}

export function parseMetricsInsights(query: string): MetricsInsightsQuery {
    const match = QUERY.exec(query);
    if (!match) {
        throw new Error(`not a query this parser knows: ${query}`);
    }
    const [, fn, metric, schemaNamespace, dimensions, bareNamespace, where, groupBy] = match;
    const [orderFunction, direction] = match.slice(8);
    for (const name of [fn, orderFunction].filter((each): each is string => each !== undefined)) {
        if (!FUNCTIONS.includes(name)) {
            throw new Error(`unknown Metrics Insights function ${name}`);
        }
    }
    const schemaDimensions = dimensions
        ?.split(",")
        .map((each) => each.trim())
        .filter((each) => each.length > 0);
    const parsed = {
        function: fn,
        metric,
        namespace: schemaNamespace ?? bareNamespace,
        schemaDimensions,
        where: where === undefined ? [] : where.split(" AND ").map(condition),
        groupBy: groupBy === undefined ? [] : groupBy.split(",").map((each) => each.trim()),
        orderBy:
            orderFunction === undefined
                ? undefined
                : { function: orderFunction, direction: direction as "ASC" | "DESC" },
    };
    for (const key of [...parsed.where.map((each) => each.key), ...parsed.groupBy]) {
        if (
            schemaDimensions !== undefined &&
            key !== ACCOUNT_LABEL &&
            !schemaDimensions.includes(key)
        ) {
            throw new Error(`${key} is not a dimension of the SCHEMA: ${query}`);
        }
    }
    return parsed;
}

/** A metric as CloudWatch stores it: namespace, name and dimensions. */
export interface StoredMetric {
    readonly namespace: string;
    readonly name: string;
    readonly dimensions: Readonly<Record<string, string>>;
}

/**
 * Whether `query` reads `metric`: the same namespace and metric name, exactly the SCHEMA's
 * dimensions when it names a SCHEMA, and every WHERE condition met. A metric without a WHERE key
 * is taken to fail the condition, `!=` included: no page says how Metrics Insights treats it.
 */
export function readsMetric(query: MetricsInsightsQuery, metric: StoredMetric): boolean {
    const names = Object.keys(metric.dimensions);
    const schema = query.schemaDimensions;
    const sameSet =
        schema === undefined ||
        (schema.length === names.length && schema.every((name) => names.includes(name)));
    return (
        query.namespace === metric.namespace &&
        query.metric === metric.name &&
        sameSet &&
        query.where.every(({ key, operator, value }) => {
            const actual = metric.dimensions[key];
            return actual !== undefined && (operator === "=") === (actual === value);
        })
    );
}
