// The monthly cost estimate: the fixed items of what the stack registers, the member accounts'
// share per account and region, what is billed per use (usage.ts), and the assumptions behind it.
import { PRICE_DATE, PRICE_REGION, PRICES, PriceKey } from "./prices";
import { Priced, pricedResource, PricedInput } from "./resources";
import { assumptions } from "./assumptions";
import { PerUseItem, perUseItems, UsageFacts } from "./usage";

/** A resource of the stack, in the region it is created in. */
export interface RegionalResource extends PricedInput {
    readonly region: string;
}

/** What member accounts add: per member account and region, scaled by the accounts assumed. */
export interface MemberShare {
    /** How many member accounts to price. */
    readonly accounts: number;
    /** Every member region: each account gets the member template in each. */
    readonly regions: readonly string[];
    /** The member template's resources: created, and billed, in each member account and region. */
    readonly template: readonly PricedInput[];
    /** What the central account keeps per member account and region (a silent-member alarm and metric). */
    readonly central: readonly PricedInput[];
    /** Where the central account keeps them. */
    readonly centralRegion: string;
}

export interface CostInput {
    readonly resources: readonly RegionalResource[];
    readonly members?: MemberShare;
    /** Which per-use lines apply. Default: none listed. */
    readonly usage?: UsageFacts;
}

export interface CostItem {
    readonly what: string;
    readonly region: string;
    readonly count: number;
    readonly unitUsd: number;
    readonly monthlyUsd: number;
}

export interface CostEstimate {
    readonly currency: "USD";
    readonly priceDate: string;
    /** The region the prices are for; other regions differ. */
    readonly priceRegion: string;
    readonly monthlyUsd: number;
    readonly items: CostItem[];
    readonly perUse: PerUseItem[];
    readonly assumptions: string[];
    /** With member accounts: how many were priced, and what one member account and region adds. */
    readonly memberAccounts?: number;
    readonly perMemberAccountAndRegionUsd?: number;
}

/** The same item in the same region, counted: `what` names it, `price` prices one. */
interface Count {
    readonly what: string;
    readonly price: PriceKey;
    readonly count: number;
}

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** What one priced resource counts for; Metrics Insights alarms are counted per region (below). */
function counts(priced: Priced, memberCentral: boolean): Count[] {
    switch (priced.kind) {
        case "alarm":
            return priced.highResolution
                ? [
                      {
                          what: "alarm metrics, high resolution",
                          price: "highResolutionAlarmMetric",
                          count: priced.metrics,
                      },
                  ]
                : [{ what: "alarm metrics", price: "alarmMetric", count: priced.metrics }];
        case "key":
            return [
                { what: "customer managed KMS keys", price: "kmsKey", count: 1 },
                // KMS pricing: the first and second rotation each add $1 a month, later ones nothing.
                ...(priced.rotates
                    ? [
                          {
                              what: "KMS key rotations (the two billed ones, from the second rotation on)",
                              price: "kmsKeyRotation" as const,
                              count: 2,
                          },
                      ]
                    : []),
            ];
        case "dashboard":
            return [{ what: "dashboards", price: "dashboard", count: 1 }];
        case "metric-filter":
            // A filter with no default value publishes only when a log event matches, and a custom
            // metric is "metered only when you send metrics": per use, unless it is sent all the time
            // (a default value, or the member heartbeats, which arrive every five minutes).
            return priced.alwaysPublished || memberCentral
                ? [{ what: "custom metrics of metric filters", price: "customMetric", count: 1 }]
                : [];
        case "metrics-insights-alarm":
            return [];
    }
}

/**
 * A Metrics Insights alarm is billed per metric its query analyzes, which no offline plan can
 * know; the expiring-key query analyzes at least the keys the stack alarms on one by one there.
 */
