import * as pulumi from "@pulumi/pulumi";
import type { ApiCallAlertSpec } from "../alerts";

export interface ImportedKeySettings {
    /** Alias, `alias/<name>`. */
    readonly alias: string;
    /** Key description. Default: a generic description. */
    readonly description?: string;
    /** RFC 3339 expiry of the material. Default: never expires, and no expiry alarm. */
    readonly validTo?: string;
    /** 7 to 30. Default: 30. */
    readonly deletionWindowInDays?: number;
    /**
     * Pulumi `protect` on the key. Default: true on production stacks (`prod`, `production`, `prod-*`),
     * false otherwise.
     */
    readonly protect?: boolean;
}

export interface AuditTrailSettings {
    /**
     * Create a multi-region trail delivering to S3 and CloudWatch Logs. Leave off when an
     * organization trail exists.
     */
    readonly create: boolean;
    /** Days CloudWatch Logs keeps the events. Default: 90. */
    readonly logsRetentionDays?: number;
    /** Add the CIS 3.7/4.7 metric filter and alarm. Default: true. */
    readonly cisMetricFilter?: boolean;
    /**
     * Let `pulumi destroy` delete a log bucket that still holds logs. Default: false on production
     * stacks (`prod`, `production`, `prod-*`), true otherwise.
     */
    readonly forceDestroyBucket?: boolean;
}

export interface OrganizationSettings {
    /** The AWS Organizations ID, `o-...`. */
    readonly id: string;
    /** OUs, or the root, whose accounts get the member forwarders, now and when they join later. */
    readonly organizationalUnitIds: string[];
    /**
     * `SELF` from the management account, `DELEGATED_ADMIN` from a registered delegated administrator.
     * A string rather than a union, which the component package schema cannot express; it is
     * validated. Default: `DELEGATED_ADMIN`.
     */
    readonly callAs?: string;
    /** The member regions, a subset of `regions`. Default: `regions`. */
    readonly regions?: string[];
    /**
     * CloudWatch cross-account observability: a sink per member region here, a link to it in every
     * member, a central dashboard of every member's keys, and one silent-member alarm per account
     * and region. Default: true.
     */
    readonly observability?: boolean;
    /**
     * Existing sinks of this account to reuse, by member region (an account holds one sink per
     * region); the stack creates a sink only in the other member regions. Default: none.
     */
    readonly sinkArns?: Readonly<Record<string, string>>;
}

export interface SlackChannelSettings {
    /** The Slack workspace ID Amazon Q Developer shows once the workspace is authorized, e.g. `T07EA123LEP`. */
    readonly workspaceId: string;
    /** The channel ID, the end of the channel's Copy link, e.g. `C07EZ1ABC23`. */
    readonly channelId: string;
}

export interface TeamsChannelSettings {
    /** The Microsoft Teams tenant ID Amazon Q Developer shows once the team is authorized (a UUID). */
    readonly tenantId: string;
    /** The team ID, shown with the tenant ID (a UUID). At most one channel per team. */
    readonly teamId: string;
    /** The channel ID as Teams copies it, URL-encoded: `19%3A...%40thread.tacv2`. */
    readonly channelId: string;
}

export interface ChatSettings {
    /** One Amazon Q Developer configuration per Slack channel. Default: none. */
    readonly slack?: SlackChannelSettings[];
    /** One Amazon Q Developer configuration per Microsoft Teams channel. Default: none. */
    readonly teams?: TeamsChannelSettings[];
}

