/** The bare script's keys and what watches them: the imported key, the expiry alarms, the trail. */
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { auditQueries, CIS_KMS_PATTERN } from "../components/audit/auditQueries";
import type { BareSettings } from "./benchBare";

export const PREFIX = "kms-monitoring-dev";
const LOG_GROUP = `/aws/cloudtrail/${PREFIX}`;

/** A metric alarm that notifies the topic. */
export type Alarm = (
    name: string,
    args: aws.cloudwatch.MetricAlarmArgs,
) => aws.cloudwatch.MetricAlarm;

export function importedKey(imported: BareSettings["imported"]): aws.kms.ExternalKey {
    const material = new random.RandomBytes("material", { length: 32 });
    const key = new aws.kms.ExternalKey("imported", {
        keyMaterialBase64: material.base64,
        validTo: imported.validTo,
        deletionWindowInDays: imported.deletionWindowInDays,
    });
    new aws.kms.Alias("imported-alias", { name: imported.alias, targetKeyId: key.id });
    return key;
}

/** The imported key's expiry alarm, the Metrics Insights one on every key, and each watched key's. */
export function expiryAlarms(
    key: aws.kms.ExternalKey,
    watched: string[],
    alarm: Alarm,
): aws.cloudwatch.MetricAlarm[] {
    const expiry = (name: string, keyId: pulumi.Input<string>) =>
        alarm(name, {
            comparisonOperator: "LessThanOrEqualToThreshold",
            evaluationPeriods: 1,
            metricName: "SecondsUntilKeyMaterialExpiration",
            namespace: "AWS/KMS",
            period: 3600,
            statistic: "Minimum",
            threshold: 2_592_000,
            dimensions: { KeyId: keyId },
        });
    const alarms = [expiry("imported-expiry", key.id)];
    alarms.push(
        new aws.cloudwatch.MetricAlarm("expiring-material", {
            comparisonOperator: "LessThanOrEqualToThreshold",
            evaluationPeriods: 1,
            threshold: 2_592_000,
            metricQueries: [
                {
                    id: "expiring",
                    expression:
                        'SELECT MIN(SecondsUntilKeyMaterialExpiration) FROM SCHEMA("AWS/KMS", KeyId) GROUP BY KeyId ORDER BY MIN() ASC',
                    period: 3600,
                    returnData: true,
                },
            ],
        }),
    );
    watched.forEach((reference) =>
        alarms.push(expiry(`expiry-${reference}`, aws.kms.getKeyOutput({ keyId: reference }).id)),
    );
    return alarms;
}

/** The trail, the CIS metric filter and its alarm (returned), and the saved queries. */
export function auditTrail(key: aws.kms.ExternalKey, alarm: Alarm): aws.cloudwatch.MetricAlarm {
    const trail = new awsx.cloudtrail.Trail("trail", {
        name: `${PREFIX}-audit`,
        isMultiRegionTrail: true,
        cloudWatchLogsGroup: { enable: true, args: { name: LOG_GROUP, retentionInDays: 30 } },
    });
    new aws.cloudwatch.LogMetricFilter(
        "cis",
        {
            logGroupName: LOG_GROUP,
            pattern: CIS_KMS_PATTERN,
            metricTransformation: { name: "cis", namespace: "LogMetrics", value: "1" },
        },
        { dependsOn: [trail] },
    );
    const cis = alarm("cis-alarm", {
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 1,
        metricName: "cis",
        namespace: "LogMetrics",
        period: 300,
        statistic: "Sum",
        threshold: 1,
    });
    auditQueries().forEach(
        (query, index) =>
            new aws.cloudwatch.QueryDefinition(
                `query-${index}`,
                {
                    name: `${PREFIX}/${query.name}`,
                    logGroupNames: [LOG_GROUP],
                    queryString: key.arn.apply(() => query.query),
                },
                { dependsOn: [trail] },
            ),
    );
    return cis;
}
