// The composition root: the whole stack from its arguments. A pure plan first (planMonitoring),
// then one builder per concern creates the resources from it.
export { KmsMonitoring } from "./kmsMonitoring";
export type {
    AuditTrailSettings,
    ChatSettings,
    ImportedKeySettings,
    KmsMonitoringArgs,
    OrganizationSettings,
    SlackChannelSettings,
    TeamsChannelSettings,
} from "./args";
export { planMonitoring } from "./plan";
export type { Features, MonitoringPlan, OtherRegionPlan, TopicRule } from "./plan";
export { planBusAlertRules } from "./busAlertRules";
export type { BusAlertRules } from "./busAlertRules";
export { planOrganization } from "./organizationPlan";
export { planChannels } from "./channelsPlan";
export type { ChannelsPlan } from "./channelsPlan";
export type { ChannelsOutput } from "./channels";
export type { OrganizationPlan } from "./organizationPlan";
export { nextStepsText } from "./outputs";
export type { MonitoringOutputs } from "./outputs";
export type { RegionForwardingOutput } from "./otherRegions";
export type {
    VerificationAlarm,
    VerificationHeartbeat,
    VerificationMemberHeartbeats,
    VerificationOrganization,
    VerificationOutput,
    VerificationQueue,
    VerificationRetryPolicy,
    VerificationRule,
    VerificationSubscription,
    VerificationTarget,
    VerificationTopic,
    VerificationTrail,
} from "./verificationTypes";
