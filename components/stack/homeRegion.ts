import * as pulumi from "@pulumi/pulumi";
import { AlertDeliveryArgs, AlertTopic } from "../alerts";
import { ExpiringKey, ExpiringKeyDiscovery, KeyMaterialExpiryAlarms } from "../alarms";
import { AuditTrail, SavedQueries } from "../audit";
import { DeadLetterQueue, DeliveryAlarms } from "../delivery";
import { ImportedKey } from "../keys";
import { eventRuleArn } from "../shared";
import { createAlertRules } from "./alertRules";
import { concatenated, single, StackContext } from "./context";

/** What the stack puts in the home region, apart from the dashboard. */
export interface HomeRegion {
    readonly topic: AlertTopic;
    readonly deadLetters?: DeadLetterQueue;
    /** Where every alert rule delivers, home and organization. */
    readonly delivery: AlertDeliveryArgs;
    /** The rules on the home default bus, once created. */
    readonly ruleNames: pulumi.Output<string[]>;
    readonly importedKey?: ImportedKey;
    /** The alarms on the created and home watched keys. */
    readonly expiryAlarms: KeyMaterialExpiryAlarms;
    readonly discovery?: ExpiringKeyDiscovery;
    readonly deliveryAlarms?: DeliveryAlarms;
    readonly audit?: AuditTrail;
    /** Every alarm above. */
    readonly alarmNames: pulumi.Output<string[]>;
    readonly alarmArns: pulumi.Output<string[]>;
}

/** The home region: the topic and its key, the alert rules, the key alarms, delivery and audit. */
export function buildHomeRegion(ctx: StackContext): HomeRegion {
    const { parent, name, args, plan, environment } = ctx;
    // Rule names are fixed, so the topic and queue policies can name the rules' ARNs before they exist.
    const eventRuleArns = environment.apply((env) =>
        plan.topicRules.map((rule) => eventRuleArn(env, rule.ruleName, rule.busName)),
    );
    const topic = buildTopic(ctx, eventRuleArns);
    const deadLetters = plan.features.deadLetterQueue
        ? new DeadLetterQueue(
              `${name}-dead-letters`,
              { eventRuleArns, environment, tags: args.tags },
              { parent },
          )
        : undefined;
    const delivery: AlertDeliveryArgs = {
        topicArn: topic.topicArn,
        deadLetterQueueArn: deadLetters?.queueArn,
        readableAlerts: args.readableAlerts,
        tags: args.tags,
    };
    const ruleNames = createAlertRules(ctx, plan.homeRules, delivery);
    const importedKey = buildImportedKey(ctx);
    const expiryAlarms = buildExpiryAlarms(ctx, topic.topicArn, importedKey);
    const discovery = buildExpiringKeyDiscovery(ctx, `${name}-expiring-material`, undefined);
    const deliveryAlarms = buildDeliveryAlarms(ctx, topic, deadLetters);
    const audit = buildAudit(ctx, topic.topicArn, importedKey?.keyArn);
    return {
        topic,
        deadLetters,
        delivery,
        ruleNames,
        importedKey,
        expiryAlarms,
        discovery,
        deliveryAlarms,
        audit,
        alarmNames: concatenated(
            expiryAlarms.alarmNames,
            single(discovery?.alarmName),
            deliveryAlarms?.alarmNames,
            single(audit?.cisAlarmName),
        ),
        alarmArns: concatenated(
            expiryAlarms.alarmArns,
            single(discovery?.alarmArn),
            deliveryAlarms?.alarmArns,
            single(audit?.cisAlarmArn),
        ),
    };
}

function buildTopic(
    { parent, name, args, plan, environment }: StackContext,
    eventRuleArns: pulumi.Output<string[]>,
): AlertTopic {
    return new AlertTopic(
        `${name}-alerts`,
        {
            emails: args.alertEmails,
            topicName: args.topicName,
            displayName: args.topicDisplayName,
            eventRuleArns,
            environment,
            encryption:
                plan.topicKeyAlias === undefined
                    ? undefined
                    : {
                          keyAlias: plan.topicKeyAlias,
                          deletionWindowInDays: args.alertKeyDeletionWindowInDays,
                          protect: args.alertKeyProtect,
                      },
            tags: args.tags,
        },
        { parent },
    );
}

