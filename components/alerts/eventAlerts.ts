import * as pulumi from "@pulumi/pulumi";
import { LIFECYCLE_RULE_ROLE, PENDING_DELETION_RULE_ROLE } from "../shared";
import { eventAlertTransformer } from "./eventAlertMessages";
import {
    EventPattern,
    isKmsCallPattern,
    KMS_LIFECYCLE_DETAIL_TYPES,
    keyLifecycleEventPattern,
    pendingDeletionUsePattern,
    RuleState,
} from "./eventPatterns";
import { AlertDeliveryArgs, createTopicRule, EventAlertKind } from "./topicRule";

export const ROTATION_RULE_ROLE = "key-rotation";

/**
 * An alert the stack defines itself, on one kind of event (an `apiCallAlerts` entry is the user's).
 * A new kind is one more entry in `eventAlerts` with its pattern, a message per channel for its
 * kind, and the switch that turns it on; the rest follows from the entry: the plan names its rule
 * `<prefix>-<role>` on every bus, the rule reaches every channel (PagerDuty at the kind's severity,
 * `pagerduty-<role>`), and the forwarders of the other regions and the member accounts send its
 * events home (forwardingPlan.ts: KMS's own events by detail type; a KMS call, of any operation, by
 * its pattern's `detail`).
 */
export interface EventAlertSpec {
    /** The rule is `<prefix>-<role>`. */
    readonly role: string;
    /** Picks the text of every channel. */
    readonly kind: EventAlertKind;
    readonly description: string;
    readonly eventPattern: EventPattern;
    readonly state: RuleState;
    /** The switch that turns it on: the config key, for messages. */
    readonly switch: keyof EventAlertSwitches;
}

/** Which event alerts are on. */
export interface EventAlertSwitches {
    /** KMS's expiration and deletion events, and its rotations. */
    readonly keyLifecycleEvents: boolean;
    /** Calls that fail because their key is pending deletion. */
    readonly pendingDeletionUseAlerts: boolean;
}

const [EXPIRATION, ROTATION, DELETION] = KMS_LIFECYCLE_DETAIL_TYPES;

/** The stack's event alerts, in rule order. */
export function eventAlerts(switches: EventAlertSwitches): EventAlertSpec[] {
    const lifecycle: EventAlertSpec[] = [
        {
            role: LIFECYCLE_RULE_ROLE,
            kind: "key-lifecycle",
            description: "KMS key events: imported key material expiration, key deletion",
            eventPattern: keyLifecycleEventPattern([EXPIRATION, DELETION]),
            // KMS sends them itself, not through CloudTrail: the plain state receives them.
            state: "ENABLED",
            switch: "keyLifecycleEvents",
        },
        {
            role: ROTATION_RULE_ROLE,
            kind: "key-rotation",
            description: "KMS key events: key material rotation, automatic or on demand",
            eventPattern: keyLifecycleEventPattern([ROTATION]),
            state: "ENABLED",
            switch: "keyLifecycleEvents",
        },
    ];
    const pendingDeletion: EventAlertSpec = {
        role: PENDING_DELETION_RULE_ROLE,
        kind: "pending-deletion",
        description: "KMS calls that failed because their key is pending deletion",
        eventPattern: pendingDeletionUsePattern(),
        // Most such calls are Decrypt, Encrypt, GenerateDataKey...: read-only in CloudTrail.
        state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        switch: "pendingDeletionUseAlerts",
    };
    return [
        ...(switches.keyLifecycleEvents ? lifecycle : []),
        ...(switches.pendingDeletionUseAlerts ? [pendingDeletion] : []),
    ];
}

/** Every event alert there is, each whatever its switch. */
export const ALL_EVENT_ALERTS: readonly EventAlertSpec[] = eventAlerts({
    keyLifecycleEvents: true,
    pendingDeletionUseAlerts: true,
});

/** Every role an event alert takes: names `apiCallAlerts` may not use. */
export const EVENT_ALERT_ROLES: readonly string[] = ALL_EVENT_ALERTS.map((alert) => alert.role);

/**
 * How the other regions and the member accounts forward the events of event alerts: KMS's own
 * events by detail type (in KMS_LIFECYCLE_DETAIL_TYPES' order), a KMS call of any operation by its
 * pattern's detail, which joins the API-call forwarders (forwardedApiCallPatterns' `anyCall`).
 */
export function eventAlertForwarding(patterns: readonly EventPattern[]) {
    const calls = patterns.filter(isKmsCallPattern);
    const kmsEvents = new Set(
        patterns.filter((pattern) => !calls.includes(pattern)).flatMap((p) => p["detail-type"]),
    );
    return {
        callConditions: calls.map((pattern) => {
            const { eventSource: _kms, ...condition } = pattern.detail ?? {};
            return condition;
        }),
        detailTypes: KMS_LIFECYCLE_DETAIL_TYPES.filter((type) => kmsEvents.has(type)),
    };
}

/** An event alert with its rule's physical name. */
export interface PlannedEventAlert extends EventAlertSpec {
    readonly ruleName: string;
}

export interface EventAlertArgs extends AlertDeliveryArgs {
    /** The alert, from the plan. Required. */
    readonly alert: PlannedEventAlert;
}

/** The rule of one event alert, targeting the topic and every channel topic. */
export class EventAlert extends pulumi.ComponentResource {
    public readonly ruleName: pulumi.Output<string>;
    public readonly ruleArn: pulumi.Output<string>;

    constructor(name: string, args: EventAlertArgs, opts?: pulumi.ComponentResourceOptions) {
        // The lifecycle rule was a KeyLifecycleEvents of the same name: the alias keeps its URN,
        // so an update does not create the rule anew under its fixed name and then delete it.
        const aliases =
            args.alert.role === LIFECYCLE_RULE_ROLE
                ? [{ type: "kms-monitoring:alerts:KeyLifecycleEvents" }]
                : [];
        super(
            "kms-monitoring:alerts:EventAlert",
            name,
            {},
            {
                ...opts,
                aliases: [...(opts?.aliases ?? []), ...aliases],
            },
        );

        const { alert } = args;
        const rule = createTopicRule(
            this,
            name,
            {
                ruleName: alert.ruleName,
                description: alert.description,
                eventPattern: alert.eventPattern,
                kind: alert.kind,
                state: alert.state,
                inputTransformer:
                    (args.readableAlerts ?? true) ? eventAlertTransformer(alert.kind) : undefined,
            },
            args,
        );

        this.ruleName = rule.name;
        this.ruleArn = rule.arn;
        this.registerOutputs({ ruleName: this.ruleName, ruleArn: this.ruleArn });
    }
}
