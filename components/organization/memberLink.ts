// The member's half of CloudWatch cross-account observability: an AWS::Oam::Link to the central
// account's sink of the member's own region, sharing only the metric namespaces the stack reads,
// in a template and a StackSet of its own.
import type { CloudFormationTemplate } from "./memberNames";

/**
 * Only metrics: no log groups, traces or applications of a member leave it. The sink policy
 * admits nothing else either (policies.ts, observabilitySinkPolicy).
 */
export const LINK_RESOURCE_TYPES = ["AWS::CloudWatch::Metric"] as const;

/**
 * How the central account's console and Metrics Insights label a member. Always set: CloudFormation
 * rejects a link without it ("Invalid request provided: Missing LabelTemplate", aws-cdk#35367),
 * although the resource reference marks it optional.
 */
export const LINK_LABEL_TEMPLATE = "$AccountName";

/**
 * "Each filter has a limit of five conditional operands. Conditional operands are AND and OR"
 * (OAM API reference, MetricConfiguration). One `IN` list holds every namespace, so the filter has
 * no conditional operand at all; the list is kept to five entries too, the most the stack needs.
 */
export const MAX_LINK_FILTER_NAMESPACES = 5;

/**
 * The namespaces the central dashboard reads from the members; `AWS/Usage` for the request rates
 * by account, with the request quota alarms.
 */
export function linkedNamespaces(deadLetterQueue: boolean, requestQuotas: boolean): string[] {
    return [
        "AWS/KMS",
        "AWS/Events",
        ...(deadLetterQueue ? ["AWS/SQS"] : []),
        ...(requestQuotas ? ["AWS/Usage"] : []),
    ];
}

/**
 * `Namespace IN ('AWS/KMS', 'AWS/Events', 'AWS/SQS', 'AWS/Usage')`: single quotes around each namespace, case
 * sensitive, `IN` with parentheses (OAM API reference, MetricConfiguration, whose example is
 * `Namespace IN ('AWS/EC2', 'AWS/ELB', 'AWS/S3')`).
 */
export function linkMetricFilter(namespaces: readonly string[]): string {
    if (namespaces.length === 0 || namespaces.length > MAX_LINK_FILTER_NAMESPACES) {
        throw new Error(
            `a link filter lists 1 to ${MAX_LINK_FILTER_NAMESPACES} namespaces, not ${namespaces.length}`,
        );
    }
    return `Namespace IN (${namespaces.map((namespace) => `'${namespace}'`).join(", ")})`;
}

/** What every member link shares; the same in every member account and region. */
export interface MemberLinkSettings {
    /** What the link shares: LINK_RESOURCE_TYPES. Required. */
    readonly resourceTypes: readonly string[];
    /** The namespaces it shares, as linkMetricFilter writes them. Required. */
    readonly metricFilter: string;
    /** How the central account labels the member: LINK_LABEL_TEMPLATE. Required. */
    readonly labelTemplate: string;
}

/** The Mappings table the link finds its region's sink in. */
export const SINK_MAPPING = "ObservabilitySinks";
export const SINK_MAPPING_KEY = "SinkArn";

/**
 * The link and the table of sinks it picks from by `AWS::Region`: one template for every member
 * region, each instance linking to the sink of its own region (a link cannot reach another
 * region's sink). Every member region must have a row, or its instance fails to deploy.
 */
export function memberLinkResources(
    link: MemberLinkSettings,
    sinkArnsByRegion: Readonly<Record<string, string>>,
    tags: Readonly<Record<string, string>>,
): Pick<CloudFormationTemplate, "Mappings" | "Resources"> {
    const rows = Object.entries(sinkArnsByRegion).sort(([a], [b]) => a.localeCompare(b));
    return {
        Mappings: {
            [SINK_MAPPING]: Object.fromEntries(
                rows.map(([region, arn]) => [region, { [SINK_MAPPING_KEY]: arn }]),
            ),
        },
        Resources: {
            ObservabilityLink: {
                Type: "AWS::Oam::Link",
                Properties: {
                    SinkIdentifier: {
                        "Fn::FindInMap": [SINK_MAPPING, { Ref: "AWS::Region" }, SINK_MAPPING_KEY],
                    },
                    LabelTemplate: link.labelTemplate,
                    ResourceTypes: [...link.resourceTypes],
                    LinkConfiguration: { MetricConfiguration: { Filter: link.metricFilter } },
                    ...(Object.keys(tags).length === 0 ? {} : { Tags: { ...tags } }),
                },
            },
        },
    };
}

/**
 * The template the link's StackSet deploys to every member account and region: the link alone.
 * Not in the forwarders' template, because a link can fail on its own (a sixth monitoring account
 * for the source account, "Each source account can be linked to as many as five monitoring
 * accounts", AWS::Oam::Link; an SCP denying oam:CreateLink; an account the sink policy does not
 * admit), and a failed resource rolls back the whole stack instance it is in: the forwarders and
 * the heartbeat would go with it, for the sake of a dashboard.
 */
export function memberLinkTemplate(
    memberPrefix: string,
    link: MemberLinkSettings,
    sinkArnsByRegion: Readonly<Record<string, string>>,
    tags: Readonly<Record<string, string>>,
): CloudFormationTemplate {
    return {
        AWSTemplateFormatVersion: "2010-09-09",
        Description:
            `KMS monitoring observability link of ${memberPrefix}: this account's metrics, ` +
            `${link.metricFilter}, to the central account's sink of its region`,
        ...memberLinkResources(link, sinkArnsByRegion, tags),
    };
}
