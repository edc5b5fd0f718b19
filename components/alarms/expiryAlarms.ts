import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAlarm, regionOfArn } from "../shared";

export const DEFAULT_EXPIRY_WARNING_DAYS = 30;

const SECONDS_PER_DAY = 86_400;

/** The settings of one expiry alarm that do not depend on the key. */
export interface ExpiryAlarmSettings {
    readonly namespace: "AWS/KMS";
    readonly metricName: "SecondsUntilKeyMaterialExpiration";
    readonly statistic: "Minimum";
    readonly period: number;
    readonly evaluationPeriods: number;
    readonly datapointsToAlarm: number;
    readonly comparisonOperator: "LessThanOrEqualToThreshold";
    readonly threshold: number;
    readonly treatMissingData: "breaching";
}

export function expiryThresholdSeconds(warningDays: number): number {
    return warningDays * SECONDS_PER_DAY;
}

/**
 * - Statistic Minimum: the KMS developer guide names it the most useful statistic for this
 *   metric, the least time left among the period's data points.
 * - Period one hour, one period to alarm: the value falls by an hour each hour and crosses a
 *   threshold of days exactly once, so there is no noise to smooth; an hour is soon enough to
 *   react to a warning measured in days and coarse enough to ride over sparse publishing.
 * - Missing data breaching: KMS publishes the metric only while material is imported and set
 *   to expire. After expiry (key state PendingImport) or DeleteImportedKeyMaterial the data
 *   stops, and `notBreaching` would turn the alarm OK at exactly the moment the key became
 *   unusable. Breaching keeps it in ALARM until material is imported again.
 */
export function expiryAlarmSettings(warningDays: number): ExpiryAlarmSettings {
    return {
        namespace: "AWS/KMS",
        metricName: "SecondsUntilKeyMaterialExpiration",
        statistic: "Minimum",
        period: 3600,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: "LessThanOrEqualToThreshold",
        threshold: expiryThresholdSeconds(warningDays),
        treatMissingData: "breaching",
    };
}

/** Turns a key reference such as `alias/ImportedCMK` into a name part: `alias-ImportedCMK`. */
export function keyLabel(reference: string): string {
    return reference.replace(/[^A-Za-z0-9_-]+/g, "-");
}

/** The region a watched key lives in: that of its key or alias ARN; a key ID or alias means the home region. */
export function watchedKeyRegion(
    reference: string,
    homeRegion: string | undefined,
): string | undefined {
    return regionOfArn(reference) ?? homeRegion;
}

export function expiryAlarmName(alarmNamePrefix: string, keyReference: string): string {
    return `${alarmNamePrefix}-key-material-expiry-${keyLabel(keyReference)}`;
}

export interface ExpiringKey {
    /** Readable, stable name for the key, used in resource and alarm names (e.g. its alias). */
    readonly label: string;
    /** The key's ID (UUID): the metric's `KeyId` dimension is the ID, never an alias or ARN. */
    readonly keyId: pulumi.Input<string>;
}

export interface KeyMaterialExpiryAlarmsArgs {
    /**
     * Keys this stack manages, whose IDs are already known. A plain list: it decides which alarms
     * exist. Default: none.
     */
    readonly keys?: readonly ExpiringKey[];
    /**
     * Keys this stack did not create: key ID, key ARN, `alias/<name>` or alias ARN. Each is
     * resolved to its key ID at deploy time. A plain list: it decides which alarms exist. Default: none.
     */
    readonly watchedKeys?: readonly string[];
    /** Alarm when at most this many days of validity remain. Default: 30. */
    readonly warningDays?: number;
    /** Prefix of every alarm name, e.g. `kms-monitoring-dev`. Required. */
    readonly alarmNamePrefix: string;
    /**
     * ARN of the SNS topic that receives ALARM and OK notifications. Default: no actions, for
     * alarms outside the topic's region.
     */
    readonly topicArn?: pulumi.Input<string>;
    /**
     * Region of the keys and their alarms: a metric can only be alarmed on in its own region.
     * Default: the provider's.
     */
    readonly region?: string;
    /** Tags for every alarm. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * What fired and what to do, naming the key by its label and its ID: the alert channels show the
 * description, not the alarm's dimensions. No double quote: they insert it into JSON as it is.
 */
export function expiryAlarmDescription(label: string, keyId: string, warningDays: number): string {
    return (
        `Imported key material of KMS key ${label} (key ID ${keyId}) expires in ${warningDays} ` +
        "days or less, or has expired (no data: the key is PendingImport). Re-import the same " +
        "key material with a later validTo."
    );
}

/** One CloudWatch alarm on `SecondsUntilKeyMaterialExpiration` per key with expiring imported material. */
export class KeyMaterialExpiryAlarms extends pulumi.ComponentResource {
    public readonly alarmNames: pulumi.Output<string[]>;
    public readonly alarmArns: pulumi.Output<string[]>;
    /** Every watched or managed key with its label and resolved key ID. */
    public readonly keys: pulumi.Output<{ label: string; keyId: string }[]>;

    constructor(
        name: string,
        args: KeyMaterialExpiryAlarmsArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("kms-monitoring:alarms:KeyMaterialExpiryAlarms", name, {}, opts);

        const warningDays = args.warningDays ?? DEFAULT_EXPIRY_WARNING_DAYS;
        const settings = expiryAlarmSettings(warningDays);

        const watched: ExpiringKey[] = (args.watchedKeys ?? []).map((reference) => ({
            label: reference,
            keyId: this.resolveWatchedKey(reference, args.region),
        }));

        const keys = [...(args.keys ?? []), ...watched];
        const alarms = keys.map((key) => {
            const label = keyLabel(key.label);
            return createAlarm(
                this,
                `${name}-${label}`,
                {
                    name: expiryAlarmName(args.alarmNamePrefix, key.label),
                    alarmDescription: pulumi
                        .output(key.keyId)
                        .apply((keyId) => expiryAlarmDescription(key.label, keyId, warningDays)),
                    ...settings,
                    dimensions: { KeyId: key.keyId },
                    region: args.region,
                    tags: args.tags,
                },
                args.topicArn,
            );
        });

        this.alarmNames = pulumi.all(alarms.map((alarm) => alarm.name));
        this.alarmArns = pulumi.all(alarms.map((alarm) => alarm.arn));
        this.keys = pulumi.all(
            keys.map((key) =>
                pulumi.output(key.keyId).apply((keyId) => ({ label: key.label, keyId })),
            ),
        );
        this.registerOutputs({
            alarmNames: this.alarmNames,
            alarmArns: this.alarmArns,
            keys: this.keys,
        });
    }

    /**
     * Looks the key up so the alarm gets its ID whatever form the reference has, and warns when
     * the key has no expiring imported material: KMS publishes no metric for it, so the alarm
     * would sit in ALARM on missing data.
     */
    private resolveWatchedKey(
        reference: string,
        region: string | undefined,
    ): pulumi.Output<string> {
        const key = aws.kms.getKeyOutput({ keyId: reference, region }, { parent: this });
        return key.apply((found) => {
            if (found.origin !== "EXTERNAL" || found.expirationModel !== "KEY_MATERIAL_EXPIRES") {
                pulumi.log.warn(
                    `kms-monitoring:watchedKeys: ${reference} (origin ${found.origin}, ` +
                        `expiration model ${found.expirationModel || "none"}) ` +
                        "has no expiring imported key material; KMS publishes no expiry " +
                        "metric for it and its alarm will stay in ALARM.",
                    this,
                );
            }
            return found.id;
        });
    }
}
