import { z } from "zod";
import { namePrefix, REGION_CODE } from "../shared";
import { ParseContext } from "./types";

/**
 * Whether the stack is a production one (`prod`, `production`, `prod-eu`...). It decides the
 * defaults that guard against losing a key: Pulumi `protect` on the KMS keys.
 */
export function isProductionStack(stack: string): boolean {
    return /^prod(uction)?([-_.].*)?$/i.test(stack);
}

export const RESERVED_TAGS = ["project", "stack", "managed-by"];

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A key ID: a UUID, or `mrk-` and 32 hex digits for a multi-Region key. */
const KEY_ID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})";
export const KEY_UUID = new RegExp(`^${KEY_ID}$`);
export const KEY_ARN = new RegExp(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/${KEY_ID}$`);
export const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]{1,250}$/;
export const ALIAS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:alias\/[A-Za-z0-9/_-]{1,250}$/;
/**
 * RFC 3339 in UTC with whole seconds. The provider reads validTo back from KMS formatted exactly
 * so (Go's time.RFC3339 in UTC) and waits until it equals the configured string; any other form
 * of the same instant (an offset, fractions of a second) never converges and shows a diff on every
 * run (terraform-provider-aws, aws_kms_external_key, waitKeyValidToPropagated).
 */
export const VALID_TO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/**
 * AWS Organizations API reference: Organization Id `^o-[a-z0-9]{10,32}$`; OU
 * `^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`; root `^r-[0-9a-z]{4,32}$`.
 */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
export const OU_OR_ROOT_ID = /^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/;
/**
 * A CloudWatch Observability Access Manager sink: `arn:<partition>:oam:<region>:<account>:sink/<id>`
 * (Pulumi registry, aws.oam.getSink: "arn:aws:oam:us-west-1:111111111111:sink/abcd1234-...").
 */
export const OAM_SINK_ARN = /^arn:aws[a-z-]*:oam:([a-z0-9-]+):\d{12}:sink\/[A-Za-z0-9-]+$/;
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const DAY_MS = 86_400_000;

export function wholeDays(min: number, max: number): z.ZodNumber {
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
    return z
        .string({ error: "must be a string" })
        .regex(REGION_CODE, { error: "is not an AWS region code; expected e.g. eu-west-1" });
}

export function booleanSchema(): z.ZodBoolean {
    return z.boolean({ error: "must be true or false" });
}
