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
 *   `{ prefix: "..." }` one that begins with it.
 * (EventBridge User Guide, "Event patterns" and "Arrays in EventBridge event patterns".)
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

function matchesField(expected: unknown, actual: unknown): boolean {
    if (actual === undefined) {
        return false;
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

/** `{ suffix }` or `{ prefix }` against one value; any other operator is refused, not guessed. */
function matchesOperator(candidate: object, value: unknown): boolean {
    const entries = Object.entries(candidate);
    if (entries.length !== 1 || typeof entries[0][1] !== "string") {
        throw new Error(`unsupported matcher ${JSON.stringify(candidate)}`);
    }
    const [operator, operand] = entries[0] as [string, string];
    if (typeof value !== "string") {
        return false;
    }
    if (operator === "suffix") {
        return value.endsWith(operand);
    }
    if (operator === "prefix") {
        return value.startsWith(operand);
    }
    throw new Error(`unsupported matcher ${JSON.stringify(candidate)}`);
}
