// The stack's CloudWatch dashboards: the stack's own, and the central view of the organization.
export { MonitoringDashboard } from "./monitoringDashboard";
export type { MonitoringDashboardArgs, RemoteRegionWidgets } from "./monitoringDashboard";
export { OrganizationDashboard } from "./organizationDashboard";
export type { OrganizationDashboardArgs } from "./organizationDashboard";
