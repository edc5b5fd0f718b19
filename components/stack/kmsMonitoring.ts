import * as pulumi from "@pulumi/pulumi";
import type { EmailSubscription } from "../alerts";
import { StackConfig, validateComponentArgs } from "../config";
import { namePrefix } from "../shared";
import type { KmsMonitoringArgs } from "./args";
import type { ChannelsOutput } from "./channels";
import { awsEnvironment, StackContext } from "./context";
import { buildDashboard } from "./dashboard";
import { buildHomeRegion } from "./homeRegion";
import { buildOrganization } from "./organization";
import { buildOtherRegions, RegionForwardingOutput } from "./otherRegions";
import { allAlarmArns, buildOutputs, MonitoringOutputs } from "./outputs";
import { planMonitoring } from "./plan";
import type { VerificationOutput } from "./verificationTypes";

/**
 * The whole KMS monitoring stack: the alert topic and its key, the EventBridge rules and their
 * dead-letter queue, the expiry and delivery alarms, the optional imported key and audit trail,
 * and the dashboard.
 */
export class KmsMonitoring extends pulumi.ComponentResource implements MonitoringOutputs {
    /** The SNS topic every alert goes to. */
    public readonly topicArn!: pulumi.Output<string>;
    /** The imported key's ID, when the stack creates one. */
    public readonly importedKeyId?: pulumi.Output<string>;
    /** The imported key's ARN, when the stack creates one. */
    public readonly importedKeyArn?: pulumi.Output<string>;
    /** Every EventBridge rule that alerts on the home default bus. */
    public readonly ruleNames!: pulumi.Output<string[]>;
    /** Every CloudWatch alarm of the stack, in every region. */
    public readonly alarmNames!: pulumi.Output<string[]>;
    /** What to do after `pulumi up`: the subscriptions still to confirm. */
    public readonly nextSteps!: pulumi.Output<string>;
    /** Each email subscription and whether it still awaits confirmation. */
    public readonly emailSubscriptions!: pulumi.Output<EmailSubscription[]>;
    /** The key that encrypts the topic, when it is encrypted. */
    public readonly alertKeyArn?: pulumi.Output<string>;
    /** The home dead-letter queue, when there is one. */
    public readonly deadLetterQueueUrl?: pulumi.Output<string>;
    /** The CloudWatch dashboard, when there is one. */
    public readonly dashboardUrl?: pulumi.Output<string>;
    /** The log group holding the trail's events, when the stack creates the trail. */
    public readonly auditLogGroupName?: pulumi.Output<string>;
    /** Every region watched, the home region first. */
    public readonly watchedRegions!: pulumi.Output<string[]>;
    /** Per other region: its forwarding rule names, dead-letter queue URL and heartbeat alarm name. */
    public readonly forwarding!: pulumi.Output<Record<string, RegionForwardingOutput>>;
    /** The bus member accounts forward to, with `organization`. */
    public readonly organizationBusArn?: pulumi.Output<string>;
    /** The StackSet that deploys the member forwarders, with `organization`. */
    public readonly stackSetName?: pulumi.Output<string>;
    /** The regions of its instances, with `organization`. */
    public readonly stackSetInstanceRegions?: pulumi.Output<string[]>;
    /** The StackSet that deploys the members' observability links, with `organization.observability`. */
    public readonly linkStackSetName?: pulumi.Output<string>;
    /** Each member region's CloudWatch observability sink, with `organization.observability`. */
    public readonly observabilitySinkArns?: pulumi.Output<Record<string, string>>;
    /** The dashboard of every member account's keys, with `organization.observability`. */
    public readonly centralDashboardUrl?: pulumi.Output<string>;
    /** The chat configurations, the PagerDuty destination, the webhooks and the channel rules; never a secret. */
    public readonly channels!: pulumi.Output<ChannelsOutput>;
    /** What `npm run verify` checks: every topic, rule, alarm and queue with its region (docs/verify.md). */
    public readonly verification!: pulumi.Output<VerificationOutput>;

    /** Arguments from a validated stack config: checking them again would only repeat it. */
    private static readonly validated = new WeakSet<KmsMonitoringArgs>();

    /** The stack as `index.ts` builds it: one component named after the project. */
    static fromConfig(config: StackConfig): KmsMonitoring {
        const { project, stack, warnings, ...settings } = config;
        const args: KmsMonitoringArgs = {
            ...settings,
            namePrefix: namePrefix(project, stack),
        };
        KmsMonitoring.validated.add(args);
        return new KmsMonitoring(project, args);
    }

    constructor(name: string, args: KmsMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        // Called from another language through the component package (or from any TypeScript), the
        // arguments get the stack config's checks, messages and defaults before anything registers.
        const checked = KmsMonitoring.validated.has(args)
            ? args
            : validateComponentArgs(name, args, new Date());
        super("kms-monitoring:index:KmsMonitoring", name, {}, opts);

        const stack: StackContext = {
            parent: this,
            name,
            args: checked,
            plan: planMonitoring(checked),
            environment: awsEnvironment(this),
        };
        const home = buildHomeRegion(stack);
        const otherRegions = buildOtherRegions(stack, home.topic.topicArn);
        const organization = buildOrganization(stack, home.delivery, home.channels);
        const alarmArns = allAlarmArns({ home, otherRegions, organization });
        const dashboard = buildDashboard(stack, home, otherRegions, alarmArns);
        const outputs = buildOutputs(stack, { home, otherRegions, organization, dashboard });

        // Sets every output property: buildOutputs returns each one, typed as this class declares it.
        Object.assign(this, outputs);
        this.registerOutputs(outputs);
    }
}
