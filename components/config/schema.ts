import { z } from "zod";
import { DEFAULT_API_CALL_ALERTS, DEFAULT_DISPLAY_NAME, closestOperation, isKmsOperation, KMS_SERVICE_EVENTS } from "../alerts";
import { DEFAULT_EXPIRY_WARNING_DAYS } from "../alarms";
import { DEFAULT_LOGS_RETENTION_DAYS, LOG_RETENTION_DAYS } from "../audit";
import { MAX_VALID_TO_DAYS } from "../keys";
import { DEFAULT_DELETION_WINDOW_DAYS, EVENT_RULE_NAME_MAX, eventRuleName, LIFECYCLE_RULE_ROLE, MAX_DELETION_WINDOW_DAYS, MIN_DELETION_WINDOW_DAYS, namePrefix, REGION_CODE } from "../shared";
import { ParseContext } from "./types";

/**
 * Whether the stack is a production one (`prod`, `production`, `prod-eu`...). It decides the
 * defaults that guard against losing a key: Pulumi `protect` on the KMS keys.
 */
export function isProductionStack(stack: string): boolean {
    return /^prod(uction)?([-_.].*)?$/i.test(stack);
}

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
/** AWS Organizations API reference: Organization Id `^o-[a-z0-9]{10,32}$`; OU `^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`; root `^r-[0-9a-z]{4,32}$`. */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const OU_OR_ROOT_ID = /^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const DAY_MS = 86_400_000;


function wholeDays(min: number, max: number): z.ZodNumber {
    return z
        .number({ error: `must be a whole number of days from ${min} to ${max}` })
        .int({ error: `must be a whole number of days from ${min} to ${max}` })
        .min(min, { error: `must be from ${min} to ${max} days` })
        .max(max, { error: `must be from ${min} to ${max} days` });
}

/** The prefix of the names the stack chooses: the component's `namePrefix`, else `<project>-<stack>`. */
export function stackNamePrefix(ctx: ParseContext): string {
    return ctx.namePrefix ?? namePrefix(ctx.project, ctx.stack);
}

export function regionCode(): z.ZodString {
    return z.string({ error: "must be a string" }).regex(REGION_CODE, { error: "is not an AWS region code; expected e.g. eu-west-1" });
}

function booleanSchema(): z.ZodBoolean {
    return z.boolean({ error: "must be true or false" });
}

export function stackSchema(ctx: ParseContext) {
    const prefix = stackNamePrefix(ctx);

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

    const organization = z.strictObject(
        {
            id: z.string({ error: "must be a string" }).regex(ORGANIZATION_ID, { error: "must be an organization ID: o- and 10 to 32 lowercase letters or digits, e.g. o-a1b2c3d4e5" }),
            organizationalUnitIds: z
                .array(z.string({ error: "must be a string" }).regex(OU_OR_ROOT_ID, { error: "must be an OU ID (ou-ab12-cdef3456) or the root ID (r-ab12)" }), {
                    error: "must be a list of OU IDs or the root ID",
                })
                .min(1, { error: "must name at least one OU, or the root" }),
            callAs: z
                .enum(["SELF", "DELEGATED_ADMIN"], { error: "must be SELF (deploying from the management account) or DELEGATED_ADMIN (from a registered delegated administrator)" })
                .default("DELEGATED_ADMIN"),
            regions: z.array(regionCode(), { error: "must be a list of region codes" }).min(1, { error: "must list at least one region" }).optional(),
        },
        { error: "must be an object with id, organizationalUnitIds and optional callAs, regions" },
    );

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
            regions: z
                .array(regionCode(), { error: "must be a list of region codes" })
                .min(1, { error: "must list at least the home region" })
                .default(ctx.homeRegion === undefined ? [] : [ctx.homeRegion]),
            expiryWarningDays: wholeDays(1, 365).default(DEFAULT_EXPIRY_WARNING_DAYS),
            discoverExpiringKeys: booleanSchema().default(true),
            encryptTopic: booleanSchema().default(true),
            alertKeyDeletionWindowInDays: wholeDays(MIN_DELETION_WINDOW_DAYS, MAX_DELETION_WINDOW_DAYS).default(DEFAULT_DELETION_WINDOW_DAYS),
            alertKeyProtect: booleanSchema().default(isProductionStack(ctx.stack)),
            deadLetterQueue: booleanSchema().default(true),
            selfMonitoring: booleanSchema().default(true),
            // prefault runs the object's own defaults, so they are written once.
            auditTrail: auditTrail.prefault({}),
            readableAlerts: booleanSchema().default(true),
            dashboard: booleanSchema().default(true),
            organization: organization.optional(),
            tags: tags.default({}),
        });
}

