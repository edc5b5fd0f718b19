// KMS keys the stack creates.
export { ImportedKey, MAX_VALID_TO_DAYS } from "./importedKey";
export type { ImportedKeyArgs } from "./importedKey";
