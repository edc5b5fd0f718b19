/** The Mappings section, and what Fn::FindInMap finds in it. */
import { has, isObject, Obj, show } from "./values";

/**
 * "The Mappings section consists of the key name Mappings. The keys in mappings must be literal
 * strings ... [map names] alphanumeric" and two levels of keys under each map (CloudFormation User
 * Guide, "Mappings").
 */
export function mappingProblems(mappings: unknown): string[] {
    if (mappings === undefined) return [];
    if (!isObject(mappings)) return [`Mappings: expected an object, got ${show(mappings)}`];
    const problems: string[] = [];
    for (const [name, map] of Object.entries(mappings)) {
        if (!/^[A-Za-z0-9]+$/.test(name))
            problems.push(`Mappings.${name}: not an alphanumeric name`);
        if (!isObject(map) || Object.keys(map).length === 0) {
            problems.push(`Mappings.${name}: expected a non-empty object of top-level keys`);
            continue;
        }
        for (const [top, entry] of Object.entries(map)) {
            if (!isObject(entry) || Object.keys(entry).length === 0)
                problems.push(
                    `Mappings.${name}.${top}: expected a non-empty object of second-level keys`,
                );
            else if (Object.values(entry).some((value) => isObject(value)))
                problems.push(`Mappings.${name}.${top}: values are strings, numbers or lists`);
        }
    }
    return problems;
}

/** `Fn::FindInMap: [map, top-level key, second-level key]`: the literal parts must exist. */
export function findInMapProblems(path: string, mappings: Obj, arg: unknown): string[] {
    if (!Array.isArray(arg) || arg.length !== 3)
        return [`${path}: Fn::FindInMap takes [map, top-level key, second-level key]`];
    const [name, top, second] = arg as unknown[];
    if (typeof name !== "string" || !isObject(mappings[name]))
        return [`${path}: Fn::FindInMap refers to unknown map ${show(name)}`];
    const map = mappings[name] as Obj;
    if (typeof top === "string" && !has(map, top))
        return [`${path}: Fn::FindInMap refers to unknown top-level key ${top} of ${name}`];
    const entries = typeof top === "string" ? [map[top]] : Object.values(map);
    return typeof second === "string" &&
        entries.some((entry) => !isObject(entry) || !has(entry, second))
        ? [`${path}: Fn::FindInMap refers to second-level key ${second}, missing in ${name}`]
        : [];
}

/** What `Fn::FindInMap` gives in a stack of `region`, its top-level key being `Ref AWS::Region` or a literal. */
export function findInMap(template: Obj, value: unknown, region: string): unknown {
    const arg = isObject(value) ? value["Fn::FindInMap"] : undefined;
    if (!Array.isArray(arg)) throw new Error(`not an Fn::FindInMap: ${show(value)}`);
    const [name, top, second] = arg as [string, unknown, string];
    const key = isObject(top) && top.Ref === "AWS::Region" ? region : top;
    const map = (template.Mappings as Obj | undefined)?.[name] as Obj | undefined;
    const entry = map?.[key as string] as Obj | undefined;
    if (entry === undefined || !has(entry, second))
        throw new Error(`Fn::FindInMap fails in ${region}: no ${name}.${String(key)}.${second}`);
    return entry[second];
}