function metricsInsightsCounts(resources: readonly RegionalResource[], region: string): Count[] {
    const here = resources.filter((resource) => resource.region === region);
    const expiryAlarms = here.filter((resource) => {
        const properties = resource.properties;
        return (
            pricedResource(resource)?.kind === "alarm" &&
            properties.metricName === "SecondsUntilKeyMaterialExpiration"
        );
    }).length;
    const expiringKeyQueries = here.filter((resource) => {
        const priced = pricedResource(resource);
        return (
            priced?.kind === "metrics-insights-alarm" &&
            priced.metricName === "SecondsUntilKeyMaterialExpiration"
        );
    }).length;
    return [
        {
            what: "Metrics Insights metrics analyzed (the keys with expiring material the stack knows)",
            price: "metricsInsightsMetric",
            count: expiringKeyQueries * expiryAlarms,
        },
    ];
}

function item(what: string, region: string, price: PriceKey, count: number): CostItem {
    const unitUsd = PRICES[price].usd;
    return { what, region, count, unitUsd, monthlyUsd: cents(count * unitUsd) };
}

/** Counts of the same what and region added up, as items. */
function itemsOf(entries: readonly { region: string; count: Count }[]): CostItem[] {
    const totals = new Map<string, { region: string; count: Count }>();
    for (const { region, count } of entries) {
        const key = `${region}\u0000${count.what}`;
        const seen = totals.get(key);
        totals.set(key, {
            region,
            count: { ...count, count: (seen?.count.count ?? 0) + count.count },
        });
    }
    return [...totals.values()]
        .filter(({ count }) => count.count > 0)
        .map(({ region, count }) => item(count.what, region, count.price, count.count));
}

function stackItems(resources: readonly RegionalResource[]): CostItem[] {
    const regions = [...new Set(resources.map((resource) => resource.region))];
    return itemsOf([
        ...resources.flatMap((resource) => {
            const priced = pricedResource(resource);
            return priced === undefined
                ? []
                : counts(priced, false).map((count) => ({ region: resource.region, count }));
        }),
        ...regions.flatMap((region) =>
            metricsInsightsCounts(resources, region).map((count) => ({ region, count })),
        ),
    ]);
}

/** What one member account and region costs, its own share and the central account's. */
function memberUnit(members: MemberShare): { template: Count[]; central: Count[] } {
    const of = (resources: readonly PricedInput[], central: boolean) =>
        resources.flatMap((resource) => {
            const priced = pricedResource(resource);
            return priced === undefined ? [] : counts(priced, central);
        });
    return { template: of(members.template, false), central: of(members.central, true) };
}

const PER_MEMBER = "per member account and region";

function memberItems(members: MemberShare): { items: CostItem[]; perUnitUsd: number } {
    const unit = memberUnit(members);
    const scale = (count: Count, prefix: string): Count => ({
        ...count,
        what: `${prefix} ${count.what}, ${PER_MEMBER}`,
        count: count.count * members.accounts,
    });
    const items = itemsOf([
        ...members.regions.flatMap((region) =>
            unit.template.map((count) => ({ region, count: scale(count, "member accounts:") })),
        ),
        ...members.regions.flatMap(() =>
            unit.central.map((count) => ({
                region: members.centralRegion,
                count: scale(count, "central account:"),
            })),
        ),
    ]);
    const perUnitUsd = [...unit.template, ...unit.central].reduce(
        (sum, count) => sum + count.count * PRICES[count.price].usd,
        0,
    );
    return { items, perUnitUsd: cents(perUnitUsd) };
}

/** The whole estimate, largest items first. */
export function estimateCost(input: CostInput): CostEstimate {
    const members = input.members === undefined ? undefined : memberItems(input.members);
    const items = [...stackItems(input.resources), ...(members?.items ?? [])].sort(
        (a, b) =>
            b.monthlyUsd - a.monthlyUsd ||
            a.what.localeCompare(b.what) ||
            a.region.localeCompare(b.region),
    );
    return {
        currency: "USD",
        priceDate: PRICE_DATE,
        priceRegion: PRICE_REGION,
        monthlyUsd: cents(items.reduce((sum, entry) => sum + entry.monthlyUsd, 0)),
        items,
        perUse: input.usage === undefined ? [] : perUseItems(input.usage),
        assumptions: assumptions(input),
        ...(input.members === undefined
            ? {}
            : {
                  memberAccounts: input.members.accounts,
                  perMemberAccountAndRegionUsd: members?.perUnitUsd,
              }),
    };
}
