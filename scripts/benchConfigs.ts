/** The stack configs the benchmarks evaluate: the dev stack file, and the dev stack grown. */
import * as path from "path";
import { loadStackConfig, REPO_ROOT } from "./mockRuntime";

/** Full config keys and their values as the CLI passes them. */
export type RawConfig = Record<string, string>;

export function devConfig(): RawConfig {
    return loadStackConfig(path.join(REPO_ROOT, "Pulumi.dev.yaml")).config;
}

const OPERATIONS = [
    "Decrypt",
    "Encrypt",
    "GenerateDataKey",
    "DisableKey",
    "ScheduleKeyDeletion",
    "PutKeyPolicy",
    "CreateGrant",
    "RevokeGrant",
    "ImportKeyMaterial",
    "ReEncrypt",
];

/** The dev stack grown to these watched keys, 20 API-call rules and 10 email addresses. */
function grownConfig(watchedKeys: string[]): RawConfig {
    const config = devConfig();
    config["kms-monitoring:alertEmails"] = JSON.stringify(
        Array.from({ length: 10 }, (_, index) => `oncall-${index}@example.com`),
    );
    config["kms-monitoring:apiCallAlerts"] = JSON.stringify(
        Array.from({ length: 20 }, (_, index) => ({
            name: `rule-${index}`,
            eventNames: [OPERATIONS[index % OPERATIONS.length]],
        })),
    );
    config["kms-monitoring:watchedKeys"] = JSON.stringify(watchedKeys);
    return config;
}

/** The dev stack grown to 200 watched keys (given as aliases), 20 API-call rules and 10 email addresses. */
export function largeConfig(): RawConfig {
    return grownConfig(
        Array.from(
            { length: 200 },
            (_, index) => `alias/watched-${String(index).padStart(3, "0")}`,
        ),
    );
}

/** The dev stack grown to `keys` watched keys (given as key IDs, as the CDK yardstick does), 20 API-call rules and 10 addresses. */
export function syntheticConfig(keys: number): RawConfig {
    return grownConfig(
        Array.from(
            { length: keys },
            (_, index) => `00000000-0000-4000-a000-${String(index).padStart(12, "0")}`,
        ),
    );
}
