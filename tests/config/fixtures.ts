/** The stack config as the CLI passes it, parsed as of a fixed moment, and the messages bad config makes. */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, StackConfig } from "../../components/config";

export const NOW = new Date("2026-11-28T12:00:00Z");
export const CONTEXT = {
    project: "kms-monitoring",
    stack: "dev",
    now: NOW,
    homeRegion: "us-east-1",
};
export const VALID_MATERIAL = Buffer.alloc(32, 7).toString("base64");

export function parse(raw: Record<string, unknown>): StackConfig {
    const asCli = Object.fromEntries(
        Object.entries(raw).map(([key, value]) => [
            key,
            typeof value === "string" ? value : JSON.stringify(value),
        ]),
    );
    return parseStackConfig(asCli, CONTEXT);
}

/** The error message bad config produces; fails the test if the config is accepted. */
export function problems(raw: Record<string, unknown>): string {
    try {
        parse(raw);
    } catch (error) {
        assert.ok(
            error instanceof pulumi.RunError,
            "bad config throws a RunError, which pulumi prints without a stack trace",
        );
        return error.message;
    }
    assert.fail(`config was accepted: ${JSON.stringify(raw)}`);
}

export function importedKey(overrides: Record<string, unknown> = {}) {
    return { alias: "alias/ImportedCMK", validTo: "2027-06-30T00:00:00Z", ...overrides };
}
