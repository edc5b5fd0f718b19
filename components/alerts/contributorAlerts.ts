// The rules on the per-contributor state changes of Metrics Insights alarms: one alert per key
// with expiring material, one per custom key store, from the alarms of every watched region.
import * as pulumi from "@pulumi/pulumi";
import { eventRuleName } from "../shared";
import { expiringKeyContributorTransformer, keyStoreContributorTransformer } from "./alertMessages";
import { contributorStateChangePattern } from "./alarmPatterns";
import { AlertDeliveryArgs, AlertKind, createTopicRule } from "./topicRule";

/** The kinds of alert that come from one contributor of a multi-time-series alarm. */
export type ContributorKind = Extract<AlertKind, "expiring-key" | "key-store">;

/** What the rules of each kind are named after and say they do. */
export const CONTRIBUTOR_FAMILIES: Readonly<
    Record<ContributorKind, { readonly role: string; readonly description: string }>
> = {
    "expiring-key": {
        role: "expiring-keys",
        description:
            "Each KMS key whose imported material expires soon, found by the Metrics Insights " +
            "alarms of every watched region",
    },
    "key-store": {
        role: "key-stores",
        description:
            "Each custom key store whose certificate, proxy, key manager or request rate needs " +
            "attention, found by the Metrics Insights alarms of every watched region",
    },
};

/** The rule on one kind's contributor changes, on one bus. */
export interface ContributorRulePlan {
    readonly kind: ContributorKind;
    readonly ruleName: string;
    /** The alarms whose contributors alert, the same names in every region. */
    readonly alarmNames: readonly string[];
    /** The regions those changes come from. Undefined: any. */
    readonly regions?: readonly string[];
}

export function contributorRulePlan(
    kind: ContributorKind,
    ruleNamePrefix: string,
    alarmNames: readonly string[],
    regions?: readonly string[],
): ContributorRulePlan {
    const ruleName = eventRuleName(ruleNamePrefix, CONTRIBUTOR_FAMILIES[kind].role);
    return { kind, ruleName, alarmNames, regions };
}

export interface ContributorAlertsArgs extends AlertDeliveryArgs {
    /** The planned rule. Required. */
    readonly rule: ContributorRulePlan;
    /** Days the expiring-material alarms warn ahead, quoted in their text. Required. */
    readonly warningDays: number;
}

/** One rule that turns each contributor's state change in the alarms of every region into one alert. */
function createContributorRule(
    parent: pulumi.Resource,
    name: string,
    args: ContributorAlertsArgs,
): pulumi.Output<string> {
    const { rule } = args;
    const readable =
        rule.kind === "expiring-key"
            ? expiringKeyContributorTransformer(args.warningDays)
            : keyStoreContributorTransformer();
    return createTopicRule(
        parent,
        name,
        {
            ruleName: rule.ruleName,
            description: CONTRIBUTOR_FAMILIES[rule.kind].description,
            eventPattern: contributorStateChangePattern(rule.alarmNames, rule.regions),
            kind: rule.kind,
            state: "ENABLED",
            inputTransformer: (args.readableAlerts ?? true) ? readable : undefined,
        },
        args,
    ).name;
}

/** One alert per key whose imported material expires soon, from every region's alarm. */
export class ExpiringKeyAlerts extends pulumi.ComponentResource {
    public readonly ruleName: pulumi.Output<string>;

    constructor(name: string, args: ContributorAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:alerts:ExpiringKeyAlerts", name, {}, opts);
        this.ruleName = createContributorRule(this, name, args);
        this.registerOutputs({ ruleName: this.ruleName });
    }
}

/** One alert per custom key store and signal, from every region's key store alarms. */
export class KeyStoreAlerts extends pulumi.ComponentResource {
    public readonly ruleName: pulumi.Output<string>;

    constructor(name: string, args: ContributorAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:alerts:KeyStoreAlerts", name, {}, opts);
        this.ruleName = createContributorRule(this, name, args);
        this.registerOutputs({ ruleName: this.ruleName });
    }
}
