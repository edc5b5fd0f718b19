import { readStackConfig } from "./components/config";
import { KmsMonitoring } from "./components/stack";

// Throws one error listing every config problem, before any resource registers.
const monitoring = KmsMonitoring.fromConfig(readStackConfig(new Date()));

export const topicArn = monitoring.topicArn;
export const importedKeyId = monitoring.importedKeyId;
export const importedKeyArn = monitoring.importedKeyArn;
export const ruleNames = monitoring.ruleNames;
export const alarmNames = monitoring.alarmNames;
export const nextSteps = monitoring.nextSteps;
export const emailSubscriptions = monitoring.emailSubscriptions;
export const alertKeyArn = monitoring.alertKeyArn;
export const deadLetterQueueUrl = monitoring.deadLetterQueueUrl;
export const dashboardUrl = monitoring.dashboardUrl;
export const auditLogGroupName = monitoring.auditLogGroupName;
export const watchedRegions = monitoring.watchedRegions;
export const forwarding = monitoring.forwarding;
export const organizationBusArn = monitoring.organizationBusArn;
export const stackSetName = monitoring.stackSetName;
export const stackSetInstanceRegions = monitoring.stackSetInstanceRegions;
export const linkStackSetName = monitoring.linkStackSetName;
export const observabilitySinkArns = monitoring.observabilitySinkArns;
export const centralDashboardUrl = monitoring.centralDashboardUrl;
export const channels = monitoring.channels;
export const verification = monitoring.verification;
