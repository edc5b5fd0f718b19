import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { CIS_KMS_PATTERN } from "./auditQueries";
import { createAlarm, eventRuleName, PENDING_DELETION_RULE_ROLE } from "../shared";

export const DEFAULT_LOGS_RETENTION_DAYS = 90;

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy), apart from 0 (never expire). */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
] as const;

/** The CIS 3.7/4.7 alarm's name. */
export function cisAlarmName(namePrefix: string): string {
    return `${namePrefix}-cis-kms-key-disable-or-deletion`;
}

/** The pending-deletion recipe's alarm: the guide's name, after the stack's prefix. */
export function pendingDeletionAlarmName(namePrefix: string): string {
    return `${namePrefix}-${PENDING_DELETION_RECIPE.alarmName}`;
}

/**
 * The KMS Developer Guide's recipe "Create an alarm that detects use of a KMS key pending deletion",
 * as the guide gives it: the filter pattern, the metric's namespace, name and value, and an alarm at
 * 1 or more in 1 of 1 data points with missing data treated as good (not breaching). The guide
 * names no period or statistic; 5 minutes and Sum count every call, like the CIS alarm.
 */
export const PENDING_DELETION_RECIPE = {
    pattern: '{ $.eventSource = kms* && $.errorMessage = "* is pending deletion."}',
    namespace: "CloudTrailLogMetrics",
    metricName: "KMSKeyPendingDeletionErrorCount",
    alarmName: "KMSKeyPendingDeletionErrorAlarm",
} as const;

/** One metric filter on the trail's log group, counting 1 per match, and the alarm on it. */
interface LogMetricControl {
    readonly role: string;
    readonly filterName: string;
    readonly pattern: string;
    readonly namespace: string;
    readonly metricName: string;
    readonly alarmName: string;
    readonly description: string;
}

export interface AuditTrailArgs {
    /** Prefix of the trail, log group, metric and alarm names, e.g. `kms-monitoring-dev`. Required. */
    readonly namePrefix: string;
    /** Days CloudWatch Logs keeps the trail's events; one of CloudWatch's allowed values. Default: 90. */
    readonly logsRetentionDays?: pulumi.Input<number>;
    /** Let `pulumi destroy` delete the log bucket while it still holds logs. Default: false. */
    readonly forceDestroyBucket?: pulumi.Input<boolean>;
    /** Add the CIS 3.7/4.7 (Security Hub CloudWatch.7) metric filter and its alarm. Default: true. */
    readonly cisMetricFilter?: boolean;
    /**
     * Add the KMS Developer Guide's metric filter and alarm on calls that use a key pending
     * deletion (PENDING_DELETION_RECIPE). Default: false.
     */
    readonly pendingDeletionMetricFilter?: boolean;
    /** ARN of the topic the CIS alarm notifies. Required. */
    readonly topicArn: pulumi.Input<string>;
    /** Tags for the trail, bucket, log group and alarm. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A multi-region CloudTrail trail with log file validation, delivered to S3 and CloudWatch Logs,
 * built with `awsx.cloudtrail.Trail` (bucket, bucket policy, log group and delivery role). EventBridge
 * only receives the CloudTrail API events the KMS rules match while a trail records them.
 */
export class AuditTrail extends pulumi.ComponentResource {
    /** The trail's log group: fixed, so the metric filter and saved queries need not wait for awsx's outputs. */
    public readonly logGroupName: pulumi.Output<string>;
    public readonly trailName: pulumi.Output<string>;
    /** ARN and name of the CIS alarm, when there is one. */
    public readonly cisAlarmArn?: pulumi.Output<string>;
    public readonly cisAlarmName?: pulumi.Output<string>;
    /** ARN and name of the pending-deletion recipe's alarm, when there is one. */
    public readonly pendingDeletionAlarmArn?: pulumi.Output<string>;
    public readonly pendingDeletionAlarmName?: pulumi.Output<string>;
    /** The awsx component, for resources that must wait until the trail and its log group exist. */
    public readonly trail: awsx.cloudtrail.Trail;

