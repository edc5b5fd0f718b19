import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { parseStackConfig } from "../../components/config";
import { stackSchema } from "../../components/config/schema";

const CONTEXT = {
    project: "kms-monitoring",
    stack: "dev",
    now: new Date("2026-11-28T12:00:00Z"),
    homeRegion: "us-east-1",
};

/** A valid value of each structured key, whose fields the test replaces one at a time. */
const VALID: Record<string, Record<string, unknown>> = {
    apiCallAlerts: { name: "decrypts", eventNames: ["Decrypt"] },
    importedKey: { alias: "alias/ImportedCMK" },
    auditTrail: { create: true },
    organization: { id: "o-a1b2c3d4e5", organizationalUnitIds: ["ou-ab12-cdef3456"] },
    chat: { slack: [{ workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" }] },
};

/** Values of every JSON type; each is wrong somewhere. */
const WRONG: readonly unknown[] = [7, "x", [7], { x: 7 }, true, null];

/** The fields of the object a key holds, looking through optional, default, prefault and lists. */
function fieldsOf(schema: unknown): string[] {
    let inner = schema;
    while (
        inner instanceof z.ZodArray ||
        (inner instanceof z.ZodType && "unwrap" in inner && typeof inner.unwrap === "function")
    ) {
        inner = inner instanceof z.ZodArray ? inner.element : (inner as z.ZodOptional).unwrap();
    }
    return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/** The lines of the error a config gives, or none when it is accepted. */
function problemLines(raw: Record<string, unknown>): string[] {
    try {
        parseStackConfig(
            Object.fromEntries(
                Object.entries(raw).map(([key, value]) => [key, JSON.stringify(value)]),
            ),
            CONTEXT,
        );
        return [];
    } catch (error) {
        assert.ok(error instanceof pulumi.RunError);
        return error.message.split("\n").filter((line) => line.startsWith("  - "));
    }
}

describe("stack config messages", () => {
    it("never answer in zod's own words, whatever the type of a key or field", () => {
        const shape = stackSchema(CONTEXT).shape as Record<string, unknown>;
        const configs: Record<string, unknown>[] = Object.keys(shape).flatMap((key) => [
            ...WRONG.map((value) => ({ [key]: value })),
            ...fieldsOf(shape[key]).flatMap((field) =>
                WRONG.map((value) => {
                    const entry = { ...(VALID[key] ?? {}), [field]: value };
                    return { [key]: key === "apiCallAlerts" ? [entry] : entry };
                }),
            ),
        ]);
        assert.ok(configs.length > 200, `${configs.length} configs`);
        const zodWording = configs.flatMap((config) =>
            problemLines(config).filter((line) =>
                /Invalid input|Too (small|big)|expected (a |an )?(string|number|object|array|boolean)/.test(
                    line,
                ),
            ),
        );
        assert.deepEqual(zodWording, []);
    });
});
