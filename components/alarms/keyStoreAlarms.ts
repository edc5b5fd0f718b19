import * as pulumi from "@pulumi/pulumi";
import { createQueryAlarm, QueryAlarmSettings } from "./alarmSpec";

/**
 * The custom key store signals KMS publishes in `AWS/KMS` (KMS Developer Guide, "Monitor KMS keys
 * with Amazon CloudWatch", and for the thresholds "Create CloudWatch alarms for external key
 * stores"), one Metrics Insights alarm each, one contributor per store (`GROUP BY
 * CustomKeyStoreId`, the one dimension every signal has).
 *
 * Each query reads the metric from the namespace, not from a `SCHEMA`: `SCHEMA` keeps only metrics
 * with exactly the dimensions it lists, and for `XksProxyCertificateDaysToExpire` the guide's
 * dimension table says `CustomKeyStoreId` and `CertificateName` while its alarm steps have you pick
 * an `XksProxyCertificateName` in the console; a `SCHEMA` naming either could match nothing. The
 * guide's own alarms query the namespace the same way (`SUM(XksProxyErrors)` filtered by
 * `ErrorType`), and every one of these metric names is published with `CustomKeyStoreId`.
 */
export interface KeyStoreSignal {
    /** The alarm name after `<prefix>-key-store-`. */
    readonly role: string;
    readonly query: string;
    readonly settings: Omit<QueryAlarmSettings, "metricQueries" | "treatMissingData">;
    /** The query's period, seconds. */
    readonly period: number;
    /** What fired and what to do, for the alert; no double quote. */
    readonly description: string;
}

function perStore(aggregate: string, metric: string, where = ""): string {
    return (
        `SELECT ${aggregate}(${metric}) FROM "AWS/KMS"${where} GROUP BY CustomKeyStoreId ` +
        // A multi-time-series alarm needs ORDER BY; the worst stores stay in the 500 series.
        `ORDER BY ${aggregate}() ${aggregate === "MIN" ? "ASC" : "DESC"}`
    );
}

/** "We recommend setting the alarm to alert you 10 days before your certificate is set to expire". */
export const CERTIFICATE_WARNING_DAYS = 10;

/** Counted per minute, in 3 of the last 5 minutes: a blip does not page, a lasting fault does. */
const SUSTAINED_MINUTES = { evaluationPeriods: 5, datapointsToAlarm: 3 } as const;
/** Averaged per 5 minutes, in 2 of the last 3: ten slow minutes out of fifteen. */
const SUSTAINED_PERIODS = { evaluationPeriods: 3, datapointsToAlarm: 2 } as const;

/** Any throttled request, per minute, in 3 of the last 5 minutes. */
function throttled(role: string, metric: string, description: string): KeyStoreSignal {
    return {
        role,
        query: perStore("SUM", metric),
        period: 60,
        settings: {
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            ...SUSTAINED_MINUTES,
        },
        description,
    };
}

const DESCRIBE_STORE =
    "See the store with aws kms describe-custom-key-stores --custom-key-store-id.";

