import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EVENT_RULE_NAME_MAX, eventRuleName, LIFECYCLE_RULE_ROLE, namePrefix } from "./arns";
import { closestMatch } from "./closestMatch";
import { DEFAULT_DISPLAY_NAME } from "./alertTopic";
import { DEFAULT_API_CALL_ALERTS } from "./apiCallAlerts";
import { DEFAULT_LOGS_RETENTION_DAYS, LOG_RETENTION_DAYS } from "./auditTrail";
import { DEFAULT_EXPIRY_WARNING_DAYS } from "./expiryAlarms";
import { MAX_VALID_TO_DAYS } from "./importedKey";
import { DEFAULT_DELETION_WINDOW_DAYS, MAX_DELETION_WINDOW_DAYS, MIN_DELETION_WINDOW_DAYS } from "./keyDeletion";
import { closestOperation, isKmsOperation, KMS_SERVICE_EVENTS } from "./kmsOperations";

/** One EventBridge rule on KMS API calls. */
export interface ApiCallAlert {
    /** Short name, unique in the stack; the rule is named `<project>-<stack>-<name>`. */
    readonly name: string;
    /** KMS operations to match (`detail.eventName`). */
    readonly eventNames: readonly string[];
    /** When non-empty, only calls on one of these key ARNs match. */
    readonly keyArns: readonly string[];
}

export interface ImportedKeyConfig {
    readonly alias: string;
    readonly description?: string;
    /** RFC 3339; absent means the material never expires. */
    readonly validTo?: string;
    readonly deletionWindowInDays: number;
    readonly protect: boolean;
}

export interface AuditTrailConfig {
    readonly create: boolean;
    readonly logsRetentionDays: number;
    readonly cisMetricFilter: boolean;
    readonly forceDestroyBucket: boolean;
}

/** The validated stack config, with every default applied. */
export interface StackConfig {
    readonly project: string;
    readonly stack: string;
    readonly alertEmails: readonly string[];
    readonly topicName?: string;
    readonly topicDisplayName: string;
    readonly apiCallAlerts: readonly ApiCallAlert[];
    readonly keyLifecycleEvents: boolean;
    readonly importedKey?: ImportedKeyConfig;
    /** Base64 key material, always wrapped as a Pulumi secret. Absent: the stack generates it. */
    readonly importedKeyMaterial?: pulumi.Output<string>;
    readonly watchedKeys: readonly string[];
    readonly expiryWarningDays: number;
    readonly encryptTopic: boolean;
    readonly alertKeyDeletionWindowInDays: number;
    readonly alertKeyProtect: boolean;
    readonly deadLetterQueue: boolean;
    readonly selfMonitoring: boolean;
    readonly auditTrail: AuditTrailConfig;
    readonly readableAlerts: boolean;
    readonly dashboard: boolean;
    /** The user's `tags` plus `project`, `stack` and `managed-by`. */
    readonly tags: Readonly<Record<string, string>>;
    /** Valid but worth a word: `readStackConfig` logs them with pulumi.log.warn. */
    readonly warnings: readonly string[];
}

/**
 * Whether the stack is a production one (`prod`, `production`, `prod-eu`...). It decides the
 * defaults that guard against losing a key: Pulumi `protect` on the KMS keys.
 */
export function isProductionStack(stack: string): boolean {
    return /^prod(uction)?([-_.].*)?$/i.test(stack);
}

const SECRET_KEYS = new Set(["importedKeyMaterial"]);
const STRING_KEYS = new Set(["topicName", "topicDisplayName", "importedKeyMaterial"]);
const RESERVED_TAGS = ["project", "stack", "managed-by"];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const KEY_UUID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]{1,250}$/;
const ALIAS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:alias\/[A-Za-z0-9/_-]{1,250}$/;
/**
 * RFC 3339 in UTC with whole seconds. The provider reads validTo back from KMS formatted exactly
 * so (Go's time.RFC3339 in UTC) and waits until it equals the configured string; any other form
 * of the same instant (an offset, fractions of a second) never converges and shows a diff on every
 * run (terraform-provider-aws, aws_kms_external_key, waitKeyValidToPropagated).
 */
const VALID_TO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const DAY_MS = 86_400_000;

