// The `verification` stack output: everything `npm run verify` needs to check the deployed stack
// against what it should be. Generic lists of records, so that a new kind of topic, subscription,
// rule, target, alarm or queue is one more record, not a new field. docs/verify.md describes it.

/** A topic the stack publishes alerts to. */
export interface VerificationTopic {
    /** `alerts` (the email topic), `chat` (Amazon Q Developer's custom notifications), `webhooks`. */
    readonly kind: string;
    readonly arn: string;
    /** The topic's name: the TopicName dimension of its metrics. */
    readonly name: string;
    readonly region: string;
    /** The customer managed key that must encrypt it; absent when the stack does not encrypt it. */
    readonly keyArn?: string;
}

/**
 * A subscription on one of the stack's topics. Records without an endpoint on the same topic and
 * protocol are counted: that many subscriptions of the protocol must exist.
 */
export interface VerificationSubscription {
    readonly topicArn: string;
    /** `email`, `https`, ... */
    readonly protocol: string;
    /** The address or URL; absent when it is a secret (a webhook) or the subscriber chooses it. */
    readonly endpoint?: string;
    /** How the results name it when the endpoint is absent: `webhooks[0]`, `Amazon Q Developer`. */
    readonly label?: string;
    /**
     * Who subscribes: absent for the stack itself; `amazon-q-developer` when a chat configuration
     * subscribes its topic on its own, which the stack cannot see or confirm.
     */
    readonly createdBy?: string;
    /** The subscription's redrive dead-letter queue; absent when it has none. */
    readonly deadLetterQueueArn?: string;
    /** The delivery policy the stack sets, as JSON; absent: SNS's default. */
    readonly deliveryPolicy?: string;
}

/** How EventBridge retries a target (PutTargets, RetryPolicy). */
export interface VerificationRetryPolicy {
    readonly maximumEventAgeInSeconds: number;
    readonly maximumRetryAttempts: number;
}

/** One target of a rule, as ListTargetsByRule should return it. */
export interface VerificationTarget {
    /** `topic`, `event-bus`, `log-group`, `api-destination`, ... */
    readonly kind: string;
    readonly arn: string;
    /** The role EventBridge uses; absent when the target takes none. */
    readonly roleArn?: string;
    /** Where undeliverable events go; absent when there is no dead-letter queue. */
    readonly deadLetterQueueArn?: string;
    /** Absent: EventBridge's default. */
    readonly retryPolicy?: VerificationRetryPolicy;
}

/** One EventBridge rule of the stack. */
export interface VerificationRule {
    readonly name: string;
    readonly region: string;
    /** `default`, or the custom bus's name. */
    readonly busName: string;
    /**
     * `alert`, `channel` (delivers to the chat, webhook and PagerDuty channels only), `forwarder`,
     * `heartbeat`, `heartbeat-arrival`, `member-heartbeats`, ...
     */
    readonly kind: string;
    /** `ENABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`. */
    readonly state: string;
    /** The event pattern as JSON, for a rule on events. */
    readonly eventPattern?: string;
    /** The schedule, for a scheduled rule. */
    readonly scheduleExpression?: string;
    readonly targets: VerificationTarget[];
}

/** One CloudWatch alarm of the stack. */
export interface VerificationAlarm {
    readonly name: string;
    readonly region: string;
    /**
     * `key-material-expiry`, `expiring-keys`, `delivery`, `heartbeat`, `member-heartbeats`,
     * `silent-member` (one member account and region, named only at deploy time), `cis`, ...
     */
    readonly kind: string;
    /** Whether its metric is published all the time, so that no data means something is wrong. */
    readonly expectsData: boolean;
    /** Whether it evaluates a Metrics Insights query. */
    readonly metricsInsights: boolean;
    /** The topic its actions notify; absent when it has no actions (its state changes are forwarded). */
    readonly notifies?: string;
}

/** A dead-letter queue. */
export interface VerificationQueue {
    /** `eventbridge`: events a rule could not deliver; `sns`: messages a subscription could not. */
    readonly kind: string;
    readonly url: string;
    readonly arn: string;
    readonly region: string;
}

/** The heartbeat of one remote region, as it is counted at home. */
export interface VerificationHeartbeat {
    /** The region that sends it. */
    readonly sourceRegion: string;
    /** The home rule that counts it, and where that rule is. */
    readonly ruleName: string;
    readonly region: string;
    readonly alarmName: string;
}

