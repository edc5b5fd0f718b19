// What the stack costs per use, priced per unit with no guess at volume: only the lines that apply
// to the stack's own resources are listed.
import { PRICES, PriceKey } from "./prices";
import { pricedResource } from "./resources";
import type { RegionalResource } from "./estimate";

export interface PerUseItem {
    readonly what: string;
    readonly unit: string;
    readonly unitUsd: number;
}

/** Which kinds of use the stack has. */
export interface UsageFacts {
    /** Forwarders send events to the home bus from other regions. */
    readonly crossRegion: boolean;
    /** Member accounts send events to the organization bus. */
    readonly crossAccount: boolean;
    readonly apiDestination: boolean;
    readonly email: boolean;
    /** Chat (Amazon Q Developer's endpoint) or webhooks. */
    readonly https: boolean;
    readonly queues: boolean;
    readonly logGroups: boolean;
    readonly trail: boolean;
    readonly encryptedTopic: boolean;
    readonly metricsInsights: boolean;
    /** Metric filters that publish only when a log event matches. */
    readonly metricFiltersOnMatch: boolean;
}

const has = (resources: readonly RegionalResource[], ...types: string[]) =>
    resources.some((resource) => types.includes(resource.type));

/** The uses the registered resources have. */
export function usageFacts(
    resources: readonly RegionalResource[],
    homeRegion: string,
    members: boolean,
): UsageFacts {
    const protocols = resources
        .filter((resource) => resource.type === "aws:sns/topicSubscription:TopicSubscription")
        .map((resource) => resource.properties.protocol);
    const priced = resources.map(pricedResource);
    return {
        crossRegion: resources.some((resource) => resource.region !== homeRegion),
        crossAccount: members,
        apiDestination: has(resources, "aws:cloudwatch/eventApiDestination:EventApiDestination"),
        email: protocols.includes("email"),
        https:
            protocols.includes("https") ||
            has(
                resources,
                "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
                "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration",
            ),
        queues: has(resources, "aws:sqs/queue:Queue"),
        logGroups: has(resources, "aws:cloudwatch/logGroup:LogGroup", "awsx:cloudtrail:Trail"),
        trail: has(resources, "awsx:cloudtrail:Trail", "aws:cloudtrail/trail:Trail"),
        encryptedTopic: resources.some(
            (resource) =>
                resource.type === "aws:sns/topic:Topic" &&
                resource.properties.kmsMasterKeyId !== undefined,
        ),
        metricsInsights: priced.some((entry) => entry?.kind === "metrics-insights-alarm"),
        metricFiltersOnMatch: priced.some(
            (entry) => entry?.kind === "metric-filter" && !entry.alwaysPublished,
        ),
    };
}

const LINES: readonly { when: keyof UsageFacts | "always"; what: string; price: PriceKey }[] = [
    {
        when: "always",
        what: "SNS publishes (every alert, alarm and notification)",
        price: "snsPublishes",
    },
    { when: "email", what: "SNS email notifications", price: "snsEmail" },
    { when: "https", what: "SNS HTTPS notifications (chat, webhooks)", price: "snsHttps" },
    {
        when: "crossRegion",
        what:
            "events forwarded to the home region (KMS events, alarm changes; " +
            "the heartbeat, 8,760 a month per region)",
        price: "crossRegionEvents",
    },
    {
        when: "crossAccount",
        what:
            "events member accounts send to the organization bus (billed to them; " +
            "the heartbeat, 8,760 a month per member account and region)",
        price: "crossAccountEvents",
    },
    {
        when: "apiDestination",
        what: "PagerDuty API destination invocations",
        price: "apiDestinationInvocations",
    },
    {
        when: "queues",
        what: "SQS requests on the dead-letter queues (none while they are empty)",
        price: "sqsRequests",
    },
    {
        when: "encryptedTopic",
        what: "KMS requests of the topic key (SNS's data keys)",
        price: "kmsRequests",
    },
    {
        when: "logGroups",
        what: "CloudWatch Logs ingestion (CloudTrail events, heartbeats)",
        price: "logsIngestion",
    },
    { when: "logGroups", what: "CloudWatch Logs storage", price: "logsStorage" },
    {
        when: "trail",
        what: "management events of the stack's trail, if another trail already records them (the first copy is free)",
        price: "trailExtraCopy",
    },
    { when: "trail", what: "the trail's log files in its S3 bucket", price: "s3Storage" },
    { when: "trail", what: "CloudTrail's deliveries of log files to the bucket", price: "s3Puts" },
    {
        when: "metricsInsights",
        what: "Metrics Insights alarms, per metric their query analyzes beyond the known keys (keys, key store series)",
        price: "metricsInsightsMetric",
    },
    {
        when: "metricFiltersOnMatch",
        what: "custom metrics of metric filters, in the hours a log event matches",
        price: "customMetric",
    },
];

export function perUseItems(facts: UsageFacts): PerUseItem[] {
    return LINES.filter((line) => line.when === "always" || facts[line.when]).map((line) => ({
        what: line.what,
        unit: PRICES[line.price].per,
        unitUsd: PRICES[line.price].usd,
    }));
}
