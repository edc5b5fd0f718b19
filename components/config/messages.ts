import { z } from "zod";
import { closestMatch } from "../shared";
import { ParseContext, Path, Problem } from "./types";

/** Keys whose values no message may show: they are secrets (a webhook URL often holds a key). */
const SECRET_KEYS = new Set(["importedKeyMaterial", "pagerDutyRoutingKey", "webhooks"]);

/** `kms-monitoring:apiCallAlerts[0].eventNames[2]` */
export function configKeyPath(project: string, path: Path): string {
    let text = `${project}:`;
    path.forEach((part, index) => {
        if (typeof part === "number") {
            text += `[${part}]`;
        } else if (part === "") {
            // A map's empty key, e.g. a tag without a name.
            text += `[""]`;
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
    while (
        schema instanceof z.ZodArray ||
        (schema instanceof z.ZodType && "unwrap" in schema && typeof schema.unwrap === "function")
    ) {
        schema = schema instanceof z.ZodArray ? schema.element : (schema as z.ZodOptional).unwrap();
    }
    return schema instanceof z.ZodObject ? Object.keys(schema.shape) : Object.keys(shape.shape);
}

function describeIssues(
    project: string,
    input: unknown,
    issues: readonly (z.core.$ZodIssue | Problem)[],
    topLevel: z.ZodObject,
): string[] {
    const lines: string[] = [];
    for (const issue of issues) {
        if ("code" in issue && issue.code === "unrecognized_keys") {
            const allowed = allowedKeysAt(topLevel, issue.path);
            for (const key of issue.keys) {
                lines.push(
                    `${configKeyPath(project, [...issue.path, key])}: is not a known ` +
                        `setting; did you mean "${closestMatch(key, allowed)}"? Known: ` +
                        `${allowed.join(", ")}`,
                );
            }
            continue;
        }
        // A bad map key reports the key's own problem, which zod nests under the issue.
        const message =
            "code" in issue && issue.code === "invalid_key"
                ? issue.issues.map((inner) => inner.message).join("; ")
                : issue.message;
        lines.push(
            `${configKeyPath(project, issue.path)}: ${message}${describeValue(input, issue.path)}`,
        );
    }
    return lines;
}

/** The one error text for every problem of a stack config, sorted by key. */
export function configErrorText(
    ctx: ParseContext,
    input: unknown,
    issues: readonly (z.core.$ZodIssue | Problem)[],
    topLevel: z.ZodObject,
    wording: { subject: string; remedy: string } = {
        subject: `stack config for ${ctx.project} (stack "${ctx.stack}")`,
        remedy: `Fix them in Pulumi.${ctx.stack}.yaml or with \`pulumi config set\`, then run pulumi up again.`,
    },
): string {
    const sorted = [...issues].sort((a, b) =>
        configKeyPath("", a.path).localeCompare(configKeyPath("", b.path), "en", { numeric: true }),
    );
    const problems = describeIssues(ctx.project, input, sorted, topLevel);
    return [
        `Invalid ${wording.subject}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`,
        ...problems.map((line) => `  - ${line}`),
        wording.remedy,
    ].join("\n");
}
