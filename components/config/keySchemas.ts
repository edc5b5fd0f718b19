import { z } from "zod";
import { closestOperation, isKmsOperation, KMS_SERVICE_EVENTS } from "../alerts";
import { MAX_VALID_TO_DAYS } from "../keys";
import {
    DEFAULT_DELETION_WINDOW_DAYS,
    EVENT_RULE_NAME_MAX,
    eventRuleName,
    MAX_DELETION_WINDOW_DAYS,
    MIN_DELETION_WINDOW_DAYS,
} from "../shared";
import {
    ALIAS_ARN,
    ALIAS_NAME,
    BASE64,
    booleanSchema,
    DAY_MS,
    isProductionStack,
    KEY_ARN,
    KEY_UUID,
    stackNamePrefix,
    VALID_TO,
    wholeDays,
} from "./primitives";
import { callersSchema, errorCodesSchema } from "./filterSchemas";
import { reservedNameProblem } from "./ruleNames";
import { ParseContext } from "./types";

/** A KMS API operation, with a hint for the names that are not one. */
export function eventNameSchema() {
    return z.string({ error: "must be a KMS operation name" }).superRefine((name, issue) => {
        if (isKmsOperation(name)) {
            return;
        }
        const hint = KMS_SERVICE_EVENTS.includes(name)
            ? "is an event KMS itself logs, not an API call; keyLifecycleEvents covers expiry, rotation and deletion"
            : `is not a KMS API operation; did you mean "${closestOperation(name)}"?`;
        issue.addIssue({ code: "custom", message: hint });
    });
}

const KEY_ARN_ERROR =
    "must be a key ARN (arn:aws:kms:<region>:<account>:key/<id>); CloudTrail records key ARNs, " +
    "never aliases";

/** One `apiCallAlerts` entry. */
export function apiCallAlertSchema(ctx: ParseContext) {
    const prefix = stackNamePrefix(ctx);
    return z.strictObject(
        {
            name: z
                .string({ error: "must be a string" })
                .regex(/^[A-Za-z0-9._-]+$/, { error: "must be 1 or more of A-Z a-z 0-9 . _ -" })
                .refine((name) => eventRuleName(prefix, name).length <= EVENT_RULE_NAME_MAX, {
                    error: `makes the rule name "${prefix}-<name>" longer than ${EVENT_RULE_NAME_MAX} characters`,
                })
                .superRefine((name, issue) => {
                    const problem = reservedNameProblem(prefix, name);
                    if (problem !== undefined) {
                        issue.addIssue({ code: "custom", message: problem });
                    }
                }),
            eventNames: z
                .array(eventNameSchema(), { error: "must be a list of KMS operation names" })
                .min(1, { error: "must name at least one KMS operation" }),
            keyArns: z
                .array(
                    z.string({ error: KEY_ARN_ERROR }).regex(KEY_ARN, { error: KEY_ARN_ERROR }),
                    {
                        error: "must be a list of key ARNs",
                    },
                )
                .default([]),
            errorCodes: errorCodesSchema(),
            callers: callersSchema("to watch calls by anyone"),
            exceptCallers: callersSchema("to except nobody"),
        },
        {
            error:
                "must be an object with name, eventNames and optional keyArns, errorCodes, " +
                "callers, exceptCallers",
        },
    );
}

export function validToSchema(ctx: ParseContext) {
    return z
        .string({ error: "must be an RFC 3339 date-time string" })
        .superRefine((value, issue) => {
            const time = Date.parse(value);
            // Date.parse rolls 2027-02-30 over into March; the round trip catches it.
            if (
                !VALID_TO.test(value) ||
                Number.isNaN(time) ||
                new Date(time).toISOString() !== value.replace("Z", ".000Z")
            ) {
                issue.addIssue({
                    code: "custom",
                    message:
                        "is not an RFC 3339 UTC date-time with whole seconds; expected e.g. 2027-06-30T00:00:00Z",
                });
            } else if (time <= ctx.now.getTime()) {
                issue.addIssue({
                    code: "custom",
                    message:
                        `is not in the future (now is ${ctx.now.toISOString()}); the material ` +
                        `has expired or is about to: set a later validTo, at most ` +
                        `${MAX_VALID_TO_DAYS} days ahead, and pulumi up re-imports it`,
                });
            } else if (time > ctx.now.getTime() + MAX_VALID_TO_DAYS * DAY_MS) {
                issue.addIssue({
                    code: "custom",
                    message:
                        `is more than ${MAX_VALID_TO_DAYS} days ahead (latest allowed now: ` +
                        `${new Date(ctx.now.getTime() + MAX_VALID_TO_DAYS * DAY_MS).toISOString()})`,
                });
            }
        });
}

export function importedKeySchema(ctx: ParseContext) {
    return z.strictObject(
        {
            alias: z
                .string({ error: "must be a string" })
                .regex(ALIAS_NAME, {
                    error: "must be alias/ followed by 1-250 of A-Z a-z 0-9 / _ -",
                })
                .refine((alias) => !alias.startsWith("alias/aws/"), {
                    error: "must not start with alias/aws/, which AWS reserves for AWS managed keys",
                }),
            description: z
                .string({ error: "must be a string" })
                .max(8192, { error: "must be at most 8192 characters" })
                .optional(),
            validTo: validToSchema(ctx).optional(),
            deletionWindowInDays: wholeDays(
                MIN_DELETION_WINDOW_DAYS,
                MAX_DELETION_WINDOW_DAYS,
            ).default(DEFAULT_DELETION_WINDOW_DAYS),
            protect: booleanSchema().default(isProductionStack(ctx.stack)),
        },
        {
            error: "must be an object with alias and optional description, validTo, deletionWindowInDays, protect",
        },
    );
}

/** `importedKeyMaterial`: base64 of 32 bytes. Its value never appears in a message. */
export function keyMaterialSchema() {
    return z.string({ error: "must be a string" }).superRefine((value, issue) => {
        if (!BASE64.test(value)) {
            issue.addIssue({
                code: "custom",
                message:
                    "is not valid base64; expected base64 of exactly 32 random bytes (openssl rand -base64 32)",
            });
        } else if (Buffer.from(value, "base64").length !== 32) {
            issue.addIssue({
                code: "custom",
                message:
                    `decodes to ${Buffer.from(value, "base64").length} bytes; KMS needs exactly ` +
                    `32 bytes (256-bit) of symmetric key material`,
            });
        }
    });
}

/** A `watchedKeys` entry. */
export function keyReferenceSchema() {
    return z
        .string({ error: "must be a string" })
        .refine(
            (ref) =>
                KEY_UUID.test(ref) ||
                KEY_ARN.test(ref) ||
                ALIAS_NAME.test(ref) ||
                ALIAS_ARN.test(ref),
            {
                error:
                    "must be a key ID (1234abcd-12ab-34cd-56ef-1234567890ab), a key ARN, " +
                    "alias/<name> or an alias ARN",
            },
        );
}
