import * as pulumi from "@pulumi/pulumi";
import { AlertDeliveryArgs, AlertTopic } from "../alerts";
import { ExpiringKey, ExpiringKeyDiscovery, KeyMaterialExpiryAlarms } from "../alarms";
import { AuditTrail, SavedQueries } from "../audit";
import { DeadLetterQueue, DeliveryAlarms } from "../delivery";
import { ImportedKey } from "../keys";
import { createAlertRules } from "./alertRules";
import { buildCapacityAlarms, CapacityAlarms } from "./capacityAlarms";
import { buildDeadLetters, buildDeliveryAlarms } from "./deliveryAlarms";
import { buildChannels, Channels } from "./channels";
import { ruleArns, StackContext } from "./context";

/** What the stack puts in the home region, apart from the dashboard. */
export interface HomeRegion {
    readonly topic: AlertTopic;
    readonly deadLetters?: DeadLetterQueue;
    /** Where every alert rule delivers, home and organization. */
    readonly delivery: AlertDeliveryArgs;
    /** The rules on the home default bus, once created. */
    readonly ruleNames: pulumi.Output<string[]>;
    /** Chat, webhooks and PagerDuty, when any is configured. */
    readonly channels?: Channels;
    /** The rules on the home default bus that deliver to the channels only. */
    readonly channelRuleNames?: pulumi.Output<string[]>;
    readonly importedKey?: ImportedKey;
    /** The alarms on the created and home watched keys. */
    readonly expiryAlarms: KeyMaterialExpiryAlarms;
    readonly discovery?: ExpiringKeyDiscovery;
    /** The request quota alarms (which notify the topic) and the key store alarms. */
    readonly capacity: CapacityAlarms;
    readonly deliveryAlarms?: DeliveryAlarms;
    readonly audit?: AuditTrail;
}

/** The home region: the topic and its key, the alert rules, the key alarms, delivery and audit. */
export function buildHomeRegion(ctx: StackContext): HomeRegion {
    const { name, args, plan, environment } = ctx;
    const topic = buildTopic(ctx, ruleArns(environment, plan.topicRules));
    const deadLetters = buildDeadLetters(ctx);
    const channels = buildChannels(ctx, topic);
    const delivery: AlertDeliveryArgs = {
        topicArn: topic.topicArn,
        deadLetterQueueArn: deadLetters?.queueArn,
        readableAlerts: plan.features.readableAlerts,
        channels: channels?.alertTargets,
        tags: args.tags,
    };
    const { ruleNames, channelRuleNames } = createAlertRules(
        ctx,
        plan.homeRules,
        delivery,
        channels,
    );
    const importedKey = buildImportedKey(ctx);
    const expiryAlarms = buildExpiryAlarms(ctx, topic.topicArn, importedKey);
    const discovery = buildExpiringKeyDiscovery(ctx, `${name}-expiring-material`, undefined);
    const capacity = buildCapacityAlarms(ctx, undefined, topic.topicArn);
    const deliveryAlarms = buildDeliveryAlarms(ctx, topic, deadLetters, channels);
    const audit = buildAudit(ctx, topic.topicArn, importedKey?.keyArn);
    return {
        topic,
        deadLetters,
        delivery,
        ruleNames,
        channels,
        channelRuleNames,
        importedKey,
        expiryAlarms,
        discovery,
        capacity,
        deliveryAlarms,
        audit,
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
            otherChannels: plan.channels.kinds.length > 0,
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
            warningDays: plan.warningDays,
            alarmNamePrefix: plan.namePrefix,
            topicArn,
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
            pendingDeletionMetricFilter: plan.features.pendingDeletionUseAlerts,
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