/** The alarms on the created key (when its material expires) and on the home watched keys. */
function buildExpiryAlarms(
    ctx: StackContext,
    topicArn: pulumi.Output<string>,
    importedKey: ImportedKey | undefined,
): KeyMaterialExpiryAlarms {
    const { parent, name, args, plan } = ctx;
    return new KeyMaterialExpiryAlarms(
        `${name}-expiry`,
        {
            keys: importedKeyExpiry(ctx, importedKey),
            watchedKeys: plan.homeWatchedKeys,
            warningDays: args.expiryWarningDays,
            alarmNamePrefix: plan.namePrefix,
            topicArn,
            tags: args.tags,
        },
        { parent },
    );
}

/** The alarms on failed delivery: the home rules, the topic and the dead-letter queue. */
function buildDeliveryAlarms(
    { parent, name, args, plan }: StackContext,
    topic: AlertTopic,
    deadLetters: DeadLetterQueue | undefined,
): DeliveryAlarms | undefined {
    if (!plan.features.selfMonitoring) {
        return undefined;
    }
    return new DeliveryAlarms(
        `${name}-delivery`,
        {
            topicName: topic.topicName,
            topicArn: topic.topicArn,
            ruleNames: plan.homeRules.ruleNames,
            deadLetterQueueName: deadLetters?.queueName,
            alarmNamePrefix: plan.namePrefix,
            tags: args.tags,
        },
        { parent },
    );
}

function buildImportedKey({ parent, name, args }: StackContext): ImportedKey | undefined {
    const settings = args.importedKey;
    if (settings === undefined) {
        return undefined;
    }
    return new ImportedKey(
        `${name}-imported-key`,
        {
            alias: settings.alias,
            description: settings.description,
            validTo: settings.validTo,
            deletionWindowInDays: settings.deletionWindowInDays,
            keyMaterialBase64: args.importedKeyMaterial,
            protect: settings.protect,
            tags: args.tags,
        },
        { parent },
    );
}

/** The created key, when its material expires: its ID is known once it exists. */
function importedKeyExpiry(
    { args, plan }: StackContext,
    key: ImportedKey | undefined,
): ExpiringKey[] {
    return key !== undefined && args.importedKey !== undefined && plan.features.importedKeyExpiry
        ? [{ label: args.importedKey.alias, keyId: key.keyId }]
        : [];
}

/** The Metrics Insights alarm of one region, when discovery is on. */
export function buildExpiringKeyDiscovery(
    { parent, args, plan }: StackContext,
    name: string,
    region: string | undefined,
): ExpiringKeyDiscovery | undefined {
    if (!plan.features.discoverExpiringKeys) {
        return undefined;
    }
    return new ExpiringKeyDiscovery(
        name,
        {
            alarmNamePrefix: plan.namePrefix,
            warningDays: plan.warningDays,
            region,
            tags: args.tags,
        },
        { parent },
    );
}

/** The trail, its CIS alarm, and the saved queries over its log group. */
function buildAudit(
    { parent, name, args, plan }: StackContext,
    topicArn: pulumi.Output<string>,
    keyArn: pulumi.Output<string> | undefined,
): AuditTrail | undefined {
    const settings = args.auditTrail;
    if (settings === undefined || !plan.features.auditTrail) {
        return undefined;
    }
    const audit = new AuditTrail(
        `${name}-audit`,
        {
            namePrefix: plan.namePrefix,
            logsRetentionDays: settings.logsRetentionDays,
            forceDestroyBucket: settings.forceDestroyBucket,
            cisMetricFilter: settings.cisMetricFilter,
            topicArn,
            tags: args.tags,
        },
        { parent },
    );
    new SavedQueries(
        `${name}-queries`,
        { logGroupName: audit.logGroupName, folder: plan.namePrefix, keyArn },
        { parent, dependsOn: [audit.trail] },
    );
    return audit;
}
