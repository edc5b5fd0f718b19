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
export type { BusAlertRules } from "./busAlertRules";
export type { ChannelsPlan } from "./channelsPlan";
export type { ChannelsOutput } from "./channels";
export type { OrganizationPlan } from "./organizationPlan";
export { nextStepsText } from "./outputs";
export type { MonitoringOutputs } from "./outputs";
export type { RegionForwardingOutput } from "./otherRegions";
export type {
    VerificationAlarm,
    VerificationApiDestination,
    VerificationHeartbeat,
    VerificationMemberHeartbeats,
    VerificationMetric,
    VerificationObservability,
    VerificationOrganization,
    VerificationOutput,
    VerificationQueue,
    VerificationRetryPolicy,
    VerificationRule,
    VerificationSink,
    VerificationSubscription,
    VerificationTarget,
    VerificationTopic,
    VerificationTrail,
    VerificationTrailRegion,
} from "./verificationTypes";
