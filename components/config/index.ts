// The stack config: one schema, every default, and one error listing every problem.
export { readStackConfig, parseStackConfig } from "./reader";
export { configKeyPath } from "./messages";
export { isProductionStack } from "./schema";
export type {
    ApiCallAlert,
    AuditTrailConfig,
    ChatConfig,
    ImportedKeyConfig,
    ParseContext,
    SlackChannelConfig,
    StackConfig,
    TeamsChannelConfig,
} from "./types";
export { validateComponentArgs } from "./componentArgs";
