// The stack config: one schema, every default, and one error listing every problem.
export { readStackConfig, parseStackConfig } from "./reader";
export { configKeyPath } from "./messages";
export { isProductionStack } from "./primitives";
export type {
    ApiCallAlert,
    AuditTrailConfig,
    ImportedKeyConfig,
    ParseContext,
    StackConfig,
} from "./types";
export { validateComponentArgs } from "./componentArgs";
