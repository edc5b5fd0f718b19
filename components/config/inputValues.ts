import { ParseContext, Path, Problem } from "./types";

/** The strings at `key` (or at `key[i].field`) of the raw input; undefined where one is not a string. */
export function stringsAt(
    input: Record<string, unknown>,
    key: string,
    field?: string,
): (string | undefined)[] {
    const list = input[key];
    if (!Array.isArray(list)) {
        return [];
    }
    return list.map((item: unknown) => {
        const value =
            field === undefined ? item : (item as Record<string, unknown> | null)?.[field];
        return typeof value === "string" ? value : undefined;
    });
}

/** The positions of values that an earlier value already had. */
export function duplicates(
    values: (string | undefined)[],
    normalise: (value: string) => string = (v) => v,
): number[] {
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
}

/** A problem at `path[i]` for every value an earlier value already had. */
export function listedTwice(
    path: Path,
    values: (string | undefined)[],
    normalise?: (value: string) => string,
): Problem[] {
    return duplicates(values, normalise).map((index) => ({
        path: [...path, index],
        message: "is listed twice",
    }));
}

/** The longest of some names; empty for none. */
export function longestOf(names: readonly string[]): string {
    return names.reduce((longest, name) => (name.length > longest.length ? name : longest), "");
}

/** `regions` as given, else its default: the home region. */
export function watchedRegions(
    input: Record<string, unknown>,
    ctx: ParseContext,
): (string | undefined)[] {
    return Array.isArray(input.regions)
        ? stringsAt(input, "regions")
        : ctx.homeRegion === undefined
          ? []
          : [ctx.homeRegion];
}
