import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlertDeliveryArgs, AlertTopic, DEFAULT_API_CALL_ALERTS, EmailSubscription, NamedPattern, remoteAlarmRules } from "./alerts";
import {
    DEFAULT_EXPIRY_WARNING_DAYS,
    ExpiringKey,
    ExpiringKeyDiscovery,
    expiringKeysAlarmName,
    expiryAlarmName,
    KeyMaterialExpiryAlarms,
    watchedKeyRegion,
} from "./alarms";
import { AuditTrail, SavedQueries } from "./audit";
import { StackConfig, validateComponentArgs } from "./config";
import { MonitoringDashboard, RemoteRegionWidgets } from "./dashboard";
import { DeadLetterQueue, DeliveryAlarms } from "./delivery";
import { apiCallsInRegion, ForwardingPlan, forwardingPlan, ForwardingRole, HeartbeatMonitor, RegionalForwarder } from "./forwarding";
import { ImportedKey } from "./keys";
import type { KmsMonitoringArgs } from "./kmsMonitoringArgs";
import { alertRuleNames, createAlertRules } from "./alertRules";
import { composeOrganization, organizationBusName, OrganizationRules, organizationRules } from "./organizationComposition";
import { AwsEnvironment, eventBusArn, eventRuleArn, namePrefix } from "./shared";

export type { AuditTrailSettings, ImportedKeySettings, KmsMonitoringArgs, OrganizationSettings } from "./kmsMonitoringArgs";

