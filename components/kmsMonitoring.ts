import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlertTopic } from "./alertTopic";
import type { StackConfig } from "./config";
import { ApiCallAlerts, ApiCallAlertSpec, DEFAULT_API_CALL_ALERTS } from "./apiCallAlerts";
import { AuditTrail } from "./auditTrail";
import { MonitoringDashboard } from "./monitoringDashboard";
import { SavedQueries } from "./savedQueries";
import { DeadLetterQueue } from "./deadLetterQueue";
import { DeliveryAlarms } from "./deliveryAlarms";
import { AwsEnvironment, eventRuleArn, eventRuleName, LIFECYCLE_RULE_ROLE, namePrefix } from "./arns";
import { ExpiringKey, KeyMaterialExpiryAlarms } from "./expiryAlarms";
import { ImportedKey } from "./importedKey";
import { KeyLifecycleEvents } from "./keyLifecycleEvents";

export interface ImportedKeySettings {
    /** Alias, `alias/<name>`. */
    readonly alias: string;
    /** Key description. Default: a generic description. */
    readonly description?: string;
    /** RFC 3339 expiry of the material. Default: never expires, and no expiry alarm. */
    readonly validTo?: string;
    /** 7 to 30. Default: 30. */
    readonly deletionWindowInDays?: number;
    /** Pulumi `protect` on the key. Default: false. */
    readonly protect?: boolean;
}

export interface AuditTrailSettings {
    /** Create a multi-region trail delivering to S3 and CloudWatch Logs. Leave off when an organization trail exists. */
    readonly create: boolean;
    /** Days CloudWatch Logs keeps the events. Default: 90. */
    readonly logsRetentionDays?: number;
    /** Add the CIS 3.7/4.7 metric filter and alarm. Default: true. */
    readonly cisMetricFilter?: boolean;
    /** Let `pulumi destroy` delete a log bucket that still holds logs. Default: false. */
    readonly forceDestroyBucket?: boolean;
}

export interface KmsMonitoringArgs {
    /** Prefix of every physical name the stack chooses (rules, alarms), e.g. `kms-monitoring-dev`. Required. */
    readonly namePrefix: string;
    /** One SNS email subscription per address. Default: none. */
    readonly alertEmails?: readonly string[];
    /** SNS topic name. Default: auto-named. */
    readonly topicName?: string;
    /** Topic display name, the sender name on the emails. Default: `KMS alerts`. */
    readonly topicDisplayName?: string;
    /** One EventBridge rule per entry on KMS API calls. Default: the data-key-generation and key-management rules. */
    readonly apiCallAlerts?: readonly ApiCallAlertSpec[];
    /** Whether to add the rule on KMS's own expiration, rotation and deletion events. Default: true. */
    readonly keyLifecycleEvents?: boolean;
    /** A KMS key with imported material to create. Default: none. */
    readonly importedKey?: ImportedKeySettings;
    /** Base64 of 32 bytes of key material for `importedKey`, as a secret. Default: generated. */
    readonly importedKeyMaterial?: pulumi.Input<string>;
    /** Existing keys with expiring imported material to alarm on: key ID, key ARN or alias. Default: none. */
    readonly watchedKeys?: readonly string[];
    /** Days before expiry at which the expiry alarms fire. Default: 30. */
    readonly expiryWarningDays?: number;
    /** Encrypt the topic with a customer managed key created by the stack, alias `alias/<namePrefix>-alerts`. Default: true. */
    readonly encryptTopic?: boolean;
    /** Deletion window of the topic key, 7 to 30 days. Default: 30. */
    readonly alertKeyDeletionWindowInDays?: number;
    /** Pulumi `protect` on the topic key. Default: false. */
    readonly alertKeyProtect?: boolean;
    /** Give every EventBridge target an SQS dead-letter queue (none when there are no rules). Default: true. */
    readonly deadLetterQueue?: boolean;
    /** Alarms on failed alert delivery. Default: true. */
    readonly selfMonitoring?: boolean;
    /** The audit trail. Default: `{ create: false }`, no trail. */
    readonly auditTrail?: AuditTrailSettings;
    /** Email a short readable text instead of raw event JSON. Default: true. */
    readonly readableAlerts?: boolean;
    /** A CloudWatch dashboard named after `namePrefix`. Default: true. */
    readonly dashboard?: boolean;
    /** Tags for every taggable resource. Default: none. */
    readonly tags?: Readonly<Record<string, string>>;
}

