import { DAY_MS } from "./schema";
import { ImportedKeyConfig, ParseContext, Problem } from "./types";


function stringsAt(input: Record<string, unknown>, key: string, field?: string): (string | undefined)[] {
    const list = input[key];
    if (!Array.isArray(list)) {
        return [];
    }
    return list.map((item: unknown) => {
        const value = field === undefined ? item : (item as Record<string, unknown> | null)?.[field];
        return typeof value === "string" ? value : undefined;
    });
}

/**
 * Checks that span several keys. They run on the decoded input even when single values are
 * invalid, so that one run reports every problem.
 */
export function crossFieldProblems(input: Record<string, unknown>): Problem[] {
    const problems: Problem[] = [];
    const duplicates = (values: (string | undefined)[], normalise: (value: string) => string = (v) => v): number[] => {
        const seen = new Set<string>();
        return values.flatMap((value, index) => {
            if (value === undefined) {
                return [];
            }
            const key = normalise(value);
            const repeated = seen.has(key);
            seen.add(key);
            return repeated ? [index] : [];
        });
    };
    for (const index of duplicates(stringsAt(input, "alertEmails"), (email) => email.toLowerCase())) {
        problems.push({ path: ["alertEmails", index], message: "is listed twice" });
    }
    for (const index of duplicates(stringsAt(input, "apiCallAlerts", "name"))) {
        problems.push({ path: ["apiCallAlerts", index, "name"], message: "is used by an earlier rule; rule names must be unique" });
    }
    const watched = stringsAt(input, "watchedKeys");
    for (const index of duplicates(watched)) {
        problems.push({ path: ["watchedKeys", index], message: "is listed twice" });
    }
    const importedKey = input.importedKey as Record<string, unknown> | undefined;
    const importedAlias = typeof importedKey?.alias === "string" ? importedKey.alias : undefined;
    watched.forEach((ref, index) => {
        if (ref !== undefined && ref === importedAlias) {
            problems.push({ path: ["watchedKeys", index], message: "is the stack's own importedKey, which is already watched" });
        }
    });
    if (input.importedKeyMaterial !== undefined && importedKey === undefined) {
        problems.push({ path: ["importedKeyMaterial"], message: "is set but importedKey is not; set importedKey.alias to create the key" });
    }
    return problems;
}

/** Valid settings that still deserve a word before deploying. */
export function configWarnings(config: { importedKey?: ImportedKeyConfig; expiryWarningDays: number }, ctx: ParseContext): string[] {
    const validTo = config.importedKey?.validTo;
    if (validTo === undefined) {
        return [];
    }
    const daysLeft = (Date.parse(validTo) - ctx.now.getTime()) / DAY_MS;
    if (daysLeft > config.expiryWarningDays) {
        return [];
    }
    return [
        `${ctx.project}:importedKey.validTo (${validTo}) is ${Math.floor(daysLeft)} days away, within expiryWarningDays (${config.expiryWarningDays}): ` +
            "its expiry alarm will fire as soon as KMS publishes the metric.",
    ];
}

