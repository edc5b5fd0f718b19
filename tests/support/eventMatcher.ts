/**
 * A small EventBridge pattern matcher covering the features this stack's patterns use:
 * - a pattern field holds a list of exact values; it matches when the event value equals one
 *   of them, or, when the event value is an array, when the two intersect;
 * - a pattern field holds an object: match it against the event's object at that field, or,
 *   when the event holds an array of objects, against any one of them;
 * - every pattern field must match; event fields the pattern does not name are ignored;
 * - a field missing from the event never matches;
 * - `$or` holds a list of sub-patterns, of which at least one must match the same object;
 * - a list entry `{ suffix: "..." }` matches a string value that ends with it, and
 *   `{ prefix: "..." }` one that begins with it;
 * - `{ "anything-but": value | [values] | { prefix } | { suffix } }` matches a present value that is
 *   none of them (a missing field never matches it);
 * - `{ exists: true }` matches a present field, `{ exists: false }` an absent leaf, even where the
 *   objects above it are absent too (event-ruler's README, "Exists matching"); an object of the
 *   pattern matches an absent field only when all of it is such `exists: false` leaves.
 * (EventBridge User Guide, "Event patterns", "Content filtering in Amazon EventBridge event
 * patterns" and "Arrays in EventBridge event patterns".)
 */
export function matchesPattern(pattern: object, event: unknown): boolean {
    if (typeof event !== "object" || event === null || Array.isArray(event)) {
        return false;
    }
    return Object.entries(pattern).every(([field, expected]) => {
        if (field === "$or") {
            if (!Array.isArray(expected) || expected.length < 2) {
                throw new Error("$or takes a list of at least two sub-patterns");
            }
            return expected.some((branch: object) => matchesPattern(branch, event));
        }
        return matchesField(expected, (event as Record<string, unknown>)[field]);
    });
}

/** Whether a pattern value matches a field the event does not have. */
function matchesAbsent(expected: unknown): boolean {
    if (Array.isArray(expected)) {
        return expected.some(
            (candidate) =>
                typeof candidate === "object" &&
                candidate !== null &&
                (candidate as { exists?: unknown }).exists === false,
        );
    }
    if (typeof expected === "object" && expected !== null) {
        return Object.entries(expected).every(([field, inner]) =>
            field === "$or"
                ? (inner as unknown[]).some((branch) => matchesAbsent(branch))
                : matchesAbsent(inner),
        );
    }
    return false;
}

function matchesField(expected: unknown, actual: unknown): boolean {
    if (actual === undefined) {
        return matchesAbsent(expected);
    }
    if (Array.isArray(expected)) {
        const values = Array.isArray(actual) ? actual : [actual];
        return values.some((value) =>
            expected.some((candidate) => {
                if (typeof candidate === "object" && candidate !== null) {
                    return matchesOperator(candidate, value);
                }
                return candidate === value;
            }),
        );
    }
    if (typeof expected === "object" && expected !== null) {
        const objects = Array.isArray(actual) ? actual : [actual];
        return objects.some((object) => matchesPattern(expected, object));
    }
    throw new Error(
        `unsupported pattern value ${JSON.stringify(expected)}: a pattern leaf must be a list`,
    );
}

/** One operator against one present value; an operator not listed above is refused, not guessed. */
function matchesOperator(candidate: object, value: unknown): boolean {
    const entries = Object.entries(candidate);
    if (entries.length !== 1) {
        throw new Error(`unsupported matcher ${JSON.stringify(candidate)}`);
    }
    const [operator, operand] = entries[0] as [string, unknown];
    if (operator === "exists" && typeof operand === "boolean") {
        return operand;
    }
    if (operator === "anything-but") {
        return !anyOf(operand, value);
    }
    if (typeof operand !== "string") {
        throw new Error(`unsupported matcher ${JSON.stringify(candidate)}`);
    }
    if (operator === "suffix") {
        return typeof value === "string" && value.endsWith(operand);
    }
    if (operator === "prefix") {
        return typeof value === "string" && value.startsWith(operand);
    }
    throw new Error(`unsupported matcher ${JSON.stringify(candidate)}`);
}

/** What `anything-but` excludes: a value, a list of values, or one prefix or suffix. */
function anyOf(excluded: unknown, value: unknown): boolean {
    if (Array.isArray(excluded)) {
        return excluded.includes(value);
    }
    if (typeof excluded === "object" && excluded !== null) {
        return matchesOperator(excluded, value);
    }
    return excluded === value;
}
