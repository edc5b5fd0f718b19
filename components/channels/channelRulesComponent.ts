import * as pulumi from "@pulumi/pulumi";
import {
    AlertDeliveryArgs,
    AlertKind,
    ChannelTarget,
    createAlertRule,
    RuleTarget,
} from "../alerts";
import type { ChannelKind, ChannelRule } from "./channelRules";
import { chatTransformer } from "./chatMessages";
import { pagerDutyTransformer } from "./pagerDutyEvents";

/** Where the channels receive alerts, once they exist. */
export interface ChannelDestinations {
    /** The chat topic: it gets each alert as a custom notification (chatTransformer). */
    readonly chat?: { readonly topicArn: pulumi.Input<string> };
    /** The webhook topic: it gets each event unchanged. */
    readonly webhooks?: { readonly topicArn: pulumi.Input<string> };
    /** The PagerDuty API destination and the role that invokes it. */
    readonly pagerDuty?: {
        readonly apiDestinationArn: pulumi.Input<string>;
        readonly roleArn: pulumi.Input<string>;
    };
}

/**
 * The targets the alert rules (API calls, event alerts) get besides the topic: chat and webhooks.
 * PagerDuty has rules of its own, one per severity.
 */
export function alertRuleChannels(destinations: ChannelDestinations): ChannelTarget[] {
    // Only these rules fan out to the channel topics; alarm and expiring-key changes reach chat
    // through the channel rules, split by state.
    const kinds: AlertKind[] = ["api-call", "key-lifecycle", "key-rotation", "pending-deletion"];
    return [
        ...(destinations.chat === undefined
            ? []
            : [
                  {
                      role: "chat",
                      arn: destinations.chat.topicArn,
                      inputs: Object.fromEntries(
                          kinds.map((kind) => [kind, chatTransformer(kind)]),
                      ),
                  },
              ]),
        ...(destinations.webhooks === undefined
            ? []
            : [{ role: "webhooks", arn: destinations.webhooks.topicArn }]),
    ];
}

function configured<T>(value: T | undefined, rule: ChannelRule, channel: ChannelKind): T {
    if (value === undefined) {
        throw new Error(`${rule.ruleName} targets ${channel}, which is not configured`);
    }
    return value;
}

/** The target of one channel for one rule. */
function channelTarget(
    channel: ChannelKind,
    rule: ChannelRule,
    destinations: ChannelDestinations,
): RuleTarget {
    switch (channel) {
        case "chat":
            return {
                role: channel,
                arn: configured(destinations.chat, rule, channel).topicArn,
                inputTransformer: chatTransformer(rule.kind, rule.action),
            };
        case "webhooks":
            return {
                role: channel,
                arn: configured(destinations.webhooks, rule, channel).topicArn,
            };
        case "pagerduty": {
            const pagerDuty = configured(destinations.pagerDuty, rule, channel);
            return {
                role: channel,
                arn: pagerDuty.apiDestinationArn,
                roleArn: pagerDuty.roleArn,
                inputTransformer: pagerDutyTransformer(rule.kind, rule.action, rule.severity),
            };
        }
    }
}

export interface ChannelRulesArgs extends Pick<
    AlertDeliveryArgs,
    "deadLetterQueueArn" | "eventBusName" | "tags"
> {
    /** The rules, from `planChannelRules`. A plain list: it decides which exist. Required. */
    readonly rules: readonly ChannelRule[];
    /** Where each channel receives. Required. */
    readonly destinations: ChannelDestinations;
}

/** The rules that deliver to the channels only: PagerDuty's by severity, and the alarms by state. */
export class ChannelRules extends pulumi.ComponentResource {
    public readonly ruleNames: pulumi.Output<string[]>;

    constructor(name: string, args: ChannelRulesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:channels:ChannelRules", name, {}, opts);

        const rules = args.rules.map((rule) =>
            createAlertRule(
                this,
                `${name}-${rule.role}`,
                rule,
                rule.channels.map((channel) => channelTarget(channel, rule, args.destinations)),
                args,
            ),
        );

        this.ruleNames = pulumi.all(rules.map((rule) => rule.name));
        this.registerOutputs({ ruleNames: this.ruleNames });
    }
}
