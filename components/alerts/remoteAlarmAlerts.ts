import * as pulumi from "@pulumi/pulumi";
import { eventRuleName } from "../shared";
import { alarmStateChangeTransformer } from "./alertMessages";
import { alarmStateChangePatterns, EventPattern } from "./eventPatterns";
import { createTopicRule } from "./topicRule";

export const REMOTE_ALARMS_RULE_ROLE = "remote-alarms";

/** A rule with a fixed name and the pattern it matches. */
export interface NamedPattern {
    readonly ruleName: string;
    readonly eventPattern: EventPattern;
}

/**
 * The home rules for the alarms that live in other regions: `<prefix>-remote-alarms`, then
 * `-2`, `-3`... when the names do not fit one pattern. Their names are fixed, so the topic policy
 * can name them before they exist.
 */
export function remoteAlarmRules(ruleNamePrefix: string, alarmNames: readonly string[], regions: readonly string[]): NamedPattern[] {
    if (alarmNames.length === 0) {
        return [];
    }
    // The same alarm name in several regions is one entry: the pattern's regions tell them apart.
    return alarmStateChangePatterns([...new Set(alarmNames)], regions).map((eventPattern, index) => ({
        ruleName: eventRuleName(ruleNamePrefix, index === 0 ? REMOTE_ALARMS_RULE_ROLE : `${REMOTE_ALARMS_RULE_ROLE}-${index + 1}`),
        eventPattern,
    }));
}

export interface RemoteAlarmAlertsArgs {
    /** The rules, from `remoteAlarmRules`. A plain list: it decides which rules exist. Required. */
    readonly rules: readonly NamedPattern[];
    /** ARN of the SNS topic every rule targets. Required. */
    readonly topicArn: pulumi.Input<string>;
    /** Email a short readable text instead of the raw event JSON. Default: true. */
    readonly readableAlerts?: boolean;
    /** SQS queue for events that could not be delivered to the topic. Default: none. */
    readonly deadLetterQueueArn?: pulumi.Input<string>;
    /** The bus every rule is on: the organization bus for member accounts' events. Default: the default bus. */
    readonly eventBusName?: pulumi.Input<string>;
    /** Tags for every rule. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Rules on the home default bus that turn the forwarded state changes of this stack's alarms in
 * other regions into alerts. Home alarms notify the topic themselves and are not matched here.
 */
export class RemoteAlarmAlerts extends pulumi.ComponentResource {
    public readonly ruleNames: pulumi.Output<string[]>;

    constructor(name: string, args: RemoteAlarmAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:alerts:RemoteAlarmAlerts", name, {}, opts);

        const rules = args.rules.map((rule, index) =>
            createTopicRule(
                this,
                index === 0 ? name : `${name}-${index + 1}`,
                {
                    ruleName: rule.ruleName,
                    description: "State changes of this stack's CloudWatch alarms in other regions, forwarded to this region",
                    eventPattern: rule.eventPattern,
                    state: "ENABLED",
                    inputTransformer: (args.readableAlerts ?? true) ? alarmStateChangeTransformer() : undefined,
                },
                { topicArn: args.topicArn, deadLetterQueueArn: args.deadLetterQueueArn, eventBusName: args.eventBusName, tags: args.tags },
            ),
        );

        this.ruleNames = pulumi.all(rules.map((rule) => rule.name));
        this.registerOutputs({ ruleNames: this.ruleNames });
    }
}