export interface ParseContext {
    readonly project: string;
    readonly stack: string;
    /** The moment `validTo` is checked against. */
    readonly now: Date;
}

function wholeDays(min: number, max: number): z.ZodNumber {
    return z
        .number({ error: `must be a whole number of days from ${min} to ${max}` })
        .int({ error: `must be a whole number of days from ${min} to ${max}` })
        .min(min, { error: `must be from ${min} to ${max} days` })
        .max(max, { error: `must be from ${min} to ${max} days` });
}

function booleanSchema(): z.ZodBoolean {
    return z.boolean({ error: "must be true or false" });
}

function stackSchema(ctx: ParseContext) {
    const prefix = namePrefix(ctx.project, ctx.stack);

    const eventName = z.string({ error: "must be a KMS operation name" }).superRefine((name, issue) => {
        if (isKmsOperation(name)) {
            return;
        }
        const hint = KMS_SERVICE_EVENTS.includes(name)
            ? "is an event KMS itself logs, not an API call; keyLifecycleEvents covers expiry, rotation and deletion"
            : `is not a KMS API operation; did you mean "${closestOperation(name)}"?`;
        issue.addIssue({ code: "custom", message: hint });
    });

    const apiCallAlert = z.strictObject({
        name: z
            .string({ error: "must be a string" })
            .regex(/^[A-Za-z0-9._-]+$/, { error: "must be 1 or more of A-Z a-z 0-9 . _ -" })
            .refine((name) => eventRuleName(prefix, name).length <= EVENT_RULE_NAME_MAX, {
                error: `makes the rule name "${prefix}-<name>" longer than ${EVENT_RULE_NAME_MAX} characters`,
            })
            .refine((name) => name !== LIFECYCLE_RULE_ROLE, {
                error: `is reserved for the keyLifecycleEvents rule`,
            }),
        eventNames: z
            .array(eventName, { error: "must be a list of KMS operation names" })
            .min(1, { error: "must name at least one KMS operation" }),
        keyArns: z
            .array(z.string().regex(KEY_ARN, { error: "must be a key ARN (arn:aws:kms:<region>:<account>:key/<id>); CloudTrail records key ARNs, never aliases" }), {
                error: "must be a list of key ARNs",
            })
            .default([]),
    });

    const validTo = z
        .string({ error: "must be an RFC 3339 date-time string" })
        .superRefine((value, issue) => {
            const time = Date.parse(value);
            // Date.parse rolls 2027-02-30 over into March; the round trip catches it.
            if (!VALID_TO.test(value) || Number.isNaN(time) || new Date(time).toISOString() !== value.replace("Z", ".000Z")) {
                issue.addIssue({ code: "custom", message: "is not an RFC 3339 UTC date-time with whole seconds; expected e.g. 2027-06-30T00:00:00Z" });
            } else if (time <= ctx.now.getTime()) {
                issue.addIssue({
                    code: "custom",
                    message: `is not in the future (now is ${ctx.now.toISOString()}); the material has expired or is about to: set a later validTo, at most ${MAX_VALID_TO_DAYS} days ahead, and pulumi up re-imports it`,
                });
            } else if (time > ctx.now.getTime() + MAX_VALID_TO_DAYS * DAY_MS) {
                issue.addIssue({
                    code: "custom",
                    message: `is more than ${MAX_VALID_TO_DAYS} days ahead (latest allowed now: ${new Date(ctx.now.getTime() + MAX_VALID_TO_DAYS * DAY_MS).toISOString()})`,
                });
            }
        });

    const importedKey = z.strictObject(
        {
            alias: z
                .string({ error: "must be a string" })
                .regex(ALIAS_NAME, { error: "must be alias/ followed by 1-250 of A-Z a-z 0-9 / _ -" })
                .refine((alias) => !alias.startsWith("alias/aws/"), { error: "must not start with alias/aws/, which AWS reserves for AWS managed keys" }),
            description: z.string({ error: "must be a string" }).max(8192, { error: "must be at most 8192 characters" }).optional(),
            validTo: validTo.optional(),
            deletionWindowInDays: wholeDays(MIN_DELETION_WINDOW_DAYS, MAX_DELETION_WINDOW_DAYS).default(DEFAULT_DELETION_WINDOW_DAYS),
            protect: booleanSchema().default(isProductionStack(ctx.stack)),
        },
        { error: "must be an object with alias and optional description, validTo, deletionWindowInDays, protect" },
    );

    const keyMaterial = z.string({ error: "must be a string" }).superRefine((value, issue) => {
        if (!BASE64.test(value)) {
            issue.addIssue({ code: "custom", message: "is not valid base64; expected base64 of exactly 32 random bytes (openssl rand -base64 32)" });
        } else if (Buffer.from(value, "base64").length !== 32) {
            issue.addIssue({
                code: "custom",
                message: `decodes to ${Buffer.from(value, "base64").length} bytes; KMS needs exactly 32 bytes (256-bit) of symmetric key material`,
            });
        }
    });

    const auditTrail = z.strictObject(
        {
            create: booleanSchema().default(false),
            logsRetentionDays: z
                .number({ error: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}` })
                .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
                    error: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`,
                })
                .default(DEFAULT_LOGS_RETENTION_DAYS),
            cisMetricFilter: booleanSchema().default(true),
            // Production logs are evidence: destroy must not take them with the bucket.
            forceDestroyBucket: booleanSchema().default(!isProductionStack(ctx.stack)),
        },
        { error: "must be an object with create and optional logsRetentionDays, cisMetricFilter, forceDestroyBucket" },
    );

    const keyReference = z
        .string({ error: "must be a string" })
        .refine((ref) => KEY_UUID.test(ref) || KEY_ARN.test(ref) || ALIAS_NAME.test(ref) || ALIAS_ARN.test(ref), {
            error: "must be a key ID (1234abcd-12ab-34cd-56ef-1234567890ab), a key ARN, alias/<name> or an alias ARN",
        });

    const tags = z.record(
        z
            .string()
            .min(1)
            .max(128, { error: "tag keys are at most 128 characters" })
            .refine((key) => !key.toLowerCase().startsWith("aws:"), { error: "tag keys may not start with aws:" })
            .refine((key) => !RESERVED_TAGS.includes(key), { error: `the stack sets ${RESERVED_TAGS.join(", ")} itself` }),
        z.string({ error: "tag values must be strings" }).max(256, { error: "tag values are at most 256 characters" }),
        { error: "must be a map of tag names to string values" },
    );

    return z.strictObject({
            alertEmails: z
                .array(z.string({ error: "must be a string" }).regex(EMAIL, { error: "is not an email address; expected name@example.com" }), {
                    error: "must be a list of email addresses",
                })
                .default([]),
            topicName: z
                .string({ error: "must be a string" })
                .regex(/^[A-Za-z0-9_-]{1,256}$/, { error: "must be 1-256 of A-Z a-z 0-9 _ - (no .fifo: FIFO topics cannot deliver email)" })
                .optional(),
            topicDisplayName: z
                .string({ error: "must be a string" })
                .min(1, { error: "must not be empty" })
                .max(100, { error: "must be at most 100 characters" })
                .default(DEFAULT_DISPLAY_NAME),
            apiCallAlerts: z.array(apiCallAlert, { error: "must be a list of { name, eventNames, keyArns? }" }).default(DEFAULT_API_CALL_ALERTS.map((alert) => ({ name: alert.name, eventNames: [...alert.eventNames], keyArns: [] }))),
            keyLifecycleEvents: booleanSchema().default(true),
            importedKey: importedKey.optional(),
            importedKeyMaterial: keyMaterial.optional(),
            watchedKeys: z.array(keyReference, { error: "must be a list of key IDs, key ARNs or aliases" }).default([]),
            expiryWarningDays: wholeDays(1, 365).default(DEFAULT_EXPIRY_WARNING_DAYS),
            encryptTopic: booleanSchema().default(true),
            alertKeyDeletionWindowInDays: wholeDays(MIN_DELETION_WINDOW_DAYS, MAX_DELETION_WINDOW_DAYS).default(DEFAULT_DELETION_WINDOW_DAYS),
            alertKeyProtect: booleanSchema().default(isProductionStack(ctx.stack)),
            deadLetterQueue: booleanSchema().default(true),
            selfMonitoring: booleanSchema().default(true),
            // prefault runs the object's own defaults, so they are written once.
            auditTrail: auditTrail.prefault({}),
            readableAlerts: booleanSchema().default(true),
            dashboard: booleanSchema().default(true),
            tags: tags.default({}),
        });
}

