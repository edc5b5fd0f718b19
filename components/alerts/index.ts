// The alert topic and the EventBridge rules that publish to it.
export { AlertTopic, createTopicPolicy, DEFAULT_DISPLAY_NAME } from "./alertTopic";
export { topicPolicyDocument } from "./topicPolicies";
export type { TopicPolicyInputs } from "./topicPolicies";
export { CALLER, KMS_CALL_PATHS } from "./alertMessages";
export { CANCEL_DELETION_COMMANDS, PENDING_DELETION_PATHS } from "./eventAlertMessages";
export type { InputTransformer } from "./alertMessages";
export type {
    AlertTopicArgs,
    AlertTopicEncryption,
    EmailSubscription,
    TopicPolicyArgs,
} from "./alertTopic";
export { ApiCallAlerts, DEFAULT_API_CALL_ALERTS } from "./apiCallAlerts";
export type { ApiCallAlertsArgs, ApiCallAlertSpec } from "./apiCallAlerts";
export {
    ALL_EVENT_ALERTS,
    EVENT_ALERT_ROLES,
    EventAlert,
    eventAlertForwarding,
    eventAlerts,
    ROTATION_RULE_ROLE,
} from "./eventAlerts";
export type {
    EventAlertArgs,
    EventAlertSpec,
    EventAlertSwitches,
    PlannedEventAlert,
} from "./eventAlerts";
export { callerKind } from "./callFilters";
export type { CallerKind, CallFilters } from "./callFilters";
export { callPatternState, forwardedApiCallPatterns } from "./forwardedPatterns";
export {
    isTopicKeyOperation,
    notOwnTopicCall,
    ownTopicCallsCondition,
    topicKeyAlias,
} from "./ownTopicCalls";
export type { OwnTopicCalls } from "./ownTopicCalls";
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
    apiCallEventPattern,
    apiCallRuleState,
    callBranches,
    CLOUDTRAIL_API_CALL,
    fitsOnePattern,
    isKmsCallPattern,
    KMS_LIFECYCLE_DETAIL_TYPES,
    keyLifecycleEventPattern,
    MAX_EVENT_PATTERN_LENGTH,
    PENDING_DELETION_CONDITION,
    pendingDeletionUsePattern,
} from "./eventPatterns";
export type { ApiCallSelection, EventPattern, RuleState } from "./eventPatterns";
export {
    ALARM_CONTRIBUTOR_STATE_CHANGE,
    ALARM_STATE_CHANGE,
    alarmNamePrefixPattern,
    alarmStateChangePatterns,
    contributorStateChangePattern,
} from "./alarmPatterns";
export type { AlarmState } from "./alarmPatterns";
export {
    CONTRIBUTOR_FAMILIES,
    contributorRulePlan,
    ExpiringKeyAlerts,
    KeyStoreAlerts,
} from "./contributorAlerts";
export type {
    ContributorAlertsArgs,
    ContributorKind,
    ContributorRulePlan,
} from "./contributorAlerts";
export { createAlertRule, TARGET_RETRY_POLICY } from "./topicRule";
export type {
    AlertDeliveryArgs,
    AlertKind,
    AlertRuleSpec,
    ChannelTarget,
    EventAlertKind,
    RuleTarget,
} from "./topicRule";
