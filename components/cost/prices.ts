// The one price table of the cost estimate (npm run plan, and the warning in pulumi up). Every price
// is AWS's list price in US East (N. Virginia), us-east-1, on the date below; other regions differ
// (CloudWatch Logs ingestion is $0.76 per GB in Tokyo, for one). docs/cost.md renders this table,
// and a test keeps the docs' figures in step with it.

/** When the prices were read. */
export const PRICE_DATE = "2026-12-07";
/** The region the prices are for. */
export const PRICE_REGION = "us-east-1";

export interface Price {
    readonly usd: number;
    /** What one `usd` buys: `alarm metric-month`, `million events`, ... */
    readonly per: string;
    /** The AWS page that states it. */
    readonly source: string;
    /** How sure we are: the page itself, AWS's user guide, or copies of the page and price list. */
    readonly confirmedBy: "pricing page" | "user guide" | "price list copies";
}

const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";
const CLOUDWATCH_BILLING =
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_billing.html";
const EVENTBRIDGE = "https://aws.amazon.com/eventbridge/pricing/";
const SNS = "https://aws.amazon.com/sns/pricing/";

export const PRICES = {
    /** A standard-resolution alarm, per metric it references ("each alarm-metric that's referenced"). */
    alarmMetric: {
        usd: 0.1,
        per: "alarm metric-month",
        source: CLOUDWATCH_BILLING,
        confirmedBy: "price list copies",
    },
    /** A high-resolution alarm (period 10, 20 or 30 seconds), per metric. */
    highResolutionAlarmMetric: {
        usd: 0.3,
        per: "alarm metric-month",
        source: CLOUDWATCH,
        confirmedBy: "price list copies",
    },
    /** A Metrics Insights query alarm, per metric its query analyzes; no free tier. */
    metricsInsightsMetric: {
        usd: 0.1,
        per: "analyzed metric-month",
        source: CLOUDWATCH_BILLING,
        confirmedBy: "price list copies",
    },
    /** A custom metric (first 10,000), metered only in the hours it receives data. */
    customMetric: {
        usd: 0.3,
        per: "metric-month",
        source: CLOUDWATCH,
        confirmedBy: "price list copies",
    },
    /** A dashboard beyond the account's three free ones (of 50 metrics or fewer). */
    dashboard: { usd: 3, per: "dashboard-month", source: CLOUDWATCH, confirmedBy: "pricing page" },
    /** A customer managed KMS key, any origin. */
    kmsKey: {
        usd: 1,
        per: "key-month",
        source: "https://aws.amazon.com/kms/pricing/",
        confirmedBy: "pricing page",
    },
    /** The first and the second rotation of a key each add this; later rotations add nothing. */
    kmsKeyRotation: {
        usd: 1,
        per: "rotation-month (first two rotations only)",
        source: "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
        confirmedBy: "user guide",
    },
    kmsRequests: {
        usd: 0.03,
        per: "10,000 requests (20,000 a month free)",
        source: "https://aws.amazon.com/kms/pricing/",
        confirmedBy: "price list copies",
    },
    logsIngestion: {
        usd: 0.5,
        per: "GB ingested (5 GB a month free)",
        source: CLOUDWATCH,
        confirmedBy: "price list copies",
    },
    logsStorage: {
        usd: 0.03,
        per: "GB-month stored",
        source: CLOUDWATCH,
        confirmedBy: "price list copies",
    },
    /** Management events of a second trail: the first copy is free. */
    trailExtraCopy: {
        usd: 2,
        per: "100,000 management events",
        source: "https://aws.amazon.com/cloudtrail/pricing/",
        confirmedBy: "pricing page",
    },
    /** AWS events delivered to another account, charged to the sending account. */
    crossAccountEvents: {
        usd: 1,
        per: "million events",
        source: EVENTBRIDGE,
        confirmedBy: "price list copies",
    },
    /** Events sent to a bus in another region: billed as custom events, plus data transfer. */
    crossRegionEvents: {
        usd: 1,
        per: "million events",
        source: EVENTBRIDGE,
        confirmedBy: "price list copies",
    },
    /** Data sent to another region: forwarded events, billed on top of the events themselves. */
    interRegionTransfer: {
        usd: 0.02,
        per: "GB sent to another region",
        source: "https://aws.amazon.com/ec2/pricing/on-demand/",
        confirmedBy: "price list copies",
    },
    /** The trail's log files in its S3 bucket, S3 Standard. */
    s3Storage: {
        usd: 0.023,
        per: "GB-month (S3 Standard)",
        source: "https://aws.amazon.com/s3/pricing/",
        confirmedBy: "price list copies",
    },
    s3Puts: {
        usd: 0.005,
        per: "1,000 PUT requests",
        source: "https://aws.amazon.com/s3/pricing/",
        confirmedBy: "price list copies",
    },
    apiDestinationInvocations: {
        usd: 0.2,
        per: "million invocations",
        source: EVENTBRIDGE,
        confirmedBy: "price list copies",
    },
    snsPublishes: {
        usd: 0.5,
        per: "million publishes (1 million a month free)",
        source: SNS,
        confirmedBy: "price list copies",
    },
    snsEmail: {
        usd: 2,
        per: "100,000 email notifications (1,000 a month free)",
        source: SNS,
        confirmedBy: "price list copies",
    },
    snsHttps: {
        usd: 0.6,
        per: "million HTTPS notifications (100,000 a month free)",
        source: SNS,
        confirmedBy: "price list copies",
    },
    sqsRequests: {
        usd: 0.4,
        per: "million requests (1 million a month free)",
        source: "https://aws.amazon.com/sqs/pricing/",
        confirmedBy: "price list copies",
    },
} as const satisfies Record<string, Price>;

export type PriceKey = keyof typeof PRICES;

/** An amount in dollars as the plan and docs/cost.md show it: cents, or the fraction a price has. */
export function formatUsd(usd: number): string {
    const decimals = Math.max(2, (String(usd).split(".")[1] ?? "").length);
    return `$${usd.toFixed(decimals)}`;
}
