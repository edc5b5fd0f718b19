// The alert topic and the EventBridge rules that publish to it.
export { AlertTopic, DEFAULT_DISPLAY_NAME } from "./alertTopic";
export type { AlertTopicArgs, AlertTopicEncryption, EmailSubscription } from "./alertTopic";
export { ApiCallAlerts, DEFAULT_API_CALL_ALERTS } from "./apiCallAlerts";
export type { ApiCallAlertsArgs, ApiCallAlertSpec } from "./apiCallAlerts";
export { KeyLifecycleEvents } from "./keyLifecycleEvents";
export type { KeyLifecycleEventsArgs } from "./keyLifecycleEvents";
export {
    closestOperation,
    isKmsOperation,
    isReadOnlyOperation,
    KMS_OPERATIONS,
    KMS_SERVICE_EVENTS,
} from "./kmsOperations";
export type { KmsOperation } from "./kmsOperations";
export { REMOTE_ALARMS_RULE_ROLE, RemoteAlarmAlerts, remoteAlarmRules } from "./remoteAlarmAlerts";
export type { NamedPattern, RemoteAlarmAlertsArgs } from "./remoteAlarmAlerts";
export {
    ALARM_CONTRIBUTOR_STATE_CHANGE,
    ALARM_STATE_CHANGE,
    alarmStateChangePatterns,
    apiCallEventPattern,
    apiCallRuleState,
    contributorStateChangePattern,
    forwardedApiCallPatterns,
    keyLifecycleEventPattern,
    MAX_EVENT_PATTERN_LENGTH,
} from "./eventPatterns";
export type { ApiCallSelection, EventPattern, RuleState } from "./eventPatterns";
export {
    EXPIRING_KEYS_RULE_ROLE,
    ExpiringKeyAlerts,
    expiringKeysRuleName,
} from "./expiringKeyAlerts";
export type { ExpiringKeyAlertsArgs } from "./expiringKeyAlerts";
export { TARGET_RETRY_POLICY } from "./topicRule";
export type { AlertDeliveryArgs } from "./topicRule";
