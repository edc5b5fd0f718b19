// The stack's CloudWatch dashboards: the stack's own, and the central view of the organization.
export { MonitoringDashboard } from "./monitoringDashboard";
export type { MonitoringDashboardArgs, RemoteRegionWidgets } from "./monitoringDashboard";
export {
    failedForwardingQuery,
    memberDeadLettersQuery,
    OrganizationDashboard,
    organizationDashboardBody,
} from "./organizationDashboard";
export type { MemberRegionWidgets, OrganizationDashboardArgs } from "./organizationDashboard";
