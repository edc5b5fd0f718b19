/**
 * KMS never deletes a key at once: ScheduleKeyDeletion takes a waiting period of 7 to 30 days,
 * 30 by default, during which CancelKeyDeletion can still save the key (KMS API reference).
 */
export const MIN_DELETION_WINDOW_DAYS = 7;
export const MAX_DELETION_WINDOW_DAYS = 30;
export const DEFAULT_DELETION_WINDOW_DAYS = 30;
