// What keeps alert delivery honest: the dead-letter queue and the alarms on failed delivery.
export { DEAD_LETTER_RETENTION_SECONDS, DeadLetterQueue } from "./deadLetterQueue";
export type { DeadLetterQueueArgs } from "./deadLetterQueue";
export { DeliveryAlarms } from "./deliveryAlarms";
export type { DeliveryAlarmsArgs } from "./deliveryAlarms";
export { deliveryAlarmDescription, deliveryAlarmSettings } from "./deliveryFailures";
export type { DeliveryFailure } from "./deliveryFailures";
export {
    deadLettersAlarmName,
    deliveryAlarmNames,
    failedInvocationsAlarmName,
} from "./deliveryWatch";
export type { ChannelWatch, WatchedBus } from "./deliveryWatch";
export { deadLetterQueuePolicyDocument } from "./queuePolicy";
