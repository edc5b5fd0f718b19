// The organization: the central bus, the StackSet that rolls the forwarders out to every member
// account, and the member heartbeats.
export {
    MEMBER_ENVIRONMENT,
    memberForwarderRoleName,
    organizationMemberPrefix,
} from "./memberNames";
export type { CloudFormationTemplate, MemberTemplateInputs } from "./memberNames";
export { substituted } from "./memberResources";
export { forwardedEvents, memberForwardingPlan, memberTemplate } from "./memberTemplate";
export {
    memberHeartbeatAlarmSettings,
    memberHeartbeatPattern,
    MemberHeartbeats,
    memberHeartbeatsAlarmName,
    memberHeartbeatsRuleName,
    SILENT_MEMBERS_QUERY,
} from "./memberHeartbeats";
export type { MemberHeartbeatsArgs } from "./memberHeartbeats";
export { MEMBER_OPERATION_PREFERENCES, MemberStackSet } from "./memberStackSet";
export type { MemberStackSetArgs } from "./memberStackSet";
export { OrganizationBus } from "./organizationBus";
export type { OrganizationBusArgs } from "./organizationBus";
export { organizationBusPolicy } from "./policies";
export type { ForwardedEvents } from "./policies";
