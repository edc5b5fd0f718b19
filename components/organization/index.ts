// The organization: the central bus, the StackSet that rolls the forwarders out to every member
// account, the member heartbeats, and cross-account observability (sinks here, links there).
export {
    MEMBER_BUS_ALARM_ROLE,
    MEMBER_ENVIRONMENT,
    memberDeadLetterQueueName,
    memberForwarderRoleName,
    organizationMemberPrefix,
} from "./memberNames";
export type { CloudFormationTemplate, MemberTemplateInputs } from "./memberNames";
export { substituted } from "./memberResources";
export { forwardedEvents, memberForwardingPlan, memberTemplate } from "./memberTemplate";
export {
    LINK_LABEL_TEMPLATE,
    LINK_RESOURCE_TYPES,
    linkedNamespaces,
    linkMetricFilter,
    MAX_LINK_FILTER_NAMESPACES,
    memberLinkTemplate,
} from "./memberLink";
export type { MemberLinkSettings } from "./memberLink";
export {
    memberHeartbeatLogPolicy,
    memberHeartbeatAlarmSettings,
    memberHeartbeatPattern,
    MemberHeartbeats,
    memberHeartbeatsAlarmName,
    memberHeartbeatsRuleName,
    SILENT_MEMBERS_QUERY,
} from "./memberHeartbeats";
export type { MemberHeartbeatsArgs } from "./memberHeartbeats";
export {
    MEMBER_HEARTBEAT_DIMENSIONS,
    METRIC_FILTER_DIMENSION_PAIRS_LIMIT,
    readableAccountName,
    SILENT_MEMBERS_QUERY_ROWS,
    silentMemberAlarmName,
    silentMemberAlarmNamePrefix,
    silentMemberAlarmSettings,
    silentMemberFilterWarning,
} from "./silentMembers";
export type { ExpectedMember } from "./silentMembers";
export { MEMBER_OPERATION_PREFERENCES, MemberStackSet } from "./memberStackSet";
export type { MemberStackSetArgs } from "./memberStackSet";
export { ObservabilitySinks } from "./observabilitySinks";
export type { ObservabilitySinksArgs } from "./observabilitySinks";
export { OrganizationBus } from "./organizationBus";
export type { OrganizationBusArgs } from "./organizationBus";
export { observabilitySinkPolicy, organizationBusPolicy } from "./policies";
export type { ForwardedEvents } from "./policies";
