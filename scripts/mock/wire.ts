/** Pulumi's wire form of values: secrets are wrapped in a marker the engine knows. */
import * as crypto from "crypto";

/** Pulumi's wire marker for a secret value. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** A deterministic UUID for a name, so every run and snapshot gets the same IDs. */
export function fakeUuid(seed: string): string {
    const hex = crypto.createHash("sha256").update(seed).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function isSecretWire(value: unknown): boolean {
    return (
        typeof value === "object" &&
        value !== null &&
        (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
    );
}

/** The wire value with every secret replaced by "[secret]". */
export function redactWire(value: unknown): unknown {
    if (isSecretWire(value)) {
        return "[secret]";
    }
    if (Array.isArray(value)) {
        return value.map(redactWire);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value).map(([key, inner]) => [key, redactWire(inner)]),
        );
    }
    return value;
}

/** The wire value with every secret replaced by its plaintext. */
export function unwrapWire(value: unknown): unknown {
    if (isSecretWire(value)) {
        return unwrapWire((value as Record<string, unknown>).value);
    }
    if (Array.isArray(value)) {
        return value.map(unwrapWire);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value).map(([key, inner]) => [key, unwrapWire(inner)]),
        );
    }
    return value;
}
