import {
    AlarmSource,
    ChannelKind,
    chatApiRegion,
    ChatConfigurationPlan,
    planChannelRules,
    planChatConfigurations,
} from "../channels";
import type { KmsMonitoringArgs } from "./args";
import type { BusAlertRules } from "./busAlertRules";

/** The alert channels besides email, with every default applied. */
export interface ChannelsPlan {
    /** The channels configured, in the order every rule targets them. */
    readonly kinds: readonly ChannelKind[];
    readonly chat?: {
        /**
         * Where the Amazon Q Developer API creates the configurations when the home region has
         * no such API; undefined: the home region.
         */
        readonly apiRegion?: string;
        readonly configurations: readonly ChatConfigurationPlan[];
    };
    /** The name of PagerDuty's connection and API destination, with a routing key. */
    readonly pagerDutyName?: string;
    /** How many webhook subscriptions. */
    readonly webhookCount: number;
    /** The channel topics, by the word in their alarms' names. */
    readonly topicRoles: readonly string[];
    /** The channel queues (the webhook dead letters), by the word in their alarm's name. */
    readonly queueRoles: readonly string[];
}

/** The region of the chat configurations, when it is not the home region. */
function chatRegion(homeRegion: string | undefined): string | undefined {
    const region = chatApiRegion(homeRegion);
    return region === homeRegion ? undefined : region;
}

export function planChannels(args: KmsMonitoringArgs): ChannelsPlan {
    const configurations = planChatConfigurations(
        args.namePrefix,
        args.chat?.slack ?? [],
        args.chat?.teams ?? [],
    );
    const chat = configurations.length > 0;
    const webhookCount = (args.webhooks ?? []).length;
    const pagerDuty = args.pagerDutyRoutingKey !== undefined;
    return {
        kinds: [
            ...(chat ? ["chat" as const] : []),
            ...(webhookCount > 0 ? ["webhooks" as const] : []),
            ...(pagerDuty ? ["pagerduty" as const] : []),
        ],
        chat: chat ? { apiRegion: chatRegion(args.homeRegion), configurations } : undefined,
        pagerDutyName: pagerDuty ? `${args.namePrefix}-pagerduty` : undefined,
        webhookCount,
        topicRoles: [...(chat ? ["chat"] : []), ...(webhookCount > 0 ? ["webhooks"] : [])],
        queueRoles: webhookCount > 0 ? ["webhooks"] : [],
    };
}

/** A bus's alert rules with its channel rules: the alarms of `alarms` alert on it too. */
export function withChannelRules(
    args: KmsMonitoringArgs,
    channels: ChannelsPlan,
    rules: BusAlertRules,
    alarms: readonly AlarmSource[],
): BusAlertRules {
    return {
        ...rules,
        channelRules: planChannelRules({
            ruleNamePrefix: args.namePrefix,
            channels: channels.kinds,
            apiCalls: rules.apiCalls,
            ownTopicCalls: rules.ownTopicCalls,
            eventAlerts: rules.eventAlerts,
            alarms,
            contributors: rules.contributors,
        }),
    };
}

/** The names of a bus's channel rules. */
export function channelRuleNames(rules: BusAlertRules): string[] {
    return rules.channelRules.map((rule) => rule.ruleName);
}