interface Problem {
    readonly path: Path;
    readonly message: string;
}

function stringsAt(input: Record<string, unknown>, key: string, field?: string): (string | undefined)[] {
    const list = input[key];
    if (!Array.isArray(list)) {
        return [];
    }
    return list.map((item: unknown) => {
        const value = field === undefined ? item : (item as Record<string, unknown> | null)?.[field];
        return typeof value === "string" ? value : undefined;
    });
}

/**
 * Checks that span several keys. They run on the decoded input even when single values are
 * invalid, so that one run reports every problem.
 */
function crossFieldProblems(input: Record<string, unknown>): Problem[] {
    const problems: Problem[] = [];
    const duplicates = (values: (string | undefined)[], normalise: (value: string) => string = (v) => v): number[] => {
        const seen = new Set<string>();
        return values.flatMap((value, index) => {
            if (value === undefined) {
                return [];
            }
            const key = normalise(value);
            const repeated = seen.has(key);
            seen.add(key);
            return repeated ? [index] : [];
        });
    };
    for (const index of duplicates(stringsAt(input, "alertEmails"), (email) => email.toLowerCase())) {
        problems.push({ path: ["alertEmails", index], message: "is listed twice" });
    }
    for (const index of duplicates(stringsAt(input, "apiCallAlerts", "name"))) {
        problems.push({ path: ["apiCallAlerts", index, "name"], message: "is used by an earlier rule; rule names must be unique" });
    }
    const watched = stringsAt(input, "watchedKeys");
    for (const index of duplicates(watched)) {
        problems.push({ path: ["watchedKeys", index], message: "is listed twice" });
    }
    const importedKey = input.importedKey as Record<string, unknown> | undefined;
    const importedAlias = typeof importedKey?.alias === "string" ? importedKey.alias : undefined;
    watched.forEach((ref, index) => {
        if (ref !== undefined && ref === importedAlias) {
            problems.push({ path: ["watchedKeys", index], message: "is the stack's own importedKey, which is already watched" });
        }
    });
    if (input.importedKeyMaterial !== undefined && importedKey === undefined) {
        problems.push({ path: ["importedKeyMaterial"], message: "is set but importedKey is not; set importedKey.alias to create the key" });
    }
    return problems;
}

