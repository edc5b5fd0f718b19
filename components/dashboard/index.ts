// The stack's CloudWatch dashboard.
export { MonitoringDashboard } from "./monitoringDashboard";
export type { MonitoringDashboardArgs, RemoteRegionWidgets } from "./monitoringDashboard";
