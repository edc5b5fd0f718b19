import * as pulumi from "@pulumi/pulumi";
import { createQueryAlarm, QueryAlarmSettings } from "./alarmSpec";
import { expiryThresholdSeconds } from "./expiryAlarms";

/**
 * Every key of the account and region that has expiring imported material, one time series per
 * key. A multi-time-series alarm needs both GROUP BY and ORDER BY; ascending order keeps the
 * soonest-expiring keys inside the 500 series one query returns (CloudWatch User Guide,
 * "Metrics Insights quotas": with ORDER BY, "the 500 that have the highest or lowest values ...
 * are returned").
 */
export const EXPIRING_KEYS_QUERY = expiringKeysQuery(["KeyId"]);

/**
 * The same keys in every account linked to a CloudWatch monitoring account: "When you run a query
 * in a monitoring account, you can use GROUP BY AWS.AccountId to group the results based on the
 * accounts they are from" (CloudWatch User Guide, "Query components and syntax in CloudWatch
 * Metrics Insights"), one series per account and key, the soonest first.
 */
export const EXPIRING_KEYS_BY_ACCOUNT_QUERY = expiringKeysQuery(["AWS.AccountId", "KeyId"]);

function expiringKeysQuery(groupBy: readonly string[]): string {
    return (
        'SELECT MIN(SecondsUntilKeyMaterialExpiration) FROM SCHEMA("AWS/KMS", KeyId) ' +
        `GROUP BY ${groupBy.join(", ")} ORDER BY MIN() ASC`
    );
}

/**
 * "Only the latest 3 hours of data can be used for evaluating the alarm's conditions" (CloudWatch
 * User Guide, alarm-limits).
 */
export const METRICS_INSIGHTS_MAX_EVALUATION_SECONDS = 3 * 3600;

export function expiringKeysAlarmName(alarmNamePrefix: string): string {
    return `${alarmNamePrefix}-expiring-key-material`;
}

/**
 * - One hour, one period: the same reasoning as the per-key alarm (the value falls by an hour each
 *   hour and crosses the threshold once), within the three hours a Metrics Insights alarm may look
 *   back, and a multiple of 60 as every alarm period must be.
 * - Missing data not breaching: a region with no expiring keys returns no series at all, and must
 *   not sit in ALARM. A key whose material has already expired stops reporting and leaves the
 *   alarm; the per-key alarms and the lifecycle rule's expiration event catch that case.
 */
export function expiringKeysAlarmSettings(warningDays: number): QueryAlarmSettings {
    return {
        comparisonOperator: "LessThanOrEqualToThreshold",
        threshold: expiryThresholdSeconds(warningDays),
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: "notBreaching",
        metricQueries: [
            { id: "expiring", expression: EXPIRING_KEYS_QUERY, period: 3600, returnData: true },
        ],
    };
}

export function expiringKeysAlarmDescription(warningDays: number): string {
    return (
        `Imported key material of a KMS key expires in ${warningDays} days or less. One ` +
        `contributor per key, found by a Metrics Insights query: ` +
        "keys created later join on their own. Re-import the same key material with a later validTo."
    );
}

export interface ExpiringKeyDiscoveryArgs {
    /** Prefix of the alarm name, e.g. `kms-monitoring-dev`. Required. */
    readonly alarmNamePrefix: string;
    /** Alarm when at most this many days of validity remain. Required. */
    readonly warningDays: number;
    /** Region of the alarm: it sees the keys of that region. Default: the provider's. */
    readonly region?: string;
    /** Tags for the alarm. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * One Metrics Insights alarm that watches every key of its region with expiring imported
 * material, including keys created after it (CloudWatch User Guide, Create_Metrics_Insights_Alarm:
 * "any resource that matches your query definition ... joins the alarm monitoring scope"). It has
 * no actions: each key's change arrives as a "CloudWatch Alarm Contributor State Change" event,
 * which one EventBridge rule turns into one alert per key.
 */
export class ExpiringKeyDiscovery extends pulumi.ComponentResource {
    public readonly alarmName: pulumi.Output<string>;
    public readonly alarmArn: pulumi.Output<string>;

    constructor(
        name: string,
        args: ExpiringKeyDiscoveryArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("kms-monitoring:alarms:ExpiringKeyDiscovery", name, {}, opts);

        const alarm = createQueryAlarm(
            this,
            `${name}-alarm`,
            {
                name: expiringKeysAlarmName(args.alarmNamePrefix),
                description: expiringKeysAlarmDescription(args.warningDays),
                ...expiringKeysAlarmSettings(args.warningDays),
            },
            { region: args.region, tags: args.tags },
        );

        this.alarmName = alarm.name;
        this.alarmArn = alarm.arn;
        this.registerOutputs({ alarmName: this.alarmName, alarmArn: this.alarmArn });
    }
}
