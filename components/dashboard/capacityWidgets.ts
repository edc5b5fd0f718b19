import {
    KEY_STORE_SIGNALS,
    KMS_REQUEST_QUOTAS,
    KeyStoreSignal,
    KmsRequestQuota,
    quotaUtilizationExpression,
    requestQuotaUsageMetric,
} from "../alarms";
import { graph, Unplaced } from "./widgets";

/** The percent of each shared request quota, as the request quota alarms compute it. */
export function quotaUtilizationGraph(
    region: string,
    title: (text: string) => string,
    warningPercent: number,
): Unplaced {
    return graph({
        title: title("KMS request quotas: percent of the applied quota (per second, each minute)"),
        region,
        metrics: KMS_REQUEST_QUOTAS.flatMap((quota, index) => {
            const { namespace, metricName, dimensions, period, stat } =
                requestQuotaUsageMetric(quota);
            return [
                [
                    namespace,
                    metricName,
                    ...Object.entries(dimensions).flat(),
                    { id: `u${index}`, stat, period, visible: false },
                ],
                [
                    {
                        expression: quotaUtilizationExpression(`u${index}`),
                        id: `p${index}`,
                        label: quota.quotaName,
                    },
                ],
            ];
        }),
        stat: "Sum",
        period: 60,
        yAxis: { left: { min: 0, label: "percent" } },
        annotations: {
            horizontal: [
                { label: `${warningPercent}%: the quota alarms fire`, value: warningPercent },
                { label: "100%: KMS throttles", value: 100 },
            ],
        },
    });
}

const signal = (role: string): KeyStoreSignal => {
    const found = KEY_STORE_SIGNALS.find((each) => each.role === role);
    if (found === undefined) {
        throw new Error(`no key store signal ${role}`);
    }
    return found;
};

/** Each signal's alarm query, one series per store. */
const rows = (roles: readonly string[]) =>
    roles.map((role, index) => [
        {
            expression: signal(role).query,
            id: `k${index}`,
            period: signal(role).period,
            label: role,
        },
    ]);

/**
 * The key store alarms' own queries, one series per store: the certificate's days left, the
 * proxy's latency, and the counts (errors, key manager instances not Active, throttled requests).
 * With no custom key store the graphs are empty.
 */
export function keyStoreGraphs(region: string, title: (text: string) => string): Unplaced[] {
    return [
        graph({
            title: title("Custom key stores: days until the proxy's TLS certificate expires"),
            region,
            metrics: rows(["certificate"]),
            stat: "Minimum",
            period: 3600,
            yAxis: { left: { min: 0, label: "days" } },
        }),
        graph({
            title: title("Custom key stores: proxy latency (ms)"),
            region,
            metrics: rows(["proxy-latency"]),
            stat: "Average",
            period: 300,
        }),
        graph({
            title: title("Custom key stores: proxy errors, key managers not Active, throttles"),
            region,
            metrics: rows(["proxy-errors", "key-manager", "xks-throttle", "cloudhsm-throttle"]),
            stat: "Sum",
            period: 300,
        }),
    ];
}

/**
 * Each member account's calls on one shared quota, per minute (monitoring account, through the
 * sinks): the quota alarms' usage metric, with exactly its dimensions.
 */
export function memberRequestCountQuery(quota: KmsRequestQuota): string {
    const { namespace, metricName, dimensions } = requestQuotaUsageMetric(quota);
    const { Resource, ...shared } = dimensions;
    const equal = Object.entries({ ...shared, Resource }).map(
        ([name, value]) => `${name} = '${value}'`,
    );
    return (
        `SELECT SUM(${metricName}) FROM SCHEMA("${namespace}", ` +
        `${Object.keys(dimensions).sort().join(", ")}) WHERE ${equal.join(" AND ")} ` +
        "GROUP BY AWS.AccountId ORDER BY SUM() DESC"
    );
}

/**
 * Each member account's rate on each shared request quota, through the sinks: the central account
 * cannot compare it with a member's own applied quota (`SERVICE_QUOTA` takes a usage metric, not a
 * query's result), so the members' alarms do that; the graph shows who is close. `SUM` per minute
 * divided by 60 is the per-second rate the quotas count.
 */
export function memberRequestRateGraph(region: string): Unplaced {
    return graph({
        title: `Member accounts: KMS requests per second on each shared quota, by account (${region})`,
        region,
        metrics: KMS_REQUEST_QUOTAS.flatMap((quota, index) => [
            [
                {
                    expression: memberRequestCountQuery(quota),
                    id: `c${index}`,
                    period: 60,
                    visible: false,
                },
            ],
            [{ expression: `c${index} / 60`, id: `r${index}`, label: quota.quotaName }],
        ]),
        stat: "Sum",
        period: 60,
        yAxis: { left: { min: 0, label: "requests per second" } },
    });
}