    constructor(name: string, args: AuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:audit:AuditTrail", name, {}, opts);

        const logGroupName = `/aws/cloudtrail/${args.namePrefix}`;
        this.trail = new awsx.cloudtrail.Trail(
            `${name}-trail`,
            {
                name: `${args.namePrefix}-audit`,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                // Read and write management events, and no excludeManagementEventSources: trails
                // often exclude kms.amazonaws.com to save money, but both the CIS control and the
                // EventBridge rules of this stack need exactly those events.
                eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
                cloudWatchLogsGroup: {
                    enable: true,
                    args: {
                        name: logGroupName,
                        retentionInDays: args.logsRetentionDays ?? DEFAULT_LOGS_RETENTION_DAYS,
                        tags: args.tags,
                    },
                },
                s3Bucket: {
                    args: { forceDestroy: args.forceDestroyBucket ?? false, tags: args.tags },
                },
                tags: args.tags,
            },
            { parent: this },
        );

        if (args.cisMetricFilter ?? true) {
            const alarm = this.control(name, args, logGroupName, cisControl(args.namePrefix));
            this.cisAlarmArn = alarm.arn;
            this.cisAlarmName = alarm.name;
        }
        if (args.pendingDeletionMetricFilter ?? false) {
            const alarm = this.control(name, args, logGroupName, pendingDeletionControl(args));
            this.pendingDeletionAlarmArn = alarm.arn;
            this.pendingDeletionAlarmName = alarm.name;
        }

        this.logGroupName = pulumi.output(logGroupName);
        this.trailName = pulumi.output(`${args.namePrefix}-audit`);
        this.registerOutputs({
            logGroupName: this.logGroupName,
            trailName: this.trailName,
            cisAlarmArn: this.cisAlarmArn,
            cisAlarmName: this.cisAlarmName,
            pendingDeletionAlarmArn: this.pendingDeletionAlarmArn,
            pendingDeletionAlarmName: this.pendingDeletionAlarmName,
        });
    }

    /** A metric filter on the trail's log group and its alarm, which notifies the topic. */
    private control(
        name: string,
        args: AuditTrailArgs,
        logGroupName: string,
        control: LogMetricControl,
    ): aws.cloudwatch.MetricAlarm {
        new aws.cloudwatch.LogMetricFilter(
            `${name}-${control.role}-filter`,
            {
                name: control.filterName,
                logGroupName,
                pattern: control.pattern,
                metricTransformation: {
                    name: control.metricName,
                    namespace: control.namespace,
                    value: "1",
                },
            },
            { parent: this, dependsOn: [this.trail] },
        );
        return createAlarm(
            this,
            `${name}-${control.role}-alarm`,
            {
                name: control.alarmName,
                alarmDescription: control.description,
                namespace: control.namespace,
                metricName: control.metricName,
                statistic: "Sum",
                period: 300,
                evaluationPeriods: 1,
                threshold: 1,
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                treatMissingData: "notBreaching",
                tags: args.tags,
            },
            args.topicArn,
        );
    }
}

/** CIS 3.7/4.7: a customer managed key disabled or scheduled for deletion. */
function cisControl(namePrefix: string): LogMetricControl {
    return {
        role: "cis",
        filterName: `${namePrefix}-cis-kms-key-disable-or-deletion-filter`,
        pattern: CIS_KMS_PATTERN,
        namespace: "LogMetrics",
        metricName: `${namePrefix}-KmsKeyDisabledOrScheduledForDeletion`,
        alarmName: cisAlarmName(namePrefix),
        description:
            "CIS 3.7/4.7 (Security Hub CloudWatch.7): a customer managed KMS key was " +
            "disabled or scheduled for deletion. " +
            "Find who did it with the saved query 'KMS calls by event name' " +
            "(DisableKey, ScheduleKeyDeletion); cancel an unwanted deletion with aws " +
            "kms cancel-key-deletion.",
    };
}

/** The KMS Developer Guide's pending-deletion recipe, with the stack's prefix on its names. */
function pendingDeletionControl(args: AuditTrailArgs): LogMetricControl {
    return {
        role: "pending-deletion",
        filterName: `${args.namePrefix}-kms-key-pending-deletion-filter`,
        pattern: PENDING_DELETION_RECIPE.pattern,
        namespace: PENDING_DELETION_RECIPE.namespace,
        metricName: PENDING_DELETION_RECIPE.metricName,
        alarmName: pendingDeletionAlarmName(args.namePrefix),
        description:
            "KMS Developer Guide, 'Create an alarm that detects use of a KMS key pending " +
            "deletion': a KMS call failed because its key is pending deletion. The alert of the " +
            `rule ${eventRuleName(args.namePrefix, PENDING_DELETION_RULE_ROLE)} names the key, the call and the ` +
            "caller; the saved query 'Failed KMS calls' finds them too. If the key is still " +
            "needed: aws kms cancel-key-deletion, then aws kms enable-key.",
    };
}
