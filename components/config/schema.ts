import { z } from "zod";
import { DEFAULT_API_CALL_ALERTS, DEFAULT_DISPLAY_NAME } from "../alerts";
import { DEFAULT_EXPIRY_WARNING_DAYS, DEFAULT_QUOTA_WARNING_PERCENT } from "../alarms";
import {
    DEFAULT_DELETION_WINDOW_DAYS,
    MAX_DELETION_WINDOW_DAYS,
    MIN_DELETION_WINDOW_DAYS,
} from "../shared";
import { auditTrailSchema, organizationSchema, tagsSchema } from "./accountSchemas";
import {
    apiCallAlertSchema,
    importedKeySchema,
    keyMaterialSchema,
    keyReferenceSchema,
} from "./keySchemas";
import { chatSchema, routingKeySchema, webhooksSchema } from "./channelSchemas";
import { booleanSchema, EMAIL, isProductionStack, regionCode, wholeDays } from "./primitives";
import { ParseContext } from "./types";

/** Who is told, and what about: the topic and the alert rules. */
function alertKeys(ctx: ParseContext) {
    return {
        alertEmails: z
            .array(
                z
                    .string({ error: "must be a string" })
                    .regex(EMAIL, { error: "is not an email address; expected name@example.com" }),
                {
                    error: "must be a list of email addresses",
                },
            )
            .default([]),
        topicName: z
            .string({ error: "must be a string" })
            .regex(/^[A-Za-z0-9_-]{1,256}$/, {
                error: "must be 1-256 of A-Z a-z 0-9 _ - (no .fifo: FIFO topics cannot deliver email)",
            })
            .optional(),
        topicDisplayName: z
            .string({ error: "must be a string" })
            .min(1, { error: "must not be empty" })
            .max(100, { error: "must be at most 100 characters" })
            .default(DEFAULT_DISPLAY_NAME),
        apiCallAlerts: z
            .array(apiCallAlertSchema(ctx), {
                error: "must be a list of { name, eventNames, keyArns?, errorCodes?, callers?, exceptCallers? }",
            })
            .default(
                DEFAULT_API_CALL_ALERTS.map((alert) => ({
                    name: alert.name,
                    eventNames: [...alert.eventNames],
                    keyArns: [],
                })),
            ),
        keyLifecycleEvents: booleanSchema().default(true),
        pendingDeletionUseAlerts: booleanSchema().default(true),
    };
}

/** Which keys are watched, where, and how early their expiry is told. */
function keyKeys(ctx: ParseContext) {
    return {
        importedKey: importedKeySchema(ctx).optional(),
        importedKeyMaterial: keyMaterialSchema().optional(),
        watchedKeys: z
            .array(keyReferenceSchema(), {
                error: "must be a list of key IDs, key ARNs or aliases",
            })
            .default([]),
        regions: z
            .array(regionCode(), { error: "must be a list of region codes" })
            .min(1, { error: "must list at least the home region" })
            .default(ctx.homeRegion === undefined ? [] : [ctx.homeRegion]),
        expiryWarningDays: wholeDays(1, 365).default(DEFAULT_EXPIRY_WARNING_DAYS),
        discoverExpiringKeys: booleanSchema().default(true),
    };
}

/** Warnings before KMS throttles, and on custom key stores. */
function capacityKeys() {
    const percent = "must be a whole percent from 1 to 100";
    return {
        requestQuotaAlarms: booleanSchema().default(true),
        quotaWarningPercent: z
            .number({ error: percent })
            .int({ error: percent })
            .min(1, { error: percent })
            .max(100, { error: `${percent}: an alarm above 100% fires only after KMS throttles` })
            .default(DEFAULT_QUOTA_WARNING_PERCENT),
        customKeyStoreAlarms: booleanSchema().default(true),
    };
}

/** How alerts are kept safe on the way: the topic key, the dead-letter queue, the self-monitoring. */
function deliveryKeys(ctx: ParseContext) {
    return {
        encryptTopic: booleanSchema().default(true),
        alertKeyDeletionWindowInDays: wholeDays(
            MIN_DELETION_WINDOW_DAYS,
            MAX_DELETION_WINDOW_DAYS,
        ).default(DEFAULT_DELETION_WINDOW_DAYS),
        alertKeyProtect: booleanSchema().default(isProductionStack(ctx.stack)),
        deadLetterQueue: booleanSchema().default(true),
        selfMonitoring: booleanSchema().default(true),
    };
}

/** Where alerts go besides email: chat channels, PagerDuty, webhooks. */
function channelKeys() {
    return {
        chat: chatSchema().optional(),
        pagerDutyRoutingKey: routingKeySchema().optional(),
        webhooks: webhooksSchema(),
    };
}

/** The stack config's schema: every key, what it allows, and its default. */
export function stackSchema(ctx: ParseContext) {
    return z.strictObject({
        ...alertKeys(ctx),
        ...channelKeys(),
        ...keyKeys(ctx),
        ...capacityKeys(),
        ...deliveryKeys(ctx),
        // prefault runs the object's own defaults, so they are written once.
        auditTrail: auditTrailSchema(ctx).prefault({}),
        readableAlerts: booleanSchema().default(true),
        dashboard: booleanSchema().default(true),
        organization: organizationSchema().optional(),
        tags: tagsSchema().default({}),
    });
}
