/**
 * Properties checked against the CloudFormation resource specification in @aws-cdk/aws-service-spec:
 * names, required ones, primitive shapes and allowed values, recursively through nested property
 * types, arrays, maps and unions.
 */
import { loadAwsServiceSpecSync } from "@aws-cdk/aws-service-spec";
import type { PropertyType, ResourceProperties, SpecDatabase } from "@aws-cdk/service-spec-types";
import { has, isIntrinsic, isNumeric, isObject, Obj, show } from "./values";

/** The builtin `tag` type: a {Key, Value} pair of strings. */
const TAG: ResourceProperties = {
    Key: { type: { type: "string" }, required: true },
    Value: { type: { type: "string" }, required: true },
};

let database: SpecDatabase | undefined;
/** Gunzips and indexes a ~15 MB JSON database (~0.5 s, ~80 MB of heap): do it once per process. */
export function spec(): SpecDatabase {
    return (database ??= loadAwsServiceSpecSync());
}

function typeName(db: SpecDatabase, t: PropertyType): string {
    switch (t.type) {
        case "array":
            return `array of ${typeName(db, t.element)}`;
        case "map":
            return `map of ${typeName(db, t.element)}`;
        case "ref":
            return db.get("typeDefinition", t.reference).name;
        case "union":
            return t.types.map((alt) => typeName(db, alt)).join(" | ");
        case "tag":
            return "Tag";
        default:
            return t.type;
    }
}

/** Does the value have the right overall kind (object, array or scalar) for the type? */
function kindMatches(v: unknown, t: PropertyType): boolean {
    switch (t.type) {
        case "json":
            return true;
        case "array":
            return Array.isArray(v);
        case "map":
        case "ref":
        case "tag":
            return isObject(v);
        case "union":
            return t.types.some((alt) => kindMatches(v, alt));
        default:
            return !Array.isArray(v) && !isObject(v);
    }
}

export function checkProperties(
    db: SpecDatabase,
    path: string,
    value: Obj,
    props: ResourceProperties,
    owner: string,
): string[] {
    const problems: string[] = [];
    for (const [name, prop] of Object.entries(props)) {
        if (prop.required && !has(value, name))
            problems.push(`${path}: missing required property ${name}`);
    }
    for (const [name, v] of Object.entries(value)) {
        const prop = has(props, name) ? props[name] : undefined;
        if (prop) {
            problems.push(...checkValue(db, `${path}.${name}`, v, prop.type));
            continue;
        }
        const near = Object.keys(props).find((known) => known.toLowerCase() === name.toLowerCase());
        problems.push(
            `${path}.${name}: unknown property of ${owner}${near ? ` (did you mean ${near}?)` : ""}`,
        );
    }
    return problems;
}

function checkValue(db: SpecDatabase, path: string, v: unknown, t: PropertyType): string[] {
    if (isIntrinsic(v)) return [];
    // Lazy: describing a type looks up type definitions, and most values are fine.
    const expected = (): string[] => [`${path}: expected ${typeName(db, t)}, got ${show(v)}`];
    switch (t.type) {
        case "string":
        case "integer":
        case "number": {
            const ok =
                t.type === "string"
                    ? ["string", "number", "boolean"].includes(typeof v)
                    : isNumeric(v) && (t.type === "number" || Number.isInteger(Number(v)));
            if (!ok) return expected();
            const allowed: readonly (string | number)[] | undefined =
                t.type === "number" ? undefined : t.allowedValues;
            return allowed && !allowed.map(String).includes(String(v))
                ? [`${path}: ${show(v)} is not one of ${allowed.join(" | ")}`]
                : [];
        }
        case "boolean":
            return typeof v === "boolean" || v === "true" || v === "false" ? [] : expected();
        case "date-time":
            return typeof v === "string" ? [] : expected();
        case "json":
        case "null":
            return [];
        case "tag":
            return isObject(v) ? checkProperties(db, path, v, TAG, "Tag") : expected();
        case "array":
            return Array.isArray(v)
                ? v.flatMap((e, i) => checkValue(db, `${path}[${i}]`, e, t.element))
                : expected();
        case "map":
            return isObject(v)
                ? Object.entries(v).flatMap(([k, e]) =>
                      checkValue(db, `${path}.${k}`, e, t.element),
                  )
                : expected();
        case "ref": {
            const def = db.get("typeDefinition", t.reference);
            return isObject(v)
                ? checkProperties(db, path, v, def.properties, def.name)
                : expected();
        }
        case "union": {
            // Report against the closest alternative of the right kind, e.g. the object type of a string | object.
            const candidates = t.types.filter((alt) => kindMatches(v, alt));
            if (candidates.length === 0) return expected();
            const results = candidates.map((alt) => checkValue(db, path, v, alt));
            return results.reduce((best, r) => (r.length < best.length ? r : best));
        }
    }
}
