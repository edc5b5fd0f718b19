import { z } from "zod";
import { DEFAULT_LOGS_RETENTION_DAYS, LOG_RETENTION_DAYS } from "../audit";
import {
    booleanSchema,
    isProductionStack,
    OAM_SINK_ARN,
    ORGANIZATION_ID,
    OU_OR_ROOT_ID,
    regionCode,
    RESERVED_TAGS,
} from "./primitives";
import { ParseContext } from "./types";

export function auditTrailSchema(ctx: ParseContext) {
    return z.strictObject(
        {
            create: booleanSchema().default(false),
            logsRetentionDays: z
                .number({
                    error: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`,
                })
                .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
                    error: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`,
                })
                .default(DEFAULT_LOGS_RETENTION_DAYS),
            cisMetricFilter: booleanSchema().default(true),
            // Production logs are evidence: destroy must not take them with the bucket.
            forceDestroyBucket: booleanSchema().default(!isProductionStack(ctx.stack)),
        },
        {
            error: "must be an object with create and optional logsRetentionDays, cisMetricFilter, forceDestroyBucket",
        },
    );
}

export function organizationSchema() {
    return z.strictObject(
        {
            id: z.string({ error: "must be a string" }).regex(ORGANIZATION_ID, {
                error: "must be an organization ID: o- and 10 to 32 lowercase letters or digits, e.g. o-a1b2c3d4e5",
            }),
            organizationalUnitIds: z
                .array(
                    z.string({ error: "must be a string" }).regex(OU_OR_ROOT_ID, {
                        error: "must be an OU ID (ou-ab12-cdef3456) or the root ID (r-ab12)",
                    }),
                    {
                        error: "must be a list of OU IDs or the root ID",
                    },
                )
                .min(1, { error: "must name at least one OU, or the root" }),
            callAs: z
                .enum(["SELF", "DELEGATED_ADMIN"], {
                    error:
                        "must be SELF (deploying from the management account) or DELEGATED_ADMIN " +
                        "(from a registered delegated administrator)",
                })
                .default("DELEGATED_ADMIN"),
            regions: z
                .array(regionCode(), { error: "must be a list of region codes" })
                .min(1, { error: "must list at least one region" })
                .optional(),
            observability: booleanSchema().default(true),
            sinkArns: z
                .record(
                    z.string(),
                    z.string({ error: "must be a string" }).regex(OAM_SINK_ARN, {
                        error: "must be an OAM sink ARN: arn:<partition>:oam:<region>:<account>:sink/<id>",
                    }),
                    { error: "must be a map of member region to the ARN of a sink in that region" },
                )
                .default({}),
        },
        {
            error:
                "must be an object with id, organizationalUnitIds and optional callAs, regions, " +
                "observability, sinkArns",
        },
    );
}

/**
 * `tags`: AWS's limits on every tag (keys of 1 to 128 characters, not starting with `aws:`; values
 * of at most 256), and none of the names in `reserved`, which the caller sets itself.
 */
export function tagsSchema(reserved: readonly string[] = RESERVED_TAGS) {
    return z.record(
        z
            .string()
            .min(1, { error: "tag keys must not be empty" })
            .max(128, { error: "tag keys are at most 128 characters" })
            .refine((key) => !key.toLowerCase().startsWith("aws:"), {
                error: "tag keys may not start with aws:",
            })
            .refine((key) => !reserved.includes(key), {
                error: `the stack sets ${reserved.join(", ")} itself`,
            }),
        z
            .string({ error: "tag values must be strings" })
            .max(256, { error: "tag values are at most 256 characters" }),
        { error: "must be a map of tag names to string values" },
    );
}