/** What the stack tells the user to do after `pulumi up`. */
export function nextStepsText(subscriptions: readonly EmailSubscription[]): string {
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

/** What the `forwarding` output shows for one region. */
export interface RegionForwardingOutput {
    /** The forwarding rules on that region's default bus. */
    readonly ruleNames: string[];
    /** The region's dead-letter queue, when there is one. */
    readonly deadLetterQueueUrl?: string;
    /** The home alarm that fires when that region's heartbeats stop. */
    readonly heartbeatAlarmName: string;
}

/** One list from the lists of the parts that exist. */
function concatenated(...lists: (pulumi.Output<string[]> | undefined)[]): pulumi.Output<string[]> {
    return pulumi.all(lists.map((list) => list ?? [])).apply((resolved) => resolved.flat());
}

/** A watched region other than the home one, and what the stack puts there. */
interface RemoteRegion {
    readonly region: string;
    /** `watchedKeys` entries whose ARN is in this region. */
    readonly watchedKeys: readonly string[];
    readonly plan: ForwardingPlan;
}

/** What every part of the stack shares: resolved once in the constructor, then handed down. */
interface Wiring {
    readonly name: string;
    readonly args: KmsMonitoringArgs;
    readonly environment: pulumi.Output<AwsEnvironment>;
    /** Every rule that targets the topic, by its fixed physical name. */
    readonly ruleNames: readonly string[];
    readonly eventRuleArns: pulumi.Output<string[]>;
    /** `watchedKeys` entries in the home region. */
    readonly homeWatchedKeys: readonly string[];
    readonly remoteRegions: readonly RemoteRegion[];
    /** The home rules that alert on the remote regions' alarms. */
    readonly remoteAlarmRules: readonly NamedPattern[];
    /** The organization bus's rules, with `organization`. */
    readonly organization?: OrganizationRules;
}

/** The expiry alarms of the home region. */
interface Expiry {
    readonly perKey: KeyMaterialExpiryAlarms;
    readonly alarmNames: pulumi.Output<string[]>;
    readonly alarmArns: pulumi.Output<string[]>;
}

/** What the stack deploys for the regions other than the home one. */
interface Forwarding {
    readonly alarmNames: pulumi.Output<string[]>;
    readonly alarmArns: pulumi.Output<string[]>;
    /** Per region: its forwarding rules, dead-letter queue and heartbeat alarm. */
    readonly byRegion: pulumi.Output<Record<string, RegionForwardingOutput>>;
    readonly dashboardRegions: pulumi.Output<RemoteRegionWidgets[]>;
}


/**
 * The whole KMS monitoring stack: the alert topic and its key, the EventBridge rules and their
 * dead-letter queue, the expiry and delivery alarms, the optional imported key and audit trail,
 * and the dashboard.
 */
export class KmsMonitoring extends pulumi.ComponentResource {
    /** The SNS topic every alert goes to. */
    public readonly topicArn: pulumi.Output<string>;
    /** The imported key's ID, when the stack creates one. */
    public readonly importedKeyId?: pulumi.Output<string>;
    /** The imported key's ARN, when the stack creates one. */
    public readonly importedKeyArn?: pulumi.Output<string>;
    /** Every EventBridge rule that alerts on the home default bus. */
    public readonly ruleNames: pulumi.Output<string[]>;
    /** Every CloudWatch alarm of the stack, in every region. */
    public readonly alarmNames: pulumi.Output<string[]>;
    /** What to do after `pulumi up`: the subscriptions still to confirm. */
    public readonly nextSteps: pulumi.Output<string>;
    /** Each email subscription and whether it still awaits confirmation. */
    public readonly emailSubscriptions: pulumi.Output<EmailSubscription[]>;
    /** The key that encrypts the topic, when it is encrypted. */
    public readonly alertKeyArn?: pulumi.Output<string>;
    /** The home dead-letter queue, when there is one. */
    public readonly deadLetterQueueUrl?: pulumi.Output<string>;
    /** The CloudWatch dashboard, when there is one. */
    public readonly dashboardUrl?: pulumi.Output<string>;
    /** The log group holding the trail's events, when the stack creates the trail. */
    public readonly auditLogGroupName?: pulumi.Output<string>;
    /** Every region watched, the home region first. */
    public readonly watchedRegions: pulumi.Output<string[]>;
    /** Per other region: its forwarding rule names, dead-letter queue URL and heartbeat alarm name. */
    public readonly forwarding: pulumi.Output<Record<string, RegionForwardingOutput>>;
    /** The bus member accounts forward to, with `organization`. */
    public readonly organizationBusArn?: pulumi.Output<string>;
    /** The StackSet that deploys the member forwarders, with `organization`. */
    public readonly stackSetName?: pulumi.Output<string>;
    /** The regions of its instances, with `organization`. */
    public readonly stackSetInstanceRegions?: pulumi.Output<string[]>;

    /** Arguments that come from a validated stack config; checking them again would only repeat it with another "now". */
    private static readonly validated = new WeakSet<KmsMonitoringArgs>();

    /** The stack as `index.ts` builds it: one component named after the project. */
    static fromConfig(config: StackConfig): KmsMonitoring {
        const { project, stack, warnings, ...settings } = config;
        const args: KmsMonitoringArgs = { ...settings, namePrefix: namePrefix(project, stack) };
        KmsMonitoring.validated.add(args);
        return new KmsMonitoring(project, args);
    }

    constructor(name: string, args: KmsMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        // Called from another language through the component package (or from any TypeScript), the
        // arguments get the stack config's checks, messages and defaults before anything registers.
        const checked = KmsMonitoring.validated.has(args) ? args : validateComponentArgs(name, args, new Date());
        super("kms-monitoring:index:KmsMonitoring", name, {}, opts);

        const wiring = this.wiring(name, checked);
        const topic = this.alertTopic(wiring);
        // Only EventBridge targets use the queue; without rules there is nothing to catch.
        const deadLetters =
            (checked.deadLetterQueue ?? true) && wiring.ruleNames.length > 0
                ? new DeadLetterQueue(`${name}-dead-letters`, { eventRuleArns: wiring.eventRuleArns, environment: wiring.environment, tags: checked.tags }, { parent: this })
                : undefined;
        const delivery: AlertDeliveryArgs = { topicArn: topic.topicArn, deadLetterQueueArn: deadLetters?.queueArn, readableAlerts: checked.readableAlerts, tags: checked.tags };
        const ruleNames = this.alertRules(wiring, delivery);
        const importedKey = this.importedKey(wiring);
        const expiry = this.expiryAlarms(wiring, topic.topicArn, importedKey);
        const forwarding = this.forwardingFromOtherRegions(wiring, topic.topicArn);
        const deliveryAlarms = this.deliveryAlarms(wiring, topic, deadLetters);
        const audit = this.audit(wiring, topic.topicArn, importedKey?.keyArn);
        const organization = composeOrganization(this, name, checked, wiring.organization, wiring.environment, delivery);
        const alarmArns = concatenated(expiry.alarmArns, deliveryAlarms?.alarmArns, audit?.cisAlarmArn?.apply((arn) => [arn]), forwarding?.alarmArns, organization?.alarmArns);
        const dashboard = this.dashboard(wiring, expiry, alarmArns, deadLetters, forwarding?.dashboardRegions);

        this.topicArn = topic.topicArn;
        this.importedKeyId = importedKey?.keyId;
        this.importedKeyArn = importedKey?.keyArn;
        this.ruleNames = ruleNames;
        this.alarmNames = concatenated(expiry.alarmNames, deliveryAlarms?.alarmNames, audit?.cisAlarmName?.apply((alarmName) => [alarmName]), forwarding?.alarmNames, organization?.alarmNames);
        this.emailSubscriptions = topic.subscriptions;
        this.nextSteps = topic.subscriptions.apply(nextStepsText);
        this.alertKeyArn = topic.keyArn;
        this.deadLetterQueueUrl = deadLetters?.queueUrl;
        this.dashboardUrl = dashboard?.url;
        this.auditLogGroupName = audit?.logGroupName;
        this.watchedRegions = wiring.environment.apply((env) => [env.region, ...wiring.remoteRegions.map((remote) => remote.region)]);
        this.forwarding = forwarding?.byRegion ?? pulumi.output<Record<string, RegionForwardingOutput>>({});
        this.organizationBusArn = organization?.busArn;
        this.stackSetName = organization?.stackSetName;
        this.stackSetInstanceRegions = organization?.instanceRegions;
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
            watchedRegions: this.watchedRegions,
            forwarding: this.forwarding,
            organizationBusArn: this.organizationBusArn,
            stackSetName: this.stackSetName,
            stackSetInstanceRegions: this.stackSetInstanceRegions,
        });
    }

    private wiring(name: string, args: KmsMonitoringArgs): Wiring {
        // Invoked once here and passed down, never per resource.
        const environment: pulumi.Output<AwsEnvironment> = pulumi
            .all([aws.getCallerIdentityOutput({}, { parent: this }), aws.getPartitionOutput({}, { parent: this }), aws.getRegionOutput({}, { parent: this })])
            .apply(([identity, partition, region]) => ({ accountId: identity.accountId, partition: partition.partition, region: region.region }));
        const alerts = args.apiCallAlerts ?? DEFAULT_API_CALL_ALERTS;
        const lifecycle = args.keyLifecycleEvents ?? true;
        const home = args.homeRegion;
        const discover = args.discoverExpiringKeys ?? true;
        const watchedKeys = args.watchedKeys ?? [];
        const remoteRegions = (args.regions ?? []).filter((region) => region !== home).map((region) => {
            const regionKeys = watchedKeys.filter((reference) => watchedKeyRegion(reference, home) === region);
            const alarmNames = regionKeys.map((reference) => expiryAlarmName(args.namePrefix, reference));
            const selection = {
                apiCalls: apiCallsInRegion(alerts, region),
                keyLifecycleEvents: lifecycle,
                alarmNames,
                expiringKeysAlarmName: discover ? expiringKeysAlarmName(args.namePrefix) : undefined,
                deadLetterQueue: args.deadLetterQueue ?? true,
                selfMonitoring: args.selfMonitoring ?? true,
            };
            return { region, watchedKeys: regionKeys, plan: forwardingPlan(args.namePrefix, selection) };
        });
        const remoteAlarms = remoteAlarmRules(
            args.namePrefix,
            remoteRegions.flatMap((remote) => remote.plan.alarmNames),
            remoteRegions.map((remote) => remote.region),
        );
        // Rule names are fixed, so the topic and queue policies can name the rules' ARNs without waiting for them.
        const ruleNames = alertRuleNames(args, remoteAlarms);
        const organization = organizationRules(args);
        const eventRuleArns = environment.apply((env) => [
            ...ruleNames.map((ruleName) => eventRuleArn(env, ruleName)),
            ...(organization?.topicRuleNames ?? []).map((ruleName) => eventRuleArn(env, ruleName, organizationBusName(args.namePrefix))),
        ]);
        const remoteRegionNames = remoteRegions.map((remote) => remote.region);
        const homeWatchedKeys = watchedKeys.filter((reference) => !remoteRegionNames.includes(watchedKeyRegion(reference, home) ?? ""));
        return { name, args, environment, ruleNames, eventRuleArns, homeWatchedKeys, remoteRegions, remoteAlarmRules: remoteAlarms, organization };
    }

    private alertTopic({ name, args, environment, eventRuleArns }: Wiring): AlertTopic {
        const encryption =
            (args.encryptTopic ?? true)
                ? { keyAlias: `alias/${args.namePrefix}-alerts`, deletionWindowInDays: args.alertKeyDeletionWindowInDays, protect: args.alertKeyProtect }
                : undefined;
        return new AlertTopic(
            `${name}-alerts`,
            { emails: args.alertEmails, topicName: args.topicName, displayName: args.topicDisplayName, eventRuleArns, environment, encryption, tags: args.tags },
            { parent: this },
        );
    }

    /** The alert rules on the home default bus, for this account's events from every watched region. */
    private alertRules({ name, args, remoteAlarmRules: alarmRules, remoteRegions }: Wiring, delivery: AlertDeliveryArgs): pulumi.Output<string[]> {
        const regions = args.homeRegion === undefined ? undefined : [args.homeRegion, ...remoteRegions.map((remote) => remote.region)];
        return createAlertRules(this, args, delivery, { componentPrefix: name, alarmRulesRole: "remote-alarms", expiringKeysAlarmName: expiringKeysAlarmName(args.namePrefix), regions, alarmRules });
    }

    private importedKey({ name, args }: Wiring): ImportedKey | undefined {
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
            { parent: this },
        );
    }

    /** The per-key alarms of the created and home watched keys, and the home region's expiring-material alarm. */
    private expiryAlarms({ name, args, homeWatchedKeys }: Wiring, topicArn: pulumi.Output<string>, importedKey: ImportedKey | undefined): Expiry {
        const keys: ExpiringKey[] = importedKey && args.importedKey?.validTo !== undefined ? [{ label: args.importedKey.alias, keyId: importedKey.keyId }] : [];
        const perKey = new KeyMaterialExpiryAlarms(
            `${name}-expiry`,
            { keys, watchedKeys: homeWatchedKeys, warningDays: args.expiryWarningDays, alarmNamePrefix: args.namePrefix, topicArn, tags: args.tags },
            { parent: this },
        );
        const discovery = this.expiringKeyDiscovery(`${name}-expiring-material`, args, undefined);
        return {
            perKey,
            alarmNames: concatenated(perKey.alarmNames, discovery?.alarmName.apply((alarmName) => [alarmName])),
            alarmArns: concatenated(perKey.alarmArns, discovery?.alarmArn.apply((arn) => [arn])),
        };
    }

    private expiringKeyDiscovery(name: string, args: KmsMonitoringArgs, region: string | undefined): ExpiringKeyDiscovery | undefined {
        if (!(args.discoverExpiringKeys ?? true)) {
            return undefined;
        }
        return new ExpiringKeyDiscovery(
            name,
            { alarmNamePrefix: args.namePrefix, warningDays: args.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS, region, tags: args.tags },
            { parent: this },
        );
    }

    /**
     * Everything the other regions need: their forwarders and key alarms there, one forwarding
     * role for all of them, and at home a heartbeat alarm per region.
     */
    private forwardingFromOtherRegions({ name, args, environment, remoteRegions }: Wiring, topicArn: pulumi.Output<string>): Forwarding | undefined {
        if (remoteRegions.length === 0) {
            return undefined;
        }
        const destinationBusArn = environment.apply((env) => eventBusArn(env));
        const role = new ForwardingRole(`${name}-forwarding-role`, { accountId: environment.accountId, destinationBusArn, tags: args.tags }, { parent: this });
        const heartbeats = new HeartbeatMonitor(
            `${name}-heartbeats`,
            { regions: remoteRegions.map((remote) => remote.region), environment, namePrefix: args.namePrefix, topicArn, tags: args.tags },
            { parent: this },
        );
        const regions = remoteRegions.map(({ region, watchedKeys, plan }) => {
            const expiry =
                watchedKeys.length === 0
                    ? undefined
                    : new KeyMaterialExpiryAlarms(
                          `${name}-expiry-${region}`,
                          { watchedKeys, region, warningDays: args.expiryWarningDays, alarmNamePrefix: args.namePrefix, tags: args.tags },
                          { parent: this },
                      );
            const discovery = this.expiringKeyDiscovery(`${name}-expiring-material-${region}`, args, region);
            const forwarder = new RegionalForwarder(
                `${name}-forwarding-${region}`,
                { region, plan, destinationBusArn, roleArn: role.roleArn, environment, alarmNamePrefix: args.namePrefix, tags: args.tags },
                // The role's policy must exist before the first event is forwarded with it.
                { parent: this, dependsOn: [role] },
            );
            return { region, expiry, discovery, forwarder };
        });
        return {
            alarmNames: concatenated(
                ...regions.flatMap(({ expiry, discovery, forwarder }) => [expiry?.alarmNames, discovery?.alarmName.apply((alarmName) => [alarmName]), forwarder.alarmNames]),
                heartbeats.alarmNames.apply(Object.values),
            ),
            alarmArns: concatenated(...regions.flatMap(({ expiry, discovery, forwarder }) => [expiry?.alarmArns, discovery?.alarmArn.apply((arn) => [arn]), forwarder.alarmArns]), heartbeats.alarmArns),
            byRegion: pulumi
                .all(regions.map(({ region, forwarder }) => pulumi.all([forwarder.ruleNames, forwarder.deadLetterQueueUrl, heartbeats.alarmNames]).apply(([ruleNames, deadLetterQueueUrl, heartbeatAlarms]) => [region, { ruleNames, deadLetterQueueUrl, heartbeatAlarmName: heartbeatAlarms[region] }] as const)))
                .apply((entries) => Object.fromEntries(entries)),
            dashboardRegions: pulumi.output(
                regions.map(({ region, expiry, forwarder }) => ({ region, expiringKeys: expiry?.keys ?? [], ruleNames: forwarder.ruleNames, deadLetterQueueName: forwarder.deadLetterQueueName })),
            ),
        };
    }

    private deliveryAlarms({ name, args, ruleNames }: Wiring, topic: AlertTopic, deadLetters: DeadLetterQueue | undefined): DeliveryAlarms | undefined {
        if (!(args.selfMonitoring ?? true)) {
            return undefined;
        }
        return new DeliveryAlarms(
            `${name}-delivery`,
            { topicName: topic.topicName, topicArn: topic.topicArn, ruleNames, deadLetterQueueName: deadLetters?.queueName, alarmNamePrefix: args.namePrefix, tags: args.tags },
            { parent: this },
        );
    }

    /** The trail, its CIS alarm, and the saved queries over its log group. */
    private audit({ name, args }: Wiring, topicArn: pulumi.Output<string>, keyArn: pulumi.Output<string> | undefined): AuditTrail | undefined {
        const settings = args.auditTrail ?? { create: false };
        if (!settings.create) {
            return undefined;
        }
        const audit = new AuditTrail(
            `${name}-audit`,
            {
                namePrefix: args.namePrefix,
                logsRetentionDays: settings.logsRetentionDays,
                forceDestroyBucket: settings.forceDestroyBucket,
                cisMetricFilter: settings.cisMetricFilter,
                topicArn,
                tags: args.tags,
            },
            { parent: this },
        );
        new SavedQueries(`${name}-queries`, { logGroupName: audit.logGroupName, folder: args.namePrefix, keyArn }, { parent: this, dependsOn: [audit.trail] });
        return audit;
    }

    private dashboard(
        { name, args, environment, ruleNames }: Wiring,
        expiry: Expiry,
        alarmArns: pulumi.Output<string[]>,
        deadLetters: DeadLetterQueue | undefined,
        remoteRegions: pulumi.Output<RemoteRegionWidgets[]> | undefined,
    ): MonitoringDashboard | undefined {
        if (!(args.dashboard ?? true)) {
            return undefined;
        }
        return new MonitoringDashboard(
            `${name}-dashboard`,
            {
                dashboardName: args.namePrefix,
                environment,
                expiringKeys: expiry.perKey.keys,
                discoverExpiringKeys: args.discoverExpiringKeys ?? true,
                ruleNames,
                alarmArns,
                deadLetterQueueName: deadLetters?.queueName,
                remoteRegions,
            },
            { parent: this },
        );
    }
}
