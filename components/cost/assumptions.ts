// What the estimate takes for granted, said with it.
import type { CostInput } from "./estimate";
import { PRICE_DATE, PRICE_REGION, PRICES } from "./prices";
import { pricedResource } from "./resources";

export function assumptions(input: CostInput): string[] {
    const insightsAlarms = input.resources.filter(
        (resource) => pricedResource(resource)?.kind === "metrics-insights-alarm",
    ).length;
    return [
        `List prices in ${PRICE_REGION} on ${PRICE_DATE}; other regions differ (docs/cost.md).`,
        "Free tiers are per account (or per organization) and are left out: the 10 free alarm metrics, " +
            "10 custom metrics and 3 dashboards may already be used by something else.",
        `${insightsAlarms} Metrics Insights alarms cost $${PRICES.metricsInsightsMetric.usd.toFixed(2)} a month per ` +
            "metric their query analyzes: every key with expiring material (at least the known ones are counted) " +
            "and every custom key store metric series (none without a custom key store).",
        "A rotating key costs $1 a month in its first year, $2 after the first rotation and $3 from the second; " +
            "shown at $3.",
        ...(input.members === undefined
            ? []
            : [
                  `Member accounts are not known offline: ${input.members.accounts} per member region priced ` +
                      "(npm run plan -- --member-accounts <n>); their share is billed to each member account.",
              ]),
    ];
}
