import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EXPIRING_KEYS_BY_ACCOUNT_QUERY } from "../alarms";
import { AwsEnvironment } from "../shared";
import { memberRequestRateGraph } from "./capacityWidgets";
import { consoleUrl } from "./monitoringDashboard";
import { graph, layout, SECONDS_PER_DAY, Unplaced, Widget } from "./widgets";

/** What the central dashboard shows of the members in one region. */
export interface MemberRegionWidgets {
    /** The member region, where the central account's sink gathers the members' metrics. Required. */
    readonly region: string;
    /** The member forwarding rules, the same names in every member account. Required. */
    readonly forwarderRuleNames: readonly string[];
    /** The member dead-letter queue, the same name in every member account. Default: no queue widget. */
    readonly deadLetterQueueName?: string;
    /** The expiry alarms' warning, in days, drawn as a line. Required. */
    readonly warningDays: number;
    /** Graph each member's rate on the shared request quotas (the link shares AWS/Usage). Default: false. */
    readonly requestRates?: boolean;
}

/**
 * One series per member account and forwarding rule: `WHERE` takes only `=` and `!=` joined by
 * `AND` (CloudWatch User Guide, "Query components and syntax in CloudWatch Metrics Insights"), so
 * there is one query per rule; grouping by the rule too puts its name in each series' label.
 */
export function failedForwardingQuery(ruleName: string): string {
    return (
        'SELECT SUM(FailedInvocations) FROM SCHEMA("AWS/Events", RuleName) ' +
        `WHERE RuleName = '${ruleName}' GROUP BY AWS.AccountId, RuleName`
    );
}

/** Each member's dead-letter queue, the fullest first. */
export function memberDeadLettersQuery(queueName: string): string {
    return (
        'SELECT MAX(ApproximateNumberOfMessagesVisible) FROM SCHEMA("AWS/SQS", QueueName) ' +
        `WHERE QueueName = '${queueName}' GROUP BY AWS.AccountId ORDER BY MAX() DESC`
    );
}

/** The graphs of one member region: keys, forwarding failures, request rates, dead letters, by account. */
function memberRegionWidgets(inputs: MemberRegionWidgets): Unplaced[] {
    const { region } = inputs;
    const keys = graph({
        title: `Member accounts: seconds until imported key material expires, by account and key (${region})`,
        region,
        metrics: [[{ expression: EXPIRING_KEYS_BY_ACCOUNT_QUERY, id: "keys", period: 3600 }]],
        stat: "Minimum",
        period: 3600,
        yAxis: { left: { min: 0, label: "seconds" } },
        annotations: {
            horizontal: [
                {
                    label: `${inputs.warningDays} days: the expiry alarms fire`,
                    value: inputs.warningDays * SECONDS_PER_DAY,
                },
            ],
        },
    });
    const failures = graph({
        title: `Member forwarders: failed deliveries to the central bus, by account (${region})`,
        region,
        metrics: inputs.forwarderRuleNames.map((ruleName, index) => [
            { expression: failedForwardingQuery(ruleName), id: `f${index}`, period: 300 },
        ]),
        stat: "Sum",
        period: 300,
    });
    const deadLetters =
        inputs.deadLetterQueueName === undefined
            ? []
            : [
                  graph({
                      title: `Member dead-letter queues: undelivered events, by account (${region})`,
                      region,
                      metrics: [
                          [
                              {
                                  expression: memberDeadLettersQuery(inputs.deadLetterQueueName),
                                  id: "dlq",
                                  period: 300,
                              },
                          ],
                      ],
                      stat: "Maximum",
                      period: 300,
                  }),
              ];
    return [
        keys,
        failures,
        ...(inputs.requestRates ? [memberRequestRateGraph(region)] : []),
        ...deadLetters,
    ];
}

export function organizationDashboardBody(regions: readonly MemberRegionWidgets[]): {
    widgets: Widget[];
} {
    return { widgets: layout(regions.flatMap(memberRegionWidgets)) };
}

export interface OrganizationDashboardArgs {
    /** Dashboard name, e.g. `kms-monitoring-prod-organization`. Required. */
    readonly dashboardName: string;
    /** Account, partition and home region of the central stack. Required. */
    readonly environment: pulumi.Input<AwsEnvironment>;
    /** Each member region's widgets. Required. */
    readonly regions: readonly MemberRegionWidgets[];
}

/**
 * The central account's view of every member, read through its CloudWatch monitoring account
 * sinks: every member key with expiring material, the member forwarders' failures and their
 * dead-letter queues, each by account, in each member region.
 */
export class OrganizationDashboard extends pulumi.ComponentResource {
    public readonly dashboardName: pulumi.Output<string>;
    public readonly url: pulumi.Output<string>;

    constructor(
        name: string,
        args: OrganizationDashboardArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("kms-monitoring:dashboard:OrganizationDashboard", name, {}, opts);

        const dashboard = new aws.cloudwatch.Dashboard(
            `${name}-dashboard`,
            {
                dashboardName: args.dashboardName,
                dashboardBody: pulumi.jsonStringify(organizationDashboardBody(args.regions)),
            },
            { parent: this },
        );

        this.dashboardName = dashboard.dashboardName;
        this.url = consoleUrl(args.environment, dashboard.dashboardName);
        this.registerOutputs({ dashboardName: this.dashboardName, url: this.url });
    }
}