type Path = readonly PropertyKey[];

/** `kms-monitoring:apiCallAlerts[0].eventNames[2]` */
export function configKeyPath(project: string, path: Path): string {
    let text = `${project}:`;
    path.forEach((part, index) => {
        if (typeof part === "number") {
            text += `[${part}]`;
        } else {
            text += index === 0 ? String(part) : `.${String(part)}`;
        }
    });
    return text;
}

function valueAt(input: unknown, path: Path): unknown {
    let value = input;
    for (const part of path) {
        if (value === null || typeof value !== "object") {
            return undefined;
        }
        value = (value as Record<PropertyKey, unknown>)[part];
    }
    return value;
}

function describeValue(input: unknown, path: Path): string {
    if (path.length > 0 && SECRET_KEYS.has(String(path[0]))) {
        return "";
    }
    const value = valueAt(input, path);
    if (value === undefined) {
        return "";
    }
    const text = JSON.stringify(value);
    return ` (got ${text.length > 120 ? `${text.slice(0, 117)}...` : text})`;
}

function allowedKeysAt(shape: z.ZodObject, path: Path): string[] {
    const nested = path.find((part) => typeof part === "string");
    const field = nested === undefined ? undefined : shape.shape[nested as string];
    // Look through the wrappers (optional, default, prefault, array) to the object schema.
    let schema: unknown = field;
    while (schema instanceof z.ZodArray || (schema instanceof z.ZodType && "unwrap" in schema && typeof schema.unwrap === "function")) {
        schema = schema instanceof z.ZodArray ? schema.element : (schema as z.ZodOptional).unwrap();
    }
    return schema instanceof z.ZodObject ? Object.keys(schema.shape) : Object.keys(shape.shape);
}

