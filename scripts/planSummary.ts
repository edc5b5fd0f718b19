/** `npm run plan`'s one-line summary of each resource: the two or three settings that matter. */
import type { RecordedResource } from "./mockRuntime";
import { redactWire } from "./mockRuntime";
import { eventRuleSummary } from "./ruleSummary";

const yesNo = (value: unknown) => (value ? "yes" : "no");

function days(seconds: number): string {
    return `${seconds / 86_400} days`;
}

type Summary = (resource: RecordedResource, all: readonly RecordedResource[]) => string;

const eventTargetSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    const destination =
        inputs.roleArn === undefined
            ? `readable text ${yesNo(inputs.inputTransformer)}`
            : `to ${String(inputs.arn).split(":").slice(3, 4)} ${String(inputs.arn).split(":").pop()} with a role`;
    return `rule ${inputs.rule}; ${destination}; dead-letter queue ${yesNo(inputs.deadLetterConfig)}; retries ${inputs.retryPolicy?.maximumRetryAttempts ?? "default"}`;
};

interface SummarizedQuery {
    readonly expression?: string;
    readonly returnData?: boolean;
    readonly metric?: {
        namespace: string;
        metricName: string;
        dimensions?: Record<string, string>;
    };
}

/** What an alarm on metric queries evaluates: a Metrics Insights query, or metric math over metrics. */
function queriedMeasure(queries: readonly SummarizedQuery[], query: string): string {
    const metrics = queries.flatMap(({ metric }) =>
        metric === undefined
            ? []
            : [[metric.namespace, metric.metricName, metric.dimensions?.Resource ?? ""].join(" ")],
    );
    return metrics.length === 0
        ? `Metrics Insights ${query}`
        : `${query} over ${metrics.join(", ").trim()}`;
}

const metricAlarmSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    const queries = (inputs.metricQueries ?? []) as SummarizedQuery[];
    const query = (queries.find((each) => each.returnData) ?? queries[0])?.expression;
    const threshold =
        inputs.metricName === "SecondsUntilKeyMaterialExpiration" ||
        query?.includes("SecondsUntilKeyMaterialExpiration")
            ? days(inputs.threshold)
            : String(inputs.threshold);
    const operator =
        {
            LessThanOrEqualToThreshold: "<=",
            LessThanThreshold: "<",
            GreaterThanThreshold: ">",
            GreaterThanOrEqualToThreshold: ">=",
        }[inputs.comparisonOperator as string] ?? inputs.comparisonOperator;
    const actions = (inputs.alarmActions ?? []).length > 0 ? "notifies the topic" : "no actions";
    const measured =
        query === undefined
            ? `${inputs.namespace} ${inputs.metricName}`
            : queriedMeasure(queries, query);
    return `${measured} ${operator} ${threshold}${query === undefined ? ` (${inputs.statistic})` : ""}; ${actions}; missing data ${inputs.treatMissingData}`;
};

const keySummary: Summary = (resource, all) => {
    const inputs = resource.inputs;
    const alias = all.find(
        (other) =>
            other.type === "aws:kms/alias:Alias" &&
            [resource.id, resource.state.keyId].includes(other.inputs.targetKeyId),
    )?.inputs.name;
    const material =
        resource.type === "aws:kms/externalKey:ExternalKey"
            ? `origin EXTERNAL; validTo ${inputs.validTo ?? "never"}`
            : `rotation ${inputs.enableKeyRotation ? "on" : "off"}`;
    return `${alias ?? "no alias"}; ${material}; deletion window ${inputs.deletionWindowInDays} days; protect ${yesNo(resource.protect)}`;
};

const aliasSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    return `${inputs.name}`;
};

const topicSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    const displayName =
        inputs.displayName === undefined ? "" : `; display name "${inputs.displayName}"`;
    return `${inputs.name ?? "(auto-named)"}${displayName}; encrypted ${yesNo(inputs.kmsMasterKeyId)}`;
};

const topicSubscriptionSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    // A webhook URL is a secret: the summary shows what the engine shows.
    const endpoint = (redactWire(resource.wireInputs) as { endpoint?: unknown }).endpoint;
    return `${inputs.protocol} ${String(endpoint)}`;
};

const chatConfigurationSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    const channel =
        inputs.slackTeamId === undefined
            ? `Teams team ${inputs.teamId} channel ${inputs.channelId}`
            : `Slack workspace ${inputs.slackTeamId} channel ${inputs.slackChannelId}`;
    return `${inputs.configurationName}: ${channel}; ${(inputs.snsTopicArns ?? []).length} topic; guardrails ${(inputs.guardrailPolicyArns ?? []).map((arn: string) => arn.split("/").pop()).join(", ")}; logging ${inputs.loggingLevel}`;
};

const eventConnectionSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    const auth = redactWire(resource.wireInputs.authParameters) as {
        apiKey?: { value?: unknown };
    };
    return `${inputs.name}: ${inputs.authorizationType}; routing key ${String(auth?.apiKey?.value)}`;
};

const eventApiDestinationSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    return `${inputs.name}: ${inputs.httpMethod} ${inputs.invocationEndpoint}; at most ${inputs.invocationRateLimitPerSecond} a second`;
};

const queueSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    return `SSE-SQS ${yesNo(inputs.sqsManagedSseEnabled)}; retention ${days(inputs.messageRetentionSeconds)}`;
};

const trailSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    return `${inputs.name}; multi-region ${yesNo(inputs.isMultiRegionTrail)}; logs kept ${inputs.cloudWatchLogsGroup?.args?.retentionInDays} days; force-destroy bucket ${yesNo(inputs.s3Bucket?.args?.forceDestroy)}`;
};

const logMetricFilterSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    return `${inputs.metricTransformation.namespace}/${inputs.metricTransformation.name} on ${inputs.logGroupName}`;
};

const queryDefinitionSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    return `${inputs.name}`;
};

const dashboardSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    return `${inputs.dashboardName}; ${(JSON.parse(inputs.dashboardBody) as { widgets: unknown[] }).widgets.length} widgets`;
};

const sinkSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    return `${inputs.name}; a monitoring account sink`;
};

const randomBytesSummary: Summary = (resource) => {
    const inputs = resource.inputs;
    return `${inputs.length} bytes, kept as a secret; protect ${yesNo(resource.protect)}`;
};

/** Who may link to a sink, and what. */
const sinkPolicySummary: Summary = (resource) => {
    const policy = resource.inputs.policy as string;
    type Condition = Record<string, Record<string, string | string[]>>;
    const [statement] = (JSON.parse(policy) as { Statement: { Condition: Condition }[] }).Statement;
    const condition = statement.Condition;
    const paths = [condition["ForAnyValue:StringLike"]?.["aws:PrincipalOrgPaths"] ?? []].flat();
    const types = [condition["ForAllValues:StringEquals"]?.["oam:ResourceTypes"] ?? []].flat();
    return `links from ${paths.join(", ")}; ${types.join(", ")} only`;
};

/**
 * What a StackSet rolls out: the forwarders (how many resources; never a link, which has its own
 * StackSet), or the observability link and the sinks it points to.
 */
const stackSetSummary: Summary = (resource) => {
    const template = JSON.parse(resource.inputs.templateBody as string) as {
        Mappings?: Record<string, Record<string, Record<string, string>>>;
        Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
    };
    const resources = Object.values(template.Resources);
    const link = resources.find((each) => each.Type === "AWS::Oam::Link");
    if (link === undefined) {
        return `member forwarders: ${resources.length} resources, no observability link`;
    }
    const regions = Object.values(template.Mappings ?? {}).flatMap((map) => Object.keys(map));
    const filter = link.Properties.LinkConfiguration.MetricConfiguration.Filter;
    return `members' observability link alone, to the sink of ${regions.join(", ")}, sharing ${filter}`;
};

const SUMMARIES: Readonly<Record<string, Summary>> = {
    "aws:cloudwatch/eventRule:EventRule": eventRuleSummary,
    "aws:cloudwatch/eventTarget:EventTarget": eventTargetSummary,
    "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarmSummary,
    "aws:kms/externalKey:ExternalKey": keySummary,
    "aws:kms/key:Key": keySummary,
    "aws:kms/alias:Alias": aliasSummary,
    "aws:sns/topic:Topic": topicSummary,
    "aws:sns/topicSubscription:TopicSubscription": topicSubscriptionSummary,
    "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": chatConfigurationSummary,
    "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration": chatConfigurationSummary,
    "aws:cloudwatch/eventConnection:EventConnection": eventConnectionSummary,
    "aws:cloudwatch/eventApiDestination:EventApiDestination": eventApiDestinationSummary,
    "aws:sqs/queue:Queue": queueSummary,
    "awsx:cloudtrail:Trail": trailSummary,
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": logMetricFilterSummary,
    "aws:cloudwatch/queryDefinition:QueryDefinition": queryDefinitionSummary,
    "aws:cloudwatch/dashboard:Dashboard": dashboardSummary,
    "aws:oam/sink:Sink": sinkSummary,
    "aws:oam/sinkPolicy:SinkPolicy": sinkPolicySummary,
    "aws:cloudformation/stackSet:StackSet": stackSetSummary,
    "random:index/randomBytes:RandomBytes": randomBytesSummary,
};

/** The two or three settings that matter for each kind of resource; empty for the others. */
export function summary(resource: RecordedResource, all: readonly RecordedResource[]): string {
    return SUMMARIES[resource.type]?.(resource, all) ?? "";
}
