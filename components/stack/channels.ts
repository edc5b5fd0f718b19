import * as pulumi from "@pulumi/pulumi";
import type { AlertDeliveryArgs, AlertTopic, ChannelTarget } from "../alerts";
import {
    alertRuleChannels,
    ChannelDestinations,
    ChannelKind,
    ChannelRules,
    ChatChannelOutput,
    ChatChannels,
    PagerDuty,
    PAGERDUTY_RULE_FAMILIES,
    Webhooks,
    WebhookSubscriptionOutput,
} from "../channels";
import type { ChannelWatch } from "../delivery";
import { eventRuleName } from "../shared";
import type { BusAlertRules } from "./busAlertRules";
import { deployerArn, ruleArns, StackContext } from "./context";
import type { MonitoringPlan, TopicRule } from "./plan";

/** The alert channels as the `channels` output shows them: names and configurations, never a secret. */
export interface ChannelsOutput {
    /** One Amazon Q Developer configuration per Slack or Teams channel. */
    readonly chat: ChatChannelOutput[];
    /** PagerDuty's API destination, when a routing key is set. */
    readonly pagerDutyApiDestination?: string;
    /** One subscription per webhook, by position, with whether it awaits confirmation. */
    readonly webhooks: WebhookSubscriptionOutput[];
    /** The rules that deliver to the channels only, on the home bus and the organization bus. */
    readonly ruleNames: string[];
}

/** The channels once they exist. */
export interface Channels {
    readonly destinations: ChannelDestinations;
    /** The targets the API-call and key-lifecycle rules add: chat and webhooks. */
    readonly alertTargets: ChannelTarget[];
    /** The channel topics and queue, for the delivery alarms. */
    readonly topics: ChannelWatch<pulumi.Input<string>>[];
    readonly queues: ChannelWatch<pulumi.Input<string>>[];
    /** What the rules that invoke PagerDuty must wait for: its role's policy. */
    readonly dependsOn: pulumi.Resource[];
    readonly output: pulumi.Output<Omit<ChannelsOutput, "ruleNames">>;
    /** The channels' components, for the verification output. */
    readonly components: ChannelResources;
}

/** Those of a bus's alert rules whose delivery alarms must name the channel topics too. */
export function channelTargetRuleNames(
    bus: BusAlertRules,
    channels: Channels | undefined,
): readonly string[] {
    return channels === undefined || channels.alertTargets.length === 0 ? [] : bus.fanOutRuleNames;
}

/** The rules of every bus that deliver to a channel: its topic policy or role trust names them. */
function rulesTo(plan: MonitoringPlan, channel: ChannelKind): TopicRule[] {
    return plan.buses.flatMap((bus) => [
        ...(channel === "pagerduty"
            ? []
            : bus.fanOutRuleNames.map((ruleName) => ({
                  ruleName,
                  busName: bus.busName,
              }))),
        ...bus.channelRules
            .filter((rule) => rule.channels.includes(channel))
            .map((rule) => ({ ruleName: rule.ruleName, busName: bus.busName })),
    ]);
}

export interface ChannelResources {
    readonly chat?: ChatChannels;
    readonly webhooks?: Webhooks;
    readonly pagerDuty?: PagerDuty;
}

/** The families of the rules that invoke PagerDuty, on each bus that has some. */
function pagerDutyRulePatterns({ plan, environment }: StackContext): pulumi.Output<string[]> {
    const buses = rulesTo(plan, "pagerduty")
        .map((rule) => rule.busName)
        .filter((bus, index, all) => all.indexOf(bus) === index);
    return ruleArns(
        environment,
        buses.flatMap((busName) =>
            PAGERDUTY_RULE_FAMILIES.map((family) => ({
                ruleName: eventRuleName(plan.namePrefix, `${family}*`),
                busName,
            })),
        ),
    );
}

/** The chat, webhook and PagerDuty components, each when configured. */
function createChannelResources(ctx: StackContext, topic: AlertTopic): ChannelResources {
    const { parent, name, args, plan, environment } = ctx;
    const channels = plan.channels;
    const arns = (channel: ChannelKind) => ruleArns(environment, rulesTo(plan, channel));
    const common = { environment, keyId: topic.keyAlias, tags: args.tags };
    return {
        chat:
            channels.chat &&
            new ChatChannels(
                `${name}-chat`,
                { ...common, ...channels.chat, eventRuleArns: arns("chat") },
                { parent },
            ),
        webhooks:
            channels.webhookCount > 0
                ? new Webhooks(
                      `${name}-webhooks`,
                      {
                          ...common,
                          endpoints: args.webhooks ?? [],
                          eventRuleArns: arns("webhooks"),
                          subscriberArn: deployerArn(parent),
                      },
                      { parent },
                  )
                : undefined,
        pagerDuty:
            channels.pagerDutyName !== undefined && args.pagerDutyRoutingKey !== undefined
                ? new PagerDuty(
                      `${name}-pagerduty`,
                      {
                          name: channels.pagerDutyName,
                          routingKey: args.pagerDutyRoutingKey,
                          ruleArnPatterns: pagerDutyRulePatterns(ctx),
                          accountId: environment.accountId,
                          tags: args.tags,
                      },
                      { parent },
                  )
                : undefined,
    };
}

/** Chat, webhooks and PagerDuty, each when configured; undefined without any. */
export function buildChannels(ctx: StackContext, topic: AlertTopic): Channels | undefined {
    if (ctx.plan.channels.kinds.length === 0) {
        return undefined;
    }
    const { chat, webhooks, pagerDuty } = createChannelResources(ctx, topic);
    const destinations: ChannelDestinations = {
        chat: chat && { topicArn: chat.topicArn },
        webhooks: webhooks && { topicArn: webhooks.topicArn },
        pagerDuty: pagerDuty && {
            apiDestinationArn: pagerDuty.apiDestinationArn,
            roleArn: pagerDuty.roleArn,
        },
    };
    return {
        destinations,
        alertTargets: alertRuleChannels(destinations),
        topics: [
            ...(chat ? [{ role: "chat", subject: chat.topicName }] : []),
            ...(webhooks ? [{ role: "webhooks", subject: webhooks.topicName }] : []),
        ],
        queues: webhooks ? [{ role: "webhooks", subject: webhooks.deadLetterQueueName }] : [],
        dependsOn: pagerDuty ? [pagerDuty] : [],
        output: pulumi.output({
            chat: chat?.configurations ?? [],
            pagerDutyApiDestination: pagerDuty?.apiDestinationName,
            webhooks: webhooks?.subscriptions ?? [],
        }),
        components: { chat, webhooks, pagerDuty },
    };
}

/** A bus's channel rules; none without a channel. */
export function createChannelRules(
    { parent, name }: StackContext,
    rules: BusAlertRules,
    delivery: AlertDeliveryArgs,
    channels: Channels | undefined,
): pulumi.Output<string[]> | undefined {
    if (channels === undefined || rules.channelRules.length === 0) {
        return undefined;
    }
    return new ChannelRules(
        `${name}${rules.resourceNameSuffix}-channel-rules`,
        {
            rules: rules.channelRules,
            destinations: channels.destinations,
            deadLetterQueueArn: delivery.deadLetterQueueArn,
            eventBusName: delivery.eventBusName,
            tags: delivery.tags,
        },
        { parent, dependsOn: channels.dependsOn },
    ).ruleNames;
}
