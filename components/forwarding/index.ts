// Forwarding from the other watched regions to the home region: the rules, the role, the heartbeats.
export {
    apiCallsInRegion,
    FORWARDER_RULE_ROLES,
    forwardingPlan,
    HEARTBEAT_RULE_ROLE,
    HEARTBEATS_PER_HOUR,
} from "./forwardingPlan";
export type { ForwardingPlan, ForwardingRuleSpec, ForwardingSelection } from "./forwardingPlan";
export { ForwardingRole } from "./forwardingRole";
export type { ForwardingRoleArgs } from "./forwardingRole";
export {
    heartbeatAlarmName,
    heartbeatArrivalPattern,
    heartbeatArrivalRuleName,
    HeartbeatMonitor,
} from "./heartbeatMonitor";
export type { HeartbeatMonitorArgs } from "./heartbeatMonitor";
export { forwardingRolePolicy, heartbeatLogPolicy } from "./policies";
export { RegionalForwarder } from "./regionalForwarder";
export type { RegionalForwarderArgs } from "./regionalForwarder";