/** What the stack tells the user to do after `pulumi up`. */
export function nextStepsText(subscriptions: readonly { email: string; pendingConfirmation: boolean }[]): string {
    if (subscriptions.length === 0) {
        return "No one is subscribed: set kms-monitoring:alertEmails and run pulumi up, or alerts reach nobody.";
    }
    const pending = subscriptions.filter((subscription) => subscription.pendingConfirmation).map((subscription) => subscription.email);
    if (pending.length === 0) {
        return "All email subscriptions are confirmed.";
    }
    return (
        `Confirm the SNS subscription sent to ${pending.join(", ")}: open the "AWS Notification - Subscription Confirmation" ` +
        "email and choose Confirm subscription. Until then no alert reaches that address."
    );
}

/** One list from the lists of the parts that exist. */
function concatenated(...lists: (pulumi.Output<string[]> | undefined)[]): pulumi.Output<string[]> {
    return pulumi.all(lists.map((list) => list ?? [])).apply((resolved) => resolved.flat());
}

/**
 * The whole KMS monitoring stack: the alert topic and its key, the EventBridge rules and their
 * dead-letter queue, the expiry and delivery alarms, the optional imported key and audit trail,
 * and the dashboard.
 */
export class KmsMonitoring extends pulumi.ComponentResource {
    public readonly topicArn: pulumi.Output<string>;
    public readonly importedKeyId?: pulumi.Output<string>;
    public readonly importedKeyArn?: pulumi.Output<string>;
    public readonly ruleNames: pulumi.Output<string[]>;
    public readonly alarmNames: pulumi.Output<string[]>;
    public readonly nextSteps: pulumi.Output<string>;
    /** Each email subscription and whether it still awaits confirmation. */
    public readonly emailSubscriptions: pulumi.Output<{ email: string; pendingConfirmation: boolean }[]>;
    public readonly alertKeyArn?: pulumi.Output<string>;
    public readonly deadLetterQueueUrl?: pulumi.Output<string>;
    public readonly dashboardUrl?: pulumi.Output<string>;
    /** The log group holding the trail's events, when the stack creates the trail. */
    public readonly auditLogGroupName?: pulumi.Output<string>;

    /** The stack as `index.ts` builds it: one component named after the project. */
    static fromConfig(config: StackConfig): KmsMonitoring {
        return new KmsMonitoring(config.project, { ...config, namePrefix: namePrefix(config.project, config.stack) });
    }

