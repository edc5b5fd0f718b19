/**
 * Parses the subset of the CloudWatch Metrics Insights grammar a multi-time-series alarm uses:
 * `SELECT FUNCTION(metric) FROM SCHEMA("namespace", dim, ...) [GROUP BY dim, ...] [ORDER BY FUNCTION() ASC|DESC] [LIMIT n]`
 * (CloudWatch User Guide, "Metrics Insights query components and syntax"). Throws on anything else.
 */
export interface MetricsInsightsQuery {
    readonly function: string;
    readonly metric: string;
    readonly namespace: string;
    readonly schemaDimensions: readonly string[];
    readonly groupBy: readonly string[];
    readonly orderBy?: { readonly function: string; readonly direction: "ASC" | "DESC" };
}

const FUNCTIONS = ["AVG", "COUNT", "MAX", "MIN", "SUM"];

export function parseMetricsInsights(query: string): MetricsInsightsQuery {
    const match =
        /^SELECT (\w+)\((\w+)\) FROM SCHEMA\("([^"]+)"((?:, \w+)*)\)(?: GROUP BY (\w+(?:, \w+)*))?(?: ORDER BY (\w+)\(\) (ASC|DESC))?(?: LIMIT \d+)?$/.exec(
            query,
        );
    if (!match) {
        throw new Error(`not a query this parser knows: ${query}`);
    }
    const [, fn, metric, namespace, dimensions, groupBy, orderFunction, direction] = match;
    for (const name of [fn, orderFunction].filter((each): each is string => each !== undefined)) {
        if (!FUNCTIONS.includes(name)) {
            throw new Error(`unknown Metrics Insights function ${name}`);
        }
    }
    return {
        function: fn,
        metric,
        namespace,
        schemaDimensions: dimensions
            .split(",")
            .map((each) => each.trim())
            .filter((each) => each.length > 0),
        groupBy: groupBy === undefined ? [] : groupBy.split(",").map((each) => each.trim()),
        orderBy:
            orderFunction === undefined
                ? undefined
                : { function: orderFunction, direction: direction as "ASC" | "DESC" },
    };
}
