import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, consoleHost } from "../shared";
import { createQueryAlarm, QueryAlarmSettings } from "./alarmSpec";

export const DEFAULT_QUOTA_WARNING_PERCENT = 80;

/**
 * The KMS request quotas that many operations share, per account and region (KMS Developer Guide,
 * "Request quotas", shared quotas for cryptographic operations), with the `Resource` of the
 * `AWS/Usage` `CallCount` metric KMS publishes for each (`Service` KMS, `Type` API, `Class` None;
 * the same values Service Quotas names as each quota's usage metric). The SM quota of the China
 * Regions and the custom key store quota have no alarm: the first exists in two regions only, the
 * second is watched per store by the key store alarms (`ExternalKeyStoreThrottle`,
 * `CloudHSMKeyStoreThrottle`).
 */
export const KMS_REQUEST_QUOTAS = [
    {
        role: "symmetric",
        resource: "CryptographicOperationsSymmetric",
        quotaName: "Cryptographic operations (symmetric) request rate",
    },
    {
        role: "rsa",
        resource: "CryptographicOperationsRsa",
        quotaName: "Cryptographic operations (RSA) request rate",
    },
    {
        role: "ecc",
        resource: "CryptographicOperationsEcc",
        quotaName: "Cryptographic operations (ECC) request rate",
    },
] as const;

export type KmsRequestQuota = (typeof KMS_REQUEST_QUOTAS)[number];

export function requestQuotaAlarmName(alarmNamePrefix: string, quota: KmsRequestQuota): string {
    return `${alarmNamePrefix}-kms-quota-${quota.role}`;
}

export function requestQuotaAlarmNames(alarmNamePrefix: string): string[] {
    return KMS_REQUEST_QUOTAS.map((quota) => requestQuotaAlarmName(alarmNamePrefix, quota));
}

/**
 * The metric KMS publishes its calls in, and the dimensions every shared quota's usage has; the
 * quota's `Resource` tells them apart.
 */
export const KMS_USAGE_METRIC = {
    namespace: "AWS/Usage",
    metricName: "CallCount",
    dimensions: { Service: "KMS", Type: "API", Class: "None" },
} as const;

/** The `AWS/Usage` metric of a quota, summed over each minute. */
export function requestQuotaUsageMetric(quota: KmsRequestQuota) {
    const { Service, Type, Class } = KMS_USAGE_METRIC.dimensions;
    return {
        namespace: KMS_USAGE_METRIC.namespace,
        metricName: KMS_USAGE_METRIC.metricName,
        dimensions: { Service, Type, Resource: quota.resource, Class },
        period: 60,
        stat: "Sum",
    };
}

/**
 * Percent of the applied quota, from a usage metric `id`. `AWS/Usage` counts per minute: its `Sum`
 * "represents the total operation count for the 1-minute period" (CloudWatch User Guide, "CloudWatch
 * usage metrics"), while KMS quotas are "the number of API operations requested in each second"
 * (KMS Developer Guide, "Request quotas"). The usage is divided by `PERIOD(id)`, the period "in
 * seconds" (CloudWatch User Guide, metric math functions), before `SERVICE_QUOTA(id)`: the
 * console's `m1/SERVICE_QUOTA(m1)*100` reads a minute's calls against a second's quota, 60 times
 * too high (quota-monitor-for-aws#274 shows the other way this goes wrong: `Maximum` of `CallCount`
 * pins utilization near 0%).
 */
export function quotaUtilizationExpression(id: string): string {
    return `${id} / PERIOD(${id}) / SERVICE_QUOTA(${id}) * 100`;
}

/**
 * - At or above `warningPercent` in 3 of the last 5 minutes: a one-minute spike does not page,
 *   a sustained climb does, minutes before KMS would throttle.
 * - Missing data not breaching: KMS publishes the metric only for minutes with calls; no calls
 *   is no risk. Where SERVICE_QUOTA returns no data (no KMS quotas in Service Quotas there), the
 *   alarm stays OK whatever the rate: `npm run verify` warns of it (verify/checks/requestQuotas.ts).
 */
export function requestQuotaAlarmSettings(
    quota: KmsRequestQuota,
    warningPercent: number,
): QueryAlarmSettings {
    return {
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: warningPercent,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: "notBreaching",
        metricQueries: [
            { id: "usage", metric: requestQuotaUsageMetric(quota), returnData: false },
            {
                id: "utilization",
                expression: quotaUtilizationExpression("usage"),
                label: `${quota.quotaName}, percent of the applied quota`,
                returnData: true,
            },
        ],
    };
}

/**
 * What the alarm watches and what to do, naming the account, the region and the quota. `where`
 * holds the real account and region, or CloudFormation's pseudo parameters in the member template.
 * No double quote: the alert channels insert the description into JSON as it is.
 */
export function requestQuotaAlarmDescription(
    quota: KmsRequestQuota,
    warningPercent: number,
    where: AwsEnvironment,
): string {
    const increase =
        `https://${consoleHost(where.partition)}/servicequotas/home/services/kms/quotas` +
        `?region=${where.region}`;
    return (
        `KMS calls in account ${where.accountId}, region ${where.region}, reached ` +
        `${warningPercent}% or more of the applied quota ${quota.quotaName} (per second, ` +
        `averaged over each minute) in 3 of the last 5 minutes. Past 100% KMS throttles these ` +
        `calls with ThrottlingException. Request an increase of that quota in Service Quotas: ` +
        `${increase} - or lower the rate (cache data keys, spread batch jobs).`
    );
}

export interface RequestQuotaAlarmsArgs {
    /** Prefix of the alarm names, e.g. `kms-monitoring-dev`. Required. */
    readonly alarmNamePrefix: string;
    /** Percent of the applied quota at which each alarm fires, 1-100. Required. */
    readonly warningPercent: number;
    /** Account, partition and region, named in the descriptions. Required. */
    readonly environment: pulumi.Input<AwsEnvironment>;
    /** Region of the alarms: they watch that region's quotas. Default: the provider's. */
    readonly region?: string;
    /** The topic they notify; only in its own region. Default: none (EventBridge carries them). */
    readonly topicArn?: pulumi.Input<string>;
    /** Tags for the alarms. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** One alarm per shared KMS request quota of one account and region. */
export class RequestQuotaAlarms extends pulumi.ComponentResource {
    public readonly alarmNames: pulumi.Output<string[]>;
    public readonly alarmArns: pulumi.Output<string[]>;

    constructor(
        name: string,
        args: RequestQuotaAlarmsArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("kms-monitoring:alarms:RequestQuotaAlarms", name, {}, opts);

        const where = pulumi
            .output(args.environment)
            .apply((env) => (args.region === undefined ? env : { ...env, region: args.region }));
        const alarms = KMS_REQUEST_QUOTAS.map((quota) =>
            createQueryAlarm(
                this,
                `${name}-${quota.role}`,
                {
                    name: requestQuotaAlarmName(args.alarmNamePrefix, quota),
                    description: where.apply((env) =>
                        requestQuotaAlarmDescription(quota, args.warningPercent, env),
                    ),
                    ...requestQuotaAlarmSettings(quota, args.warningPercent),
                },
                { region: args.region, tags: args.tags, topicArn: args.topicArn },
            ),
        );

        this.alarmNames = pulumi.all(alarms.map((alarm) => alarm.name));
        this.alarmArns = pulumi.all(alarms.map((alarm) => alarm.arn));
        this.registerOutputs({ alarmNames: this.alarmNames, alarmArns: this.alarmArns });
    }
}
