// The alert topic and the EventBridge rules that publish to it.
export { AlertTopic, DEFAULT_DISPLAY_NAME } from "./alertTopic";
export type { AlertTopicArgs, AlertTopicEncryption } from "./alertTopic";
export { ApiCallAlerts, DEFAULT_API_CALL_ALERTS } from "./apiCallAlerts";
export type { ApiCallAlertsArgs, ApiCallAlertSpec } from "./apiCallAlerts";
export { KeyLifecycleEvents } from "./keyLifecycleEvents";
export type { KeyLifecycleEventsArgs } from "./keyLifecycleEvents";
export { closestOperation, isKmsOperation, isReadOnlyOperation, KMS_OPERATIONS, KMS_SERVICE_EVENTS } from "./kmsOperations";
export type { KmsOperation } from "./kmsOperations";
