import * as pulumi from "@pulumi/pulumi";
import { configWarnings, crossFieldProblems } from "./crossField";
import { configErrorText } from "./messages";
import { stackSchema } from "./schema";
import { ParseContext, StackConfig } from "./types";

const STRING_KEYS = new Set([
    "topicName",
    "topicDisplayName",
    "importedKeyMaterial",
    "pagerDutyRoutingKey",
]);

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
export function parseStackConfig(
    raw: Readonly<Record<string, string>>,
    ctx: ParseContext,
): StackConfig {
    const input = decodeRawValues(raw);
    const schema = stackSchema(ctx);
    const result = schema.safeParse(input);
    const crossField = crossFieldProblems(input, ctx);
    if (!result.success || crossField.length > 0) {
        throw new pulumi.RunError(
            configErrorText(ctx, input, [...(result.error?.issues ?? []), ...crossField], schema),
        );
    }
    const config = result.data;
    return {
        ...config,
        project: ctx.project,
        stack: ctx.stack,
        homeRegion: ctx.homeRegion,
        organization:
            config.organization === undefined
                ? undefined
                : {
                      ...config.organization,
                      regions: config.organization.regions ?? config.regions,
                  },
        importedKeyMaterial:
            config.importedKeyMaterial === undefined
                ? undefined
                : pulumi.secret(config.importedKeyMaterial),
        // Secrets whether or not the stack file marks them secure.
        pagerDutyRoutingKey:
            config.pagerDutyRoutingKey === undefined
                ? undefined
                : pulumi.secret(config.pagerDutyRoutingKey),
        webhooks: config.webhooks.map((url) => pulumi.secret(url)),
        tags: { ...config.tags, project: ctx.project, stack: ctx.stack, "managed-by": "pulumi" },
        warnings: configWarnings(config, ctx),
    };
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
    // The provider's own region: aws:region, else the environment the AWS SDK reads.
    const homeRegion =
        new pulumi.Config("aws").get("region") ??
        process.env.AWS_REGION ??
        process.env.AWS_DEFAULT_REGION;
    const config = parseStackConfig(raw, { project, stack: pulumi.getStack(), now, homeRegion });
    for (const warning of config.warnings) {
        void pulumi.log.warn(warning);
    }
    return config;
}
