/** Stack files as the Pulumi CLI hands them to the program, and a clock fixed for the plan. */
import * as fs from "fs";
import * as YAML from "yaml";

/** What `secure:` values become: they are never decrypted. 32 zero bytes, so key material validates. */
export const SECRET_PLACEHOLDER = Buffer.alloc(32).toString("base64");

/**
 * What a `secure:` value of these keys becomes instead, in the shape the key requires, so that a
 * stack file with secrets plans: a PagerDuty integration key is 32 letters and digits, a webhook
 * an https:// URL.
 */
export const SECRET_PLACEHOLDERS: Readonly<Record<string, string>> = {
    "kms-monitoring:pagerDutyRoutingKey": "PLACEHOLDERPAGERDUTYROUTINGKEY00",
    "kms-monitoring:webhooks": "https://webhook.invalid/placeholder",
};

export interface StackFile {
    /** Full keys (`kms-monitoring:alertEmails`) to values as the CLI passes them: JSON for structured ones. */
    readonly config: Record<string, string>;
    /**
     * Keys whose value was `secure:`, or held a `secure:` value, as the CLI marks them; they hold a
     * placeholder.
     */
    readonly secretKeys: string[];
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && "secure" in value;
}

/** Loads a `Pulumi.<stack>.yaml` file into the flat string map the CLI passes to the program. */
export function loadStackConfig(file: string): StackFile {
    const parsed = YAML.parse(fs.readFileSync(file, "utf8")) as {
        config?: Record<string, unknown>;
    } | null;
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(parsed?.config ?? {})) {
        const placeholder = SECRET_PLACEHOLDERS[key] ?? SECRET_PLACEHOLDER;
        if (isSecure(value)) {
            config[key] = placeholder;
            secretKeys.push(key);
        } else if (Array.isArray(value) && value.some(isSecure)) {
            // A list with secure items (pulumi config set --secret --path 'key[0]'): the CLI
            // passes the whole list decrypted and marks the key secret.
            config[key] = JSON.stringify(
                value.map((item, index) => (isSecure(item) ? `${placeholder}-${index}` : item)),
            );
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { config, secretKeys };
}

/**
 * Runs `body` with `new Date()` and `Date.now()` fixed at `now`, so that date-dependent checks
 * (validTo) give the same answer on any day. Dates built from explicit values are unaffected.
 */
export async function withClockAt<T>(now: Date, body: () => Promise<T>): Promise<T> {
    const RealDate = Date;
    const fixed = now.getTime();
    class FixedDate extends RealDate {
        constructor(...args: ConstructorParameters<DateConstructor> | []) {
            if (args.length === 0) {
                super(fixed);
            } else {
                super(...(args as [string | number | Date]));
            }
        }

        static now(): number {
            return fixed;
        }
    }
    globalThis.Date = FixedDate as DateConstructor;
    try {
        return await body();
    } finally {
        globalThis.Date = RealDate;
    }
}

/** A validTo `days` after `from`, in the whole-second UTC form the config requires. */
export function validToAfter(days: number, from: Date = new Date()): string {
    return new Date(from.getTime() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Only the `<project>:` keys, without the prefix, as `parseStackConfig` takes them. */
export function projectConfig(
    config: Record<string, string>,
    project = "kms-monitoring",
): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config)
            .filter(([key]) => key.startsWith(`${project}:`))
            .map(([key, value]) => [key.slice(project.length + 1), value]),
    );
}
