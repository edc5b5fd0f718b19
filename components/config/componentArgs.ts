import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { tagsSchema } from "./accountSchemas";
import { crossFieldProblems } from "./crossField";
import { configErrorText } from "./messages";
import { regionCode } from "./primitives";
import { stackSchema } from "./schema";

/** Error messages name the component's arguments like stack config keys: `kms-monitoring:alertEmails[1]`. */
const PACKAGE = "kms-monitoring";

const unknown = (value: unknown) => pulumi.Output.isInstance(value) || value instanceof Promise;

/**
 * The values the schema can check: those known now, not Outputs (a secret key material from
 * another program, say), nor lists holding one (secret webhook URLs).
 */
function knownValues(args: object): Record<string, unknown> {
    return Object.fromEntries(
        Object.entries(args).filter(
            ([, value]) =>
                value !== undefined &&
                !unknown(value) &&
                !(Array.isArray(value) && value.some(unknown)),
        ),
    );
}

/**
 * Checks the arguments of `KmsMonitoring` with the very schema and cross-field rules of the stack
 * config, so a program in any language gets the messages a stack config gets, and returns them
 * with the stack config's defaults applied, stack-dependent ones included (`protect` on production
 * stacks). Two things differ: the component takes `namePrefix` and `homeRegion` instead of reading
 * them from the stack, and any tag is allowed (the stack only reserves `project`, `stack` and
 * `managed-by` because it sets them itself). Values that are Outputs are passed through unchecked.
 */
export function validateComponentArgs<T extends object>(
    componentName: string,
    args: T,
    now: Date,
): T {
    const input = knownValues(args);
    const homeRegion = typeof input.homeRegion === "string" ? input.homeRegion : undefined;
    const ctx = {
        project: PACKAGE,
        stack: pulumi.getStack(),
        now,
        homeRegion,
        namePrefix: typeof input.namePrefix === "string" ? input.namePrefix : undefined,
    };
    const schema = stackSchema(ctx).extend({
        namePrefix: z
            .string({ error: "must be a string" })
            .regex(/^[A-Za-z0-9._-]{1,40}$/, { error: "must be 1 to 40 of A-Z a-z 0-9 . _ -" }),
        homeRegion: regionCode().optional(),
        // Any name: the component sets no tag of its own. AWS's limits still hold.
        tags: tagsSchema([]).optional(),
    });
    const result = schema.safeParse(input);
    const crossField = crossFieldProblems(input, ctx);
    if (!result.success || crossField.length > 0) {
        throw new pulumi.RunError(
            configErrorText(ctx, input, [...(result.error?.issues ?? []), ...crossField], schema, {
                subject: `arguments of kms-monitoring:index:KmsMonitoring "${componentName}"`,
                remedy: "Fix the arguments and run pulumi up again.",
            }),
        );
    }
    return { ...args, ...result.data };
}
