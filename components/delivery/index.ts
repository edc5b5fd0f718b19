// What keeps alert delivery honest: the dead-letter queue and the alarms on failed delivery.
export { DEAD_LETTER_RETENTION_SECONDS, DeadLetterQueue } from "./deadLetterQueue";
export type { DeadLetterQueueArgs } from "./deadLetterQueue";
export { deadLettersAlarmName, DeliveryAlarms, failedInvocationsAlarmName } from "./deliveryAlarms";
export type { DeliveryAlarmsArgs, DeliveryFailure, WatchedBus } from "./deliveryAlarms";
export { deliveryAlarmDescription, deliveryAlarmSettings } from "./deliveryAlarms";
export { deadLetterQueuePolicyDocument } from "./queuePolicy";
