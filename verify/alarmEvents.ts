// CloudWatch alarm events as EventBridge delivers them (CloudWatch User Guide, "Alarm events and
// EventBridge"): a metric alarm's state change, a metric math alarm's, and one contributor's of a
// multi-time-series (Metrics Insights) alarm. Part of the samples (samples.ts re-exports them).

/**
 * A metric alarm's state change, as in the CloudWatch User Guide ("Alarm events and
 * EventBridge"), for an alarm on one KMS key's SecondsUntilKeyMaterialExpiration: into ALARM, or
 * back to OK; from OK, ALARM or INSUFFICIENT_DATA (where a new alarm starts).
 */
export function alarmStateChangeEvent(
    alarmName: string,
    region: string,
    keyId = "1234abcd-12ab-34cd-56ef-1234567890ab",
    state: "ALARM" | "OK" = "ALARM",
    previous: "ALARM" | "OK" | "INSUFFICIENT_DATA" = state === "ALARM" ? "OK" : "ALARM",
) {
    return {
        version: "0",
        id: "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92",
        "detail-type": "CloudWatch Alarm State Change",
        source: "aws.cloudwatch",
        account: "111122223333",
        time: "2026-11-28T17:04:40Z",
        region,
        resources: [`arn:aws:cloudwatch:${region}:111122223333:alarm:${alarmName}`],
        detail: {
            alarmName,
            configuration: {
                description:
                    "Imported key material of KMS key alias/example expires in 30 days or less, or has expired.",
                metrics: [
                    {
                        id: "30b6c6b2-a864-43a2-4877-c09a1afc3b87",
                        metricStat: {
                            metric: {
                                dimensions: { KeyId: keyId },
                                name: "SecondsUntilKeyMaterialExpiration",
                                namespace: "AWS/KMS",
                            },
                            period: 3600,
                            stat: "Minimum",
                        },
                        returnData: true,
                    },
                ],
            },
            previousState: {
                reason: "Threshold Crossed",
                timestamp: "2026-11-28T16:04:40.985+0000",
                value: previous,
            },
            state: {
                reason: "Threshold Crossed",
                timestamp: "2026-11-28T17:04:40.989+0000",
                value: state,
            },
        },
    };
}

/**
 * One key's state change in a multi-time-series (Metrics Insights) alarm, in the shape of the
 * CloudWatch User Guide's "Alarm Contributor State Change" example: the contributor's GROUP BY
 * attributes, its state, and no previousState.
 */
export function contributorStateChangeEvent(
    alarmName: string,
    region: string,
    keyId: string,
    state: "ALARM" | "OK" = "ALARM",
) {
    return contributorEvent(alarmName, region, { KeyId: keyId }, state, {
        description: "Imported key material of a KMS key expires in 30 days or less.",
        metrics: [
            {
                id: "expiring",
                expression:
                    "SELECT MIN(SecondsUntilKeyMaterialExpiration) " +
                    'FROM SCHEMA("AWS/KMS", KeyId) GROUP BY KeyId ORDER BY MIN() ASC',
                period: 3600,
                returnData: true,
            },
        ],
    });
}

/** One custom key store's state change in a key store alarm, its description as configured. */
export function keyStoreContributorEvent(
    alarmName: string,
    region: string,
    customKeyStoreId: string,
    description: string,
    state: "ALARM" | "OK" = "ALARM",
) {
    return contributorEvent(alarmName, region, { CustomKeyStoreId: customKeyStoreId }, state, {
        description,
        metrics: [
            {
                id: "stores",
                expression:
                    'SELECT MIN(XksProxyCertificateDaysToExpire) FROM "AWS/KMS" ' +
                    "GROUP BY CustomKeyStoreId ORDER BY MIN() ASC",
                period: 3600,
                returnData: true,
            },
        ],
    });
}

function contributorEvent(
    alarmName: string,
    region: string,
    attributes: Record<string, string>,
    state: "ALARM" | "OK",
    configuration: object,
) {
    return {
        version: "0",
        id: "8d4f5a3b-2c1e-4f6a-9b8c-7d6e5f4a3b2c",
        "detail-type": "CloudWatch Alarm Contributor State Change",
        source: "aws.cloudwatch",
        account: "111122223333",
        time: "2026-11-28T18:00:00Z",
        region,
        resources: [`arn:aws:cloudwatch:${region}:111122223333:alarm:${alarmName}`],
        detail: {
            alarmName,
            alarmContributor: { id: "6d0b2c5e1f7a8b9c", attributes },
            state: {
                value: state,
                reason: "Threshold Crossed: 1 datapoint was less than or equal to the threshold.",
                timestamp: "2026-11-28T18:00:00.000+0000",
            },
            configuration,
        },
    };
}

/**
 * A request quota alarm's state change: a metric math alarm, whose configuration lists the metric
 * (`metricStat`) and the expression, as the guide's "Metric Math Alarm" example does.
 */
export function quotaAlarmStateChangeEvent(
    alarmName: string,
    region: string,
    description: string,
    state: "ALARM" | "OK" = "ALARM",
) {
    const event = alarmStateChangeEvent(alarmName, region, undefined, state);
    return {
        ...event,
        detail: {
            ...event.detail,
            configuration: {
                description,
                metrics: [
                    {
                        id: "usage",
                        metricStat: {
                            metric: {
                                namespace: "AWS/Usage",
                                name: "CallCount",
                                dimensions: {
                                    Service: "KMS",
                                    Type: "API",
                                    Resource: "CryptographicOperationsSymmetric",
                                    Class: "None",
                                },
                            },
                            period: 60,
                            stat: "Sum",
                        },
                        returnData: false,
                    },
                    {
                        id: "utilization",
                        expression: "usage / PERIOD(usage) / SERVICE_QUOTA(usage) * 100",
                        returnData: true,
                    },
                ],
            },
        },
    };
}