export const KEY_STORE_SIGNALS: readonly KeyStoreSignal[] = [
    {
        role: "certificate",
        // The guide's alarm takes the minimum over 5 minutes; an hourly minimum, as for the
        // expiring keys, rides over sparser publishing. One breaching hour in the last 3 (the
        // most a Metrics Insights alarm may look back, CloudWatch User Guide, "Limits") keeps it
        // in ALARM: with missing data not breaching, an hour without a data point would
        // otherwise resolve it, and the next re-open it, paging again each time.
        query: perStore("MIN", "XksProxyCertificateDaysToExpire"),
        period: 3600,
        settings: {
            comparisonOperator: "LessThanThreshold",
            threshold: CERTIFICATE_WARNING_DAYS,
            evaluationPeriods: 3,
            datapointsToAlarm: 1,
        },
        description:
            `The TLS certificate of this external key store's proxy endpoint expires in less ` +
            `than ${CERTIFICATE_WARNING_DAYS} days. When it expires KMS cannot reach the proxy and ` +
            `all data protected by the store's KMS keys becomes inaccessible. Renew the ` +
            `certificate on the proxy now. ${DESCRIBE_STORE}`,
    },
    {
        role: "proxy-errors",
        // Successful requests are recorded too, with ErrorType N/A: only errors are counted.
        query: perStore("SUM", "XksProxyErrors", " WHERE ErrorType != 'N/A'"),
        period: 60,
        settings: {
            comparisonOperator: "GreaterThanThreshold",
            threshold: 5,
            ...SUSTAINED_MINUTES,
        },
        description:
            `More than 5 requests a minute from KMS to this external key store's proxy failed, ` +
            `in 3 of the last 5 minutes (retryable errors point to the network, non-retryable ` +
            `ones to the store's configuration or the external key manager). Check the proxy ` +
            `logs and the store's connection state. ${DESCRIBE_STORE}`,
    },
    {
        role: "proxy-latency",
        query: perStore("AVG", "XksProxyLatency"),
        period: 300,
        settings: {
            comparisonOperator: "GreaterThanThreshold",
            threshold: 200,
            ...SUSTAINED_PERIODS,
        },
        description:
            `This external key store's proxy took over 200 ms on average to answer KMS, in 2 of ` +
            `the last 3 five-minute periods; KMS gives up after 250 ms and the call fails. Check ` +
            `the proxy, the external key manager and the network between them. ${DESCRIBE_STORE}`,
    },
    {
        role: "key-manager",
        query: perStore(
            "MAX",
            "XksExternalKeyManagerStates",
            " WHERE XksExternalKeyManagerState != 'Active'",
        ),
        period: 300,
        settings: {
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            ...SUSTAINED_PERIODS,
        },
        description:
            `The proxy of this external key store reports external key manager instances that ` +
            `are Degraded or Unavailable, in 2 of the last 3 five-minute periods. Find which in ` +
            `the proxy logs and restore them before the store loses capacity. ${DESCRIBE_STORE}`,
    },
    throttled(
        "xks-throttle",
        "ExternalKeyStoreThrottle",
        `KMS throttled cryptographic requests on this external key store's keys (its custom ` +
            `key store request quota), in 3 of the last 5 minutes. Lower the request rate, or ` +
            `request a higher custom key store quota in Service Quotas. ${DESCRIBE_STORE}`,
    ),
    throttled(
        "cloudhsm-throttle",
        "CloudHSMKeyStoreThrottle",
        `KMS throttled cryptographic requests on this CloudHSM key store's keys (its request ` +
            `quota, which cannot be raised, or the cluster itself), in 3 of the last 5 minutes. ` +
            `Lower the request rate or add HSMs to the cluster. ${DESCRIBE_STORE}`,
    ),
];

export function keyStoreAlarmName(alarmNamePrefix: string, signal: KeyStoreSignal): string {
    return `${alarmNamePrefix}-key-store-${signal.role}`;
}

export function keyStoreAlarmNames(alarmNamePrefix: string): string[] {
    return KEY_STORE_SIGNALS.map((signal) => keyStoreAlarmName(alarmNamePrefix, signal));
}

/**
 * Missing data not breaching: a region without custom key stores returns no series at all and
 * stays quiet, and a store that stops reporting leaves the alarm.
 */
export function keyStoreAlarmSettings(signal: KeyStoreSignal): QueryAlarmSettings {
    return {
        ...signal.settings,
        treatMissingData: "notBreaching",
        metricQueries: [
            { id: "stores", expression: signal.query, period: signal.period, returnData: true },
        ],
    };
}

export interface CustomKeyStoreAlarmsArgs {
    /** Prefix of the alarm names, e.g. `kms-monitoring-dev`. Required. */
    readonly alarmNamePrefix: string;
    /** Region of the alarms: they see that region's stores. Default: the provider's. */
    readonly region?: string;
    /** Tags for the alarms. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * One Metrics Insights alarm per key store signal in one region, every store there included,
 * present and future. Like the expiring-material alarm it has no actions: each store's change is
 * a "CloudWatch Alarm Contributor State Change" event, which one rule turns into one alert.
 */
export class CustomKeyStoreAlarms extends pulumi.ComponentResource {
    public readonly alarmNames: pulumi.Output<string[]>;
    public readonly alarmArns: pulumi.Output<string[]>;

    constructor(
        name: string,
        args: CustomKeyStoreAlarmsArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("kms-monitoring:alarms:CustomKeyStoreAlarms", name, {}, opts);

        const alarms = KEY_STORE_SIGNALS.map((signal) =>
            createQueryAlarm(
                this,
                `${name}-${signal.role}`,
                {
                    name: keyStoreAlarmName(args.alarmNamePrefix, signal),
                    description: signal.description,
                    ...keyStoreAlarmSettings(signal),
                },
                { region: args.region, tags: args.tags },
            ),
        );

        this.alarmNames = pulumi.all(alarms.map((alarm) => alarm.name));
        this.alarmArns = pulumi.all(alarms.map((alarm) => alarm.arn));
        this.registerOutputs({ alarmNames: this.alarmNames, alarmArns: this.alarmArns });
    }
}
