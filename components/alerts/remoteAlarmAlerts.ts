import * as pulumi from "@pulumi/pulumi";
import { eventRuleName, numberedRole } from "../shared";
import { alarmStateChangeTransformer } from "./alertMessages";
import { alarmStateChangePatterns } from "./alarmPatterns";
import { EventPattern } from "./eventPatterns";
import { AlertDeliveryArgs, createTopicRule } from "./topicRule";

export const REMOTE_ALARMS_RULE_ROLE = "remote-alarms";

/** A rule with a fixed name and the pattern it matches. */
export interface NamedPattern {
    readonly ruleName: string;
    readonly eventPattern: EventPattern;
}

/**
 * The rules for alarms that cannot notify the topic themselves: `<prefix>-remote-alarms`, then
 * `-2`, `-3`... when the names do not fit one pattern. Their names are fixed, so the topic policy
 * can name them before they exist.
 */
export function remoteAlarmRules(
    ruleNamePrefix: string,
    alarmNames: readonly string[],
    regions: readonly string[],
): NamedPattern[] {
    if (alarmNames.length === 0) {
        return [];
    }
    // The same alarm name in several regions is one entry: the pattern's regions tell them apart.
    return alarmStateChangePatterns([...new Set(alarmNames)], regions).map(
        (eventPattern, index) => ({
            ruleName: eventRuleName(ruleNamePrefix, numberedRole(REMOTE_ALARMS_RULE_ROLE, index)),
            eventPattern,
        }),
    );
}

export interface RemoteAlarmAlertsArgs extends AlertDeliveryArgs {
    /** The rules, from `remoteAlarmRules`. A plain list: it decides which rules exist. Required. */
    readonly rules: readonly NamedPattern[];
}

/**
 * Rules that turn the forwarded state changes of the monitoring's alarms into alerts: on the home
 * default bus those of the other regions, on the organization bus those of the member accounts.
 * Home alarms notify the topic themselves and are not matched.
 */
export class RemoteAlarmAlerts extends pulumi.ComponentResource {
    public readonly ruleNames: pulumi.Output<string[]>;

    constructor(name: string, args: RemoteAlarmAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:alerts:RemoteAlarmAlerts", name, {}, opts);

        const rules = args.rules.map((rule, index) =>
            createTopicRule(
                this,
                numberedRole(name, index),
                {
                    ruleName: rule.ruleName,
                    description:
                        "State changes of the monitoring's CloudWatch alarms in other " +
                        "regions or accounts, forwarded here",
                    eventPattern: rule.eventPattern,
                    kind: "alarm",
                    state: "ENABLED",
                    inputTransformer:
                        (args.readableAlerts ?? true) ? alarmStateChangeTransformer() : undefined,
                },
                args,
            ),
        );

        this.ruleNames = pulumi.all(rules.map((rule) => rule.name));
        this.registerOutputs({ ruleNames: this.ruleNames });
    }
}