function describeIssues(project: string, input: unknown, issues: readonly (z.core.$ZodIssue | Problem)[], topLevel: z.ZodObject): string[] {
    const lines: string[] = [];
    for (const issue of issues) {
        if ("code" in issue && issue.code === "unrecognized_keys") {
            const allowed = allowedKeysAt(topLevel, issue.path);
            for (const key of issue.keys) {
                lines.push(`${configKeyPath(project, [...issue.path, key])}: is not a known setting; did you mean "${closestMatch(key, allowed)}"? Known: ${allowed.join(", ")}`);
            }
            continue;
        }
        // A bad map key reports the key's own problem, which zod nests under the issue.
        const message = "code" in issue && issue.code === "invalid_key" ? issue.issues.map((inner) => inner.message).join("; ") : issue.message;
        lines.push(`${configKeyPath(project, issue.path)}: ${message}${describeValue(input, issue.path)}`);
    }
    return lines;
}

/**
 * Reads structured values the way the Pulumi CLI hands them to the program: lists, maps,
 * numbers and booleans arrive as JSON text, plain strings as themselves.
 */
function decodeRawValues(raw: Readonly<Record<string, string>>): Record<string, unknown> {
    const decoded: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(raw)) {
        if (STRING_KEYS.has(key)) {
            decoded[key] = text;
            continue;
        }
        try {
            decoded[key] = JSON.parse(text);
        } catch {
            decoded[key] = text;
        }
    }
    return decoded;
}

/**
 * Validates the raw project config (keys without the `<project>:` prefix) and applies every
 * default. Throws one `pulumi.RunError` that lists every problem; secret values never appear in it.
 */
export function parseStackConfig(raw: Readonly<Record<string, string>>, ctx: ParseContext): StackConfig {
    const input = decodeRawValues(raw);
    const schema = stackSchema(ctx);
    const result = schema.safeParse(input);
    const crossField = crossFieldProblems(input);
    if (!result.success || crossField.length > 0) {
        const issues = [...(result.error?.issues ?? []), ...crossField].sort((a, b) => configKeyPath("", a.path).localeCompare(configKeyPath("", b.path), "en", { numeric: true }));
        const problems = describeIssues(ctx.project, input, issues, schema);
        throw new pulumi.RunError(
            [
                `Invalid stack config for ${ctx.project} (stack "${ctx.stack}"): ${problems.length} problem${problems.length === 1 ? "" : "s"}`,
                ...problems.map((line) => `  - ${line}`),
                `Fix them in Pulumi.${ctx.stack}.yaml or with \`pulumi config set\`, then run pulumi up again.`,
            ].join("\n"),
        );
    }
    const config = result.data;
    return {
        ...config,
        project: ctx.project,
        stack: ctx.stack,
        importedKeyMaterial: config.importedKeyMaterial === undefined ? undefined : pulumi.secret(config.importedKeyMaterial),
        tags: { ...config.tags, project: ctx.project, stack: ctx.stack, "managed-by": "pulumi" },
        warnings: configWarnings(config, ctx),
    };
}

/** Valid settings that still deserve a word before deploying. */
function configWarnings(config: { importedKey?: ImportedKeyConfig; expiryWarningDays: number }, ctx: ParseContext): string[] {
    const validTo = config.importedKey?.validTo;
    if (validTo === undefined) {
        return [];
    }
    const daysLeft = (Date.parse(validTo) - ctx.now.getTime()) / DAY_MS;
    if (daysLeft > config.expiryWarningDays) {
        return [];
    }
    return [
        `${ctx.project}:importedKey.validTo (${validTo}) is ${Math.floor(daysLeft)} days away, within expiryWarningDays (${config.expiryWarningDays}): ` +
            "its expiry alarm will fire as soon as KMS publishes the metric.",
    ];
}

/** The stack's own config, as the Pulumi engine passed it to this program. */
export function readStackConfig(now: Date): StackConfig {
    const project = pulumi.getProject();
    const prefix = `${project}:`;
    const raw: Record<string, string> = {};
    for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
        if (key.startsWith(prefix)) {
            raw[key.slice(prefix.length)] = value;
        }
    }
    const config = parseStackConfig(raw, { project, stack: pulumi.getStack(), now });
    for (const warning of config.warnings) {
        void pulumi.log.warn(warning);
    }
    return config;
}
