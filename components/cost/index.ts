// The monthly cost estimate: one price table (prices.ts), what each resource costs by itself
// (resources.ts), per use (usage.ts), the estimate (estimate.ts) and its warning (warnings.ts).
export { formatUsd, PRICE_DATE, PRICE_REGION, PRICES } from "./prices";
export type { Price, PriceKey } from "./prices";
export { pricedResource } from "./resources";
export type { Priced, PricedInput } from "./resources";
export { usageFacts } from "./usage";
export type { PerUseItem, UsageFacts } from "./usage";
export { estimateCost } from "./estimate";
export type { CostEstimate, CostInput, CostItem, MemberShare, RegionalResource } from "./estimate";
export { COST_WARNING_USD, costWarning } from "./warnings";