    constructor(name: string, args: KmsMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:index:KmsMonitoring", name, {}, opts);

        const tags = args.tags;
        const alerts = args.apiCallAlerts ?? DEFAULT_API_CALL_ALERTS;
        const lifecycleRuleName = (args.keyLifecycleEvents ?? true) ? eventRuleName(args.namePrefix, LIFECYCLE_RULE_ROLE) : undefined;

        // Invoked once here and passed down, never per resource.
        const environment: pulumi.Output<AwsEnvironment> = pulumi
            .all([aws.getCallerIdentityOutput({}, { parent: this }), aws.getPartitionOutput({}, { parent: this }), aws.getRegionOutput({}, { parent: this })])
            .apply(([identity, partition, region]) => ({ accountId: identity.accountId, partition: partition.partition, region: region.region }));

        // Rule names are fixed, so the topic and queue policies can name the rules' ARNs without waiting for them.
        const ruleNames = [...alerts.map((alert) => eventRuleName(args.namePrefix, alert.name)), ...(lifecycleRuleName ? [lifecycleRuleName] : [])];
        const eventRuleArns = environment.apply((env) => ruleNames.map((ruleName) => eventRuleArn(env, ruleName)));
        const topic = new AlertTopic(
            `${name}-alerts`,
            {
                emails: args.alertEmails,
                topicName: args.topicName,
                displayName: args.topicDisplayName,
                eventRuleArns,
                environment,
                encryption:
                    (args.encryptTopic ?? true)
                        ? { keyAlias: `alias/${args.namePrefix}-alerts`, deletionWindowInDays: args.alertKeyDeletionWindowInDays, protect: args.alertKeyProtect }
                        : undefined,
                tags,
            },
            { parent: this },
        );

        // Only EventBridge targets use the queue; without rules there is nothing to catch.
        const deadLetters = (args.deadLetterQueue ?? true) && ruleNames.length > 0 ? new DeadLetterQueue(`${name}-dead-letters`, { eventRuleArns, environment, tags }, { parent: this }) : undefined;
        const delivery = { topicArn: topic.topicArn, deadLetterQueueArn: deadLetters?.queueArn, readableAlerts: args.readableAlerts, tags };

        const apiCalls = new ApiCallAlerts(
            `${name}-api-calls`,
            { alerts, ruleNamePrefix: args.namePrefix, ...delivery },
            { parent: this },
        );
        const lifecycle =
            lifecycleRuleName === undefined
                ? undefined
                : new KeyLifecycleEvents(`${name}-key-lifecycle`, { ruleName: lifecycleRuleName, ...delivery }, { parent: this });

        const expiringKeys: ExpiringKey[] = [];
        if (args.importedKey) {
            const importedKey = new ImportedKey(
                `${name}-imported-key`,
                {
                    alias: args.importedKey.alias,
                    description: args.importedKey.description,
                    validTo: args.importedKey.validTo,
                    deletionWindowInDays: args.importedKey.deletionWindowInDays,
                    keyMaterialBase64: args.importedKeyMaterial,
                    protect: args.importedKey.protect,
                    tags,
                },
                { parent: this },
            );
            this.importedKeyId = importedKey.keyId;
            this.importedKeyArn = importedKey.keyArn;
            if (args.importedKey.validTo !== undefined) {
                expiringKeys.push({ label: args.importedKey.alias, keyId: importedKey.keyId });
            }
        }

        const alarms = new KeyMaterialExpiryAlarms(
            `${name}-expiry`,
            {
                keys: expiringKeys,
                watchedKeys: args.watchedKeys,
                warningDays: args.expiryWarningDays,
                alarmNamePrefix: args.namePrefix,
                topicArn: topic.topicArn,
                tags,
            },
            { parent: this },
        );

        const deliveryAlarms =
            (args.selfMonitoring ?? true)
                ? new DeliveryAlarms(
                      `${name}-delivery`,
                      {
                          topicName: topic.topicName,
                          topicArn: topic.topicArn,
                          ruleNames,
                          deadLetterQueueName: deadLetters?.queueName,
                          alarmNamePrefix: args.namePrefix,
                          tags,
                      },
                      { parent: this },
                  )
                : undefined;

        const trailSettings = args.auditTrail ?? { create: false };
        const audit = trailSettings.create
            ? new AuditTrail(
                  `${name}-audit`,
                  {
                      namePrefix: args.namePrefix,
                      logsRetentionDays: trailSettings.logsRetentionDays,
                      forceDestroyBucket: trailSettings.forceDestroyBucket,
                      cisMetricFilter: trailSettings.cisMetricFilter,
                      topicArn: topic.topicArn,
                      tags,
                  },
                  { parent: this },
              )
            : undefined;
        if (audit) {
            new SavedQueries(
                `${name}-queries`,
                { logGroupName: audit.logGroupName, folder: args.namePrefix, keyArn: this.importedKeyArn },
                { parent: this, dependsOn: [audit.trail] },
            );
        }

        const alarmArns = concatenated(alarms.alarmArns, deliveryAlarms?.alarmArns, audit?.cisAlarmArn?.apply((arn) => [arn]));
        const dashboard =
            (args.dashboard ?? true)
                ? new MonitoringDashboard(
                      `${name}-dashboard`,
                      {
                          dashboardName: args.namePrefix,
                          environment,
                          expiringKeys: alarms.keys,
                          ruleNames,
                          alarmArns,
                          deadLetterQueueName: deadLetters?.queueName,
                      },
                      { parent: this },
                  )
                : undefined;

        this.topicArn = topic.topicArn;
        this.ruleNames = concatenated(apiCalls.ruleNames, lifecycle?.ruleName.apply((ruleName) => [ruleName]));
        this.alarmNames = concatenated(alarms.alarmNames, deliveryAlarms?.alarmNames, audit?.cisAlarmName?.apply((alarmName) => [alarmName]));
        this.emailSubscriptions = topic.subscriptions;
        this.nextSteps = topic.subscriptions.apply(nextStepsText);
        this.alertKeyArn = topic.keyArn;
        this.deadLetterQueueUrl = deadLetters?.queueUrl;
        this.dashboardUrl = dashboard?.url;
        this.auditLogGroupName = audit?.logGroupName;
        this.registerOutputs({
            topicArn: this.topicArn,
            importedKeyId: this.importedKeyId,
            importedKeyArn: this.importedKeyArn,
            ruleNames: this.ruleNames,
            alarmNames: this.alarmNames,
            nextSteps: this.nextSteps,
            emailSubscriptions: this.emailSubscriptions,
            alertKeyArn: this.alertKeyArn,
            deadLetterQueueUrl: this.deadLetterQueueUrl,
            dashboardUrl: this.dashboardUrl,
            auditLogGroupName: this.auditLogGroupName,
        });
    }
}