/** The management events a trail must record in one region for the rules that receive them there. */
export interface VerificationTrailRegion {
    readonly region: string;
    /** A rule that receives this region's calls watches a read-only operation. */
    readonly readEvents: boolean;
    /** A rule that receives this region's calls watches an operation that is not read-only. */
    readonly writeEvents: boolean;
}

/** The CloudTrail events the stack's API-call rules need, and where. */
export interface VerificationTrail {
    /** Every region whose API calls a rule of this account watches. Empty: no rule needs a trail. */
    readonly regions: string[];
    /** Some region needs read-only events (which ones: `perRegion`). */
    readonly readEvents: boolean;
    /** Some region needs write events (which ones: `perRegion`). */
    readonly writeEvents: boolean;
    /** Per region of `regions`, in the same order, what its trail must record. */
    readonly perRegion: VerificationTrailRegion[];
}

/** The member accounts' heartbeats, kept on the organization bus. */
export interface VerificationMemberHeartbeats {
    /** The rule in every member account and region that sends them. */
    readonly memberRuleName: string;
    /** The rule on the organization bus that keeps them, and its log group. */
    readonly ruleName: string;
    readonly logGroupName: string;
    readonly alarmName: string;
}

/** An EventBridge API destination and the connection that holds its secret. */
export interface VerificationApiDestination {
    /** `pagerduty`, ... */
    readonly kind: string;
    readonly name: string;
    readonly arn: string;
    readonly region: string;
    /** The URL it calls: never a secret here (PagerDuty's key is a body parameter of the connection). */
    readonly endpoint: string;
    readonly connectionName: string;
}

/** A metric every member account publishes in every member region, and how it is found. */
export interface VerificationMetric {
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Readonly<Record<string, string>>;
}

/** The observability sink of one member region, created or reused. */
export interface VerificationSink {
    readonly region: string;
    readonly arn: string;
}

/** Cross-account observability, with `organization.observability`. */
export interface VerificationObservability {
    /**
     * The StackSet of the members' links, apart from the forwarders'. Outputs of a deploy before
     * it had one lack it: their links are in the forwarders' StackSet.
     */
    readonly linkStackSetName?: string;
    /** The sink of each member region, created or reused. */
    readonly sinks: VerificationSink[];
    /** A metric each linked member shares: the central account sees it once the member's link works. */
    readonly linkedMetric: VerificationMetric;
}

/** The organization part, with `organization`. */
export interface VerificationOrganization {
    readonly organizationId: string;
    readonly organizationalUnitIds: string[];
    /** The forwarders' StackSet. */
    readonly stackSetName: string;
    /** `SELF` or `DELEGATED_ADMIN`. */
    readonly callAs: string;
    /** The member regions: one StackSet instance per member account and region. */
    readonly regions: string[];
    /** The account the stack runs in; the StackSet leaves it out. */
    readonly centralAccount: string;
    readonly busName: string;
    /**
     * Per member region whose API calls the member forwarders watch, what the organization trail
     * must record there (the member accounts' own calls). Outputs of an earlier deploy lack it.
     */
    readonly memberTrail: VerificationTrailRegion[];
    readonly memberHeartbeats: VerificationMemberHeartbeats;
    readonly observability?: VerificationObservability;
}

/** Everything verify checks, derived from the stack's plan and its resources' outputs. */
export interface VerificationOutput {
    /** The version of this shape: 1. */
    readonly schemaVersion: number;
    readonly account: string;
    readonly partition: string;
    readonly homeRegion: string;
    /** Every watched region, the home region first. */
    readonly regions: string[];
    readonly topics: VerificationTopic[];
    readonly subscriptions: VerificationSubscription[];
    readonly rules: VerificationRule[];
    readonly alarms: VerificationAlarm[];
    readonly queues: VerificationQueue[];
    /** PagerDuty's, with a routing key. */
    readonly apiDestinations: VerificationApiDestination[];
    readonly heartbeats: VerificationHeartbeat[];
    readonly trail: VerificationTrail;
    readonly organization?: VerificationOrganization;
    /**
     * The `Resource` of each KMS `AWS/Usage` `CallCount` the request quota alarms read, with
     * `requestQuotaAlarms`: verify compares them with what KMS publishes.
     */
    readonly requestQuotaResources?: string[];
    /**
     * The metric those `Resource`s belong to, with the dimensions every quota's usage shares, with
     * `requestQuotaAlarms`: what verify lists them by.
     */
    readonly requestQuotaUsage?: VerificationMetric;
}
