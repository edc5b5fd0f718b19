import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../shared";
import { dashboardBody, dashboardUrl } from "./dashboardBody";

export interface MonitoringDashboardArgs {
    /** Dashboard name, e.g. `kms-monitoring-dev`. Required. */
    readonly dashboardName: string;
    /** Account, partition and region of the stack. Required. */
    readonly environment: pulumi.Input<AwsEnvironment>;
    /** Keys with expiring material: a label and the key ID. Default: none. */
    readonly expiringKeys?: pulumi.Input<readonly { label: string; keyId: pulumi.Input<string> }[]>;
    /**
     * Graph every key with expiring material in each region with the expiring-material alarm's own
     * Metrics Insights query, instead of the listed keys one by one. Default: false.
     */
    readonly discoverExpiringKeys?: boolean;
    /** Graph each region's request quota utilization, this percent marked. Default: no graph. */
    readonly quotaWarningPercent?: number;
    /** Graph each region's custom key store signals. Default: false. */
    readonly customKeyStores?: boolean;
    /** The stack's EventBridge rule names. Default: none. */
    readonly ruleNames?: pulumi.Input<readonly string[]>;
    /** Every alarm of the stack. Default: none. */
    readonly alarmArns?: pulumi.Input<readonly string[]>;
    /** The dead-letter queue's name. Default: no queue widget. */
    readonly deadLetterQueueName?: pulumi.Input<string>;
    /**
     * The other watched regions: their keys, forwarding rules and queue, graphed in widgets of
     * their own region. Default: none.
     */
    readonly remoteRegions?: pulumi.Input<pulumi.Input<RemoteRegionWidgets>[]>;
}

export interface RemoteRegionWidgets {
    /** The region the widgets read their metrics from. Required. */
    readonly region: string;
    /** Keys with expiring material in that region. Required (may be empty). */
    readonly expiringKeys: pulumi.Input<
        pulumi.Input<{ label: string; keyId: pulumi.Input<string> }>[]
    >;
    /** The forwarding rules in that region. Required. */
    readonly ruleNames: pulumi.Input<string[]>;
    /** The region's dead-letter queue. Default: none, and no queue widget. */
    readonly deadLetterQueueName?: pulumi.Input<string>;
}

/** One CloudWatch dashboard for the stack: key expiry, rule deliveries, KMS request volume, alarms. */
export class MonitoringDashboard extends pulumi.ComponentResource {
    public readonly dashboardName: pulumi.Output<string>;
    public readonly url: pulumi.Output<string>;

    constructor(
        name: string,
        args: MonitoringDashboardArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("kms-monitoring:dashboard:MonitoringDashboard", name, {}, opts);

        const body = pulumi
            .all([
                args.environment,
                args.expiringKeys ?? [],
                args.ruleNames ?? [],
                args.alarmArns ?? [],
                args.deadLetterQueueName,
                pulumi.output(args.remoteRegions ?? []),
            ])
            .apply(
                ([
                    environment,
                    expiringKeys,
                    ruleNames,
                    alarmArns,
                    deadLetterQueueName,
                    remoteRegions,
                ]) =>
                    dashboardBody({
                        region: environment.region,
                        expiringKeys,
                        ruleNames,
                        alarmArns,
                        deadLetterQueueName,
                        remoteRegions,
                        discoverExpiringKeys: args.discoverExpiringKeys,
                        quotaWarningPercent: args.quotaWarningPercent,
                        customKeyStores: args.customKeyStores,
                    }),
            );
        const dashboard = new aws.cloudwatch.Dashboard(
            `${name}-dashboard`,
            { dashboardName: args.dashboardName, dashboardBody: pulumi.jsonStringify(body) },
            { parent: this },
        );

        this.dashboardName = dashboard.dashboardName;
        this.url = consoleUrl(args.environment, dashboard.dashboardName);
        this.registerOutputs({ dashboardName: this.dashboardName, url: this.url });
    }
}

/** Where a dashboard of the stack's account and home region opens in the console. */
export function consoleUrl(
    environment: pulumi.Input<AwsEnvironment>,
    dashboardName: pulumi.Output<string>,
): pulumi.Output<string> {
    return pulumi
        .all([environment, dashboardName])
        .apply(([env, name]) => dashboardUrl(env.partition, env.region, name));
}
