// The alert channels besides email: Slack and Microsoft Teams through Amazon Q Developer in chat
// applications, PagerDuty through an EventBridge API destination, and HTTPS webhooks through SNS.
export { ChannelTopic } from "./channelTopic";
export type { ChannelTopicArgs } from "./channelTopic";
export { ChatChannels } from "./chatChannels";
export type { ChatChannelOutput, ChatChannelsArgs } from "./chatChannels";
export {
    CHAT_API_REGIONS,
    chatApiRegion,
    chatConfigurationName,
    CONFIGURATION_NAME_MAX,
    planChatConfigurations,
    slackConfigurationKey,
} from "./chatNames";
export type { ChatConfigurationPlan } from "./chatNames";
export { chatTransformer } from "./chatMessages";
export {
    LONGEST_CHANNEL_RULE_ROLE,
    PAGERDUTY_RULE_FAMILIES,
    planChannelRules,
} from "./channelRules";
export type { AlarmSource, ChannelKind, ChannelRule, ChannelRuleInputs } from "./channelRules";
export { alertRuleChannels, ChannelRules } from "./channelRulesComponent";
export type { ChannelDestinations, ChannelRulesArgs } from "./channelRulesComponent";
export { PagerDuty } from "./pagerDuty";
export type { PagerDutyArgs } from "./pagerDuty";
export { apiCallSeverity, PAGERDUTY_EVENTS_URL, pagerDutyTransformer } from "./pagerDutyEvents";
export {
    chatbotServiceLinkedRoleArn,
    chatGuardrailPolicy,
    chatRoleTrustPolicy,
    pagerDutyRolePolicy,
    webhookDeadLetterPolicy,
} from "./policies";
export { FIELDS_OF_KIND, QUOTE_FREE_PATHS } from "./templates";
export { WEBHOOK_DELIVERY_POLICY, Webhooks } from "./webhooks";
export type { WebhooksArgs, WebhookSubscriptionOutput } from "./webhooks";
