import * as pulumi from "@pulumi/pulumi";

/** One EventBridge rule on KMS API calls. */
export interface ApiCallAlert {
    /** Short name, unique in the stack; the rule is named `<project>-<stack>-<name>`. */
    readonly name: string;
    /** KMS operations to match (`detail.eventName`). */
    readonly eventNames: string[];
    /** When non-empty, only calls on one of these key ARNs match. */
    readonly keyArns: string[];
    /** Only calls that failed with one of these codes; `Prefix*` a prefix, `*` any failed call. */
    readonly errorCodes?: string[];
    /** Only calls by these role ARNs (every session), user ARNs or account IDs. */
    readonly callers?: string[];
    /** Only calls by anyone but these, in the forms of `callers`. */
    readonly exceptCallers?: string[];
}

export interface ImportedKeyConfig {
    readonly alias: string;
    readonly description?: string;
    /** RFC 3339; absent means the material never expires. */
    readonly validTo?: string;
    readonly deletionWindowInDays: number;
    readonly protect: boolean;
}

export interface AuditTrailConfig {
    readonly create: boolean;
    readonly logsRetentionDays: number;
    readonly cisMetricFilter: boolean;
    readonly forceDestroyBucket: boolean;
}

export interface OrganizationConfig {
    readonly id: string;
    readonly organizationalUnitIds: string[];
    readonly callAs: "SELF" | "DELEGATED_ADMIN";
    /** The member regions; defaults to the stack's `regions`. */
    readonly regions: string[];
    /** Sinks in the central account, links in the members, the central dashboard, per-account alarms. */
    readonly observability: boolean;
    /** Existing sinks of the central account to reuse, by member region; the stack creates the others. */
    readonly sinkArns: Record<string, string>;
}

export interface SlackChannelConfig {
    readonly workspaceId: string;
    readonly channelId: string;
}

export interface TeamsChannelConfig {
    readonly tenantId: string;
    readonly teamId: string;
    /** URL-encoded, as Teams copies it. */
    readonly channelId: string;
}

/** The chat channels Amazon Q Developer in chat applications sends every alert to. */
export interface ChatConfig {
    readonly slack: SlackChannelConfig[];
    readonly teams: TeamsChannelConfig[];
}

/** The validated stack config, with every default applied. */
export interface StackConfig {
    readonly project: string;
    readonly stack: string;
    readonly alertEmails: string[];
    readonly topicName?: string;
    readonly topicDisplayName: string;
    readonly apiCallAlerts: ApiCallAlert[];
    /** Slack and Teams channels. Absent: no chat. */
    readonly chat?: ChatConfig;
    /** A PagerDuty Events API v2 integration key, always wrapped as a Pulumi secret. Absent: no PagerDuty. */
    readonly pagerDutyRoutingKey?: pulumi.Output<string>;
    /** HTTPS endpoints, each wrapped as a Pulumi secret. */
    readonly webhooks: pulumi.Output<string>[];
    readonly keyLifecycleEvents: boolean;
    readonly pendingDeletionUseAlerts: boolean;
    readonly importedKey?: ImportedKeyConfig;
    /** Base64 key material, always wrapped as a Pulumi secret. Absent: the stack generates it. */
    readonly importedKeyMaterial?: pulumi.Output<string>;
    readonly watchedKeys: string[];
    /** Every region watched; the home region (the stack's aws:region) is one of them. */
    readonly regions: string[];
    /**
     * The stack's `aws:region`, where the topic and alert rules live; absent when neither config
     * nor environment names one.
     */
    readonly homeRegion?: string;
    readonly expiryWarningDays: number;
    readonly discoverExpiringKeys: boolean;
    readonly requestQuotaAlarms: boolean;
    readonly quotaWarningPercent: number;
    readonly customKeyStoreAlarms: boolean;
    readonly encryptTopic: boolean;
    readonly alertKeyDeletionWindowInDays: number;
    readonly alertKeyProtect: boolean;
    readonly deadLetterQueue: boolean;
    readonly selfMonitoring: boolean;
    readonly auditTrail: AuditTrailConfig;
    readonly readableAlerts: boolean;
    readonly dashboard: boolean;
    /** Member accounts of an AWS Organization, covered through a StackSet. Absent: this account only. */
    readonly organization?: OrganizationConfig;
    /** The user's `tags` plus `project`, `stack` and `managed-by`. */
    readonly tags: Readonly<Record<string, string>>;
    /** Valid but worth a word: `readStackConfig` logs them with pulumi.log.warn. */
    readonly warnings: string[];
}

export interface ParseContext {
    readonly project: string;
    readonly stack: string;
    /** The moment `validTo` is checked against. */
    readonly now: Date;
    /** The stack's `aws:region` (or AWS_REGION): the default of `regions`, and the region it must contain. */
    readonly homeRegion?: string;
    /** The prefix of the names the stack chooses. Default: `<project>-<stack>`. */
    readonly namePrefix?: string;
}

/** Where a value sits in the config: `["apiCallAlerts", 0, "eventNames", 2]`. */
export type Path = readonly PropertyKey[];

export interface Problem {
    readonly path: Path;
    readonly message: string;
}
