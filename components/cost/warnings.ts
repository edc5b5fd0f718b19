// When the fixed monthly cost is worth a warning, and what to change to lower it.
import type { CostEstimate, CostItem } from "./estimate";

/**
 * $50 a month of fixed cost. The shipped single-account stacks cost a few dollars to about $20 a
 * month (docs/cost.md): two keys, a dashboard, one alarm metric per alarm. Past $50 the cost is
 * no longer the stack's own but what scales with the configuration (member accounts × regions,
 * watched keys, regions), which is when a user wants to know before `pulumi up`.
 */
export const COST_WARNING_USD = 50;

/** What lowers an item, by what it is. */
const REMEDIES: readonly { match: RegExp; remedy: string }[] = [
    {
        match: /^central account: alarm metrics/,
        remedy:
            "the silent-member alarms come with organization.observability: narrow the organizational units " +
            "or the regions, or rely on the member heartbeats' count alarm alone by turning observability off",
    },
    {
        match: /^member accounts:/,
        remedy:
            "each member account and region gets the member template's alarms: narrow " +
            "organization.organizationalUnitIds or regions, or set requestQuotaAlarms or " +
            "customKeyStoreAlarms to false",
    },
    {
        match: /^alarm metrics/,
        remedy:
            "each watchedKeys entry has an alarm of its own: with discoverExpiringKeys on, every expiring key is " +
            "already found, so list only the keys that must stay in ALARM after their material expires",
    },
];

function remedyFor(item: CostItem): string | undefined {
    return REMEDIES.find(({ match }) => match.test(item.what))?.remedy;
}

/**
 * One warning when the estimate is past the threshold, naming its largest items and what to change.
 * `subject` is what the estimate prices: the whole stack, or its member accounts' share.
 */
export function costWarning(estimate: CostEstimate, subject = "this stack"): string | undefined {
    if (estimate.monthlyUsd <= COST_WARNING_USD) {
        return undefined;
    }
    const largest = estimate.items.slice(0, 3);
    const remedies = [...new Set(largest.map(remedyFor).filter((remedy) => remedy !== undefined))];
    return (
        `The fixed cost of ${subject} is about $${estimate.monthlyUsd.toFixed(2)} a month, over ` +
        `$${COST_WARNING_USD}: most of it is ${largest
            .map((entry) => `${entry.what} in ${entry.region} ($${entry.monthlyUsd.toFixed(2)})`)
            .join(", ")}.` +
        (remedies.length > 0 ? ` To lower it: ${remedies.join("; ")}.` : "") +
        " npm run plan shows the whole estimate (docs/cost.md)."
    );
}