export interface KmsMonitoringArgs {
    /** Prefix of every physical name the stack chooses (rules, alarms), e.g. `kms-monitoring-dev`. Required. */
    readonly namePrefix: string;
    /** One SNS email subscription per address. Default: none. */
    readonly alertEmails?: string[];
    /**
     * Slack and Microsoft Teams channels that get every alert through Amazon Q Developer in chat
     * applications; each workspace or team is authorized once in its console. Default: none.
     */
    readonly chat?: ChatSettings;
    /**
     * A PagerDuty Events API v2 integration key: every alert triggers an incident and alarms
     * resolve theirs. Handled as a secret. Default: no PagerDuty.
     */
    readonly pagerDutyRoutingKey?: pulumi.Input<string>;
    /**
     * HTTPS endpoints that get every alert's event JSON through SNS, one subscription each. Each
     * is handled as a secret. Default: none.
     */
    readonly webhooks?: pulumi.Input<string>[];
    /** SNS topic name. Default: auto-named. */
    readonly topicName?: string;
    /** Topic display name, the sender name on the emails. Default: `KMS alerts`. */
    readonly topicDisplayName?: string;
    /**
     * One EventBridge rule per entry on KMS API calls. A name may not be one of the stack's own rules'
     * (`key-lifecycle`, `alarms-firing`, `heartbeat-<region>`..., see docs/configuration.md). Default: the
     * data-key-generation and key-management rules.
     */
    readonly apiCallAlerts?: ApiCallAlertSpec[];
    /**
     * Whether to add the rules on KMS's own events: imported material expiration and key deletion,
     * and key material rotation. Default: true.
     */
    readonly keyLifecycleEvents?: boolean;
    /**
     * Whether to add the rule `<namePrefix>-pending-deletion-use` on every KMS call that failed
     * because its key is pending deletion, in every watched region and member account, and, with
     * the audit trail, the KMS Developer Guide's metric filter and alarm on the trail's logs.
     * Default: true.
     */
    readonly pendingDeletionUseAlerts?: boolean;
    /** A KMS key with imported material to create. Default: none. */
    readonly importedKey?: ImportedKeySettings;
    /** Base64 of 32 bytes of key material for `importedKey`, as a secret. Default: generated. */
    readonly importedKeyMaterial?: pulumi.Input<string>;
    /**
     * Existing keys with expiring imported material to alarm on: key ID, key ARN, alias or alias
     * ARN. A key or alias ARN of another watched region puts its alarm in that region. Default: none.
     */
    readonly watchedKeys?: string[];
    /**
     * Every region to watch, the home region included; each other one gets forwarders to the home
     * region. Default: the home region only.
     */
    readonly regions?: string[];
    /**
     * The region of the provider the component deploys with, where the topic and alert rules
     * live. Required when `regions` lists more than it. Default: unknown, and the stack watches
     * the provider's region only.
     */
    readonly homeRegion?: string;
    /**
     * One Metrics Insights alarm per watched region on every key with expiring imported material,
     * including keys created later, alerting per key through EventBridge. Default: true.
     */
    readonly discoverExpiringKeys?: boolean;
    /** Days before expiry at which the expiry alarms fire. Default: 30. */
    readonly expiryWarningDays?: number;
    /**
     * One alarm per shared KMS request quota (symmetric, RSA, ECC cryptographic operations) in
     * every watched region and every member account and region. Default: true.
     */
    readonly requestQuotaAlarms?: boolean;
    /** Percent of the applied quota, 1-100, at which the request quota alarms fire. Default: 80. */
    readonly quotaWarningPercent?: number;
    /**
     * Metrics Insights alarms on every custom key store of every watched region (and member
     * account and region), alerting per store. Default: true.
     */
    readonly customKeyStoreAlarms?: boolean;
    /**
     * Encrypt the topic with a customer managed key created by the stack, alias
     * `alias/<namePrefix>-alerts`. Default: true.
     */
    readonly encryptTopic?: boolean;
    /** Deletion window of the topic key, 7 to 30 days. Default: 30. */
    readonly alertKeyDeletionWindowInDays?: number;
    /**
     * Pulumi `protect` on the topic key. Default: true on production stacks (`prod`, `production`, `prod-*`),
     * false otherwise.
     */
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
    /**
     * Cover the member accounts of an AWS Organization: a custom bus here that only the
     * organization may put events on, alert rules on it, and a service-managed StackSet that
     * deploys the forwarders to every account of the OUs. Default: this account only.
     */
    readonly organization?: OrganizationSettings;
    /** Tags for every taggable resource. Default: none. */
    readonly tags?: Readonly<Record<string, string>>;
}
