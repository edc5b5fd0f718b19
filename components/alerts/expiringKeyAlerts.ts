import * as pulumi from "@pulumi/pulumi";
import { eventRuleName } from "../shared";
import { expiringKeyContributorTransformer } from "./alertMessages";
import { contributorStateChangePattern } from "./alarmPatterns";
import { AlertDeliveryArgs, createTopicRule } from "./topicRule";

export const EXPIRING_KEYS_RULE_ROLE = "expiring-keys";

export function expiringKeysRuleName(ruleNamePrefix: string): string {
    return eventRuleName(ruleNamePrefix, EXPIRING_KEYS_RULE_ROLE);
}

export interface ExpiringKeyAlertsArgs extends AlertDeliveryArgs {
    /** Prefix of the rule name, e.g. `kms-monitoring-dev`. Required. */
    readonly ruleNamePrefix: string;
    /** Name of the expiring-material alarm, the same in every region. Required. */
    readonly alarmName: string;
    /** Every watched region: home events arrive directly, the others forwarded. Default: any region. */
    readonly regions?: readonly string[];
    /** Days the alarm warns ahead, quoted in the text. Required. */
    readonly warningDays: number;
}

/** One rule that turns each key's state change in the expiring-material alarms of every region into one alert. */
export class ExpiringKeyAlerts extends pulumi.ComponentResource {
    public readonly ruleName: pulumi.Output<string>;

    constructor(name: string, args: ExpiringKeyAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:alerts:ExpiringKeyAlerts", name, {}, opts);

        const rule = createTopicRule(
            this,
            name,
            {
                ruleName: expiringKeysRuleName(args.ruleNamePrefix),
                description:
                    "Each KMS key whose imported material expires soon, found by the Metrics " +
                    "Insights alarms of every watched region",
                eventPattern: contributorStateChangePattern(args.alarmName, args.regions),
                kind: "expiring-key",
                state: "ENABLED",
                inputTransformer:
                    (args.readableAlerts ?? true)
                        ? expiringKeyContributorTransformer(args.warningDays)
                        : undefined,
            },
            args,
        );

        this.ruleName = rule.name;
        this.registerOutputs({ ruleName: this.ruleName });
    }
}
