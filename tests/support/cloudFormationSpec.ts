/**
 * Validates a CloudFormation template (the plain object we serialise into a StackSet TemplateBody)
 * against the CloudFormation resource specification in @aws-cdk/aws-service-spec, the database the
 * AWS CDK generates its L1 constructs from. A unit test cannot deploy a StackSet, and a misspelt
 * property would otherwise only fail when StackSets rolls the template out to member accounts.
 *
 * Checked: the template sections; each resource's Type, its resource-level keys and every property
 * under Properties, recursively through nested property types, arrays, maps and unions (unknown
 * names, missing required properties, primitive shapes, allowed values where the spec lists them);
 * the targets of Ref, Fn::GetAtt, Fn::Sub, Fn::If, Fn::FindInMap, Condition and DependsOn; the
 * shape of Mappings (alphanumeric map names, two levels of keys). An intrinsic function
 * is accepted wherever a value is expected. Not checked: cross-property semantics (e.g. "no Input on
 * a cross-account bus target") - assert those in the tests that need them.
 */
import { loadAwsServiceSpecSync } from "@aws-cdk/aws-service-spec";
import type {
    PropertyType,
    Resource,
    ResourceProperties,
    SpecDatabase,
} from "@aws-cdk/service-spec-types";

/** AWS CloudFormation API reference, CreateStackSet: TemplateBody maximum length 51,200 bytes. */
export const TEMPLATE_BODY_MAX_BYTES = 51_200;

type Obj = Record<string, unknown>;

const SECTIONS = new Set([
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Transform",
    "Resources",
    "Outputs",
]);
// CreationPolicy and UpdatePolicy are resource attributes too (CloudFormation User Guide,
// "Resource attribute reference"); rejecting them would reject valid templates.
const RESOURCE_KEYS = new Set([
    "Type",
    "Properties",
    "DependsOn",
    "Condition",
    "DeletionPolicy",
    "UpdateReplacePolicy",
    "Metadata",
    "CreationPolicy",
    "UpdatePolicy",
]);
const PSEUDO_PARAMETERS = new Set([
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
]);
// Fn::Length and Fn::ToJsonString need the AWS::LanguageExtensions transform; accepting them is harmless.
const FUNCTIONS = new Set([
    "Ref",
    "Fn::Base64",
    "Fn::Cidr",
    "Fn::FindInMap",
    "Fn::GetAtt",
    "Fn::GetAZs",
    "Fn::ImportValue",
    "Fn::Join",
    "Fn::Length",
    "Fn::Select",
    "Fn::Split",
    "Fn::Sub",
    "Fn::ToJsonString",
    "Fn::Transform",
    "Fn::If",
    "Fn::Equals",
    "Fn::And",
    "Fn::Or",
    "Fn::Not",
]);

/**
 * Rules the spec does not express, as messages about a resource's Properties. The schema no longer
 * marks any AWS::CloudWatch::Alarm property required (its EvaluationCriteria / PromQL alarms take
 * neither), but the metric and Metrics Insights alarms we build need a comparison and an evaluation
 * count, and name their metric one way: the spec's own Metrics documentation says "If you specify the
 * Metrics parameter, you cannot specify MetricName, ... Namespace ...", and MetricName "is required
 * for an alarm based on a metric".
 */
const EXTRA_RULES: Record<string, (properties: Obj) => string[]> = {
    "AWS::CloudWatch::Alarm": (p) => {
        const problems = ["ComparisonOperator", "EvaluationPeriods"]
            .filter((name) => !(name in p))
            .map((name) => `missing required property ${name}`);
        const single = "MetricName" in p || "Namespace" in p;
        if (single && "Metrics" in p)
            problems.push("MetricName/Namespace and Metrics are mutually exclusive");
        else if (!single && !("Metrics" in p))
            problems.push("needs either MetricName and Namespace, or Metrics");
        else if (single && !("MetricName" in p && "Namespace" in p))
            problems.push("MetricName and Namespace go together");
        return problems;
    },
};

/** The builtin `tag` type: a {Key, Value} pair of strings. */
const TAG: ResourceProperties = {
    Key: { type: { type: "string" }, required: true },
    Value: { type: { type: "string" }, required: true },
};

let database: SpecDatabase | undefined;
/** Gunzips and indexes a ~15 MB JSON database (~0.5 s, ~80 MB of heap): do it once per process. */
function spec(): SpecDatabase {
    return (database ??= loadAwsServiceSpecSync());
}

/** Own keys only: a template key such as "constructor" must not find Object.prototype members. */
const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** `{ "Ref": ... }` or `{ "Fn::Xxx": ... }`: its value is only known at deploy time. */
function isIntrinsic(v: unknown): v is Obj {
    if (!isObject(v)) return false;
    const keys = Object.keys(v);
    return keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::"));
}

function show(v: unknown): string {
    const text = JSON.stringify(v) ?? String(v);
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** CloudFormation converts numeric strings, and templates often carry numbers as strings. */
const isNumeric = (v: unknown): boolean =>
    typeof v === "number" || (typeof v === "string" && v.trim() !== "" && !isNaN(Number(v)));

function describe(db: SpecDatabase, t: PropertyType): string {
    switch (t.type) {
        case "array":
            return `array of ${describe(db, t.element)}`;
        case "map":
            return `map of ${describe(db, t.element)}`;
        case "ref":
            return db.get("typeDefinition", t.reference).name;
        case "union":
            return t.types.map((alt) => describe(db, alt)).join(" | ");
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

function checkProperties(
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
    const expected = (): string[] => [`${path}: expected ${describe(db, t)}, got ${show(v)}`];
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

/**
 * "The Mappings section consists of the key name Mappings. The keys in mappings must be literal
 * strings ... [map names] alphanumeric" and two levels of keys under each map (CloudFormation User
 * Guide, "Mappings").
 */
function mappingProblems(mappings: unknown): string[] {
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
function findInMapProblems(path: string, mappings: Obj, arg: unknown): string[] {
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

/** Returns readable problems, one per line, each starting with the path to the offending value; [] = valid. */
export function validateTemplate(template: unknown): string[] {
    if (!isObject(template)) return [`template: expected an object, got ${show(template)}`];
    const problems: string[] = [];
    for (const key of Object.keys(template))
        if (!SECTIONS.has(key)) problems.push(`${key}: unknown template section`);
    if (
        "AWSTemplateFormatVersion" in template &&
        template.AWSTemplateFormatVersion !== "2010-09-09"
    ) {
        problems.push(
            `AWSTemplateFormatVersion: expected "2010-09-09", got ${show(template.AWSTemplateFormatVersion)}`,
        );
    }
    const resources = template.Resources;
    if (!isObject(resources) || Object.keys(resources).length === 0) {
        return [...problems, "Resources: expected a non-empty object"];
    }
    const parameters = new Set(
        isObject(template.Parameters) ? Object.keys(template.Parameters) : [],
    );
    const conditions = new Set(
        isObject(template.Conditions) ? Object.keys(template.Conditions) : [],
    );
    const mappings = isObject(template.Mappings) ? template.Mappings : {};
    problems.push(...mappingProblems(template.Mappings));
    const db = spec();
    // Logical ID -> its spec entry; null for custom resources (any property, any attribute) and unknown types.
    const types = new Map<string, Resource | null>();

    for (const [id, resource] of Object.entries(resources)) {
        const path = `Resources.${id}`;
        types.set(id, null);
        if (!isObject(resource)) {
            problems.push(`${path}: expected an object, got ${show(resource)}`);
            continue;
        }
        for (const key of Object.keys(resource))
            if (!RESOURCE_KEYS.has(key))
                problems.push(`${path}.${key}: unknown resource attribute`);
        if ("Condition" in resource && !conditions.has(resource.Condition as string)) {
            problems.push(`${path}.Condition: unknown condition ${show(resource.Condition)}`);
        }
        for (const dep of [resource.DependsOn ?? []].flat()) {
            if (!(typeof dep === "string" && has(resources, dep)))
                problems.push(`${path}.DependsOn: unknown resource ${show(dep)}`);
        }
        const type = resource.Type;
        if (typeof type !== "string") {
            problems.push(`${path}.Type: expected a resource type, got ${show(type)}`);
            continue;
        }
        if (type.startsWith("Custom::") || type === "AWS::CloudFormation::CustomResource") continue;
        const found = db.lookup("resource", "cloudFormationType", "equals", type);
        if (found.length === 0) {
            problems.push(`${path}.Type: unknown resource type ${type}`);
            continue;
        }
        const resourceSpec = found.only();
        types.set(id, resourceSpec);
        const properties = resource.Properties ?? {};
        if (isIntrinsic(properties)) continue;
        if (!isObject(properties)) {
            problems.push(`${path}.Properties: expected an object, got ${show(properties)}`);
            continue;
        }
        problems.push(
            ...checkProperties(db, `${path}.Properties`, properties, resourceSpec.properties, type),
        );
        problems.push(
            ...(EXTRA_RULES[type]?.(properties) ?? []).map((p) => `${path}.Properties: ${p}`),
        );
    }

    // Target of a Ref (attribute undefined: resource, parameter or pseudo parameter) or of an attribute
    // reference (a resource; attribute null when its name is only known at deploy time).
    const checkTarget = (
        path: string,
        how: string,
        id: string,
        attribute?: string | null,
    ): void => {
        if (attribute === undefined && (PSEUDO_PARAMETERS.has(id) || parameters.has(id))) return;
        if (!types.has(id)) {
            problems.push(
                `${path}: ${how} refers to unknown resource${attribute === undefined ? " or parameter" : ""} ${id}`,
            );
            return;
        }
        const target = types.get(id);
        // Dotted names cover nested-stack outputs: "Outputs.BusArn" is an attribute of AWS::CloudFormation::Stack.
        if (
            !attribute ||
            !target ||
            has(target.attributes, attribute) ||
            has(target.attributes, attribute.split(".")[0])
        )
            return;
        const listed = Object.keys(target.attributes).join(", ") || "nothing";
        problems.push(
            `${path}: ${how} refers to unknown attribute ${attribute} of ${id} (${target.cloudFormationType} has ${listed})`,
        );
    };

    const checkIntrinsic = (path: string, fn: string, arg: unknown): void => {
        if (!FUNCTIONS.has(fn)) problems.push(`${path}: unknown intrinsic function ${fn}`);
        else if (fn === "Ref" && typeof arg === "string") checkTarget(path, "Ref", arg);
        else if (fn === "Fn::GetAtt") {
            // ["Id", "Attr"] or "Id.Attr"; the attribute name itself may contain dots.
            const [id, attribute] =
                typeof arg === "string"
                    ? [arg.split(".")[0], arg.split(".").slice(1).join(".")]
                    : Array.isArray(arg)
                      ? arg
                      : [];
            if (typeof id === "string")
                checkTarget(
                    path,
                    "Fn::GetAtt",
                    id,
                    typeof attribute === "string" ? attribute : null,
                );
        } else if (fn === "Fn::Sub") {
            const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
            if (typeof text !== "string") return;
            for (const [, name] of text.matchAll(/\$\{([^}]*)\}/g)) {
                // ${!Literal} is escaped text; names from the variable map need no target.
                if (name.startsWith("!") || (isObject(variables) && has(variables, name))) continue;
                const [id, ...attribute] = name.split(".");
                checkTarget(
                    path,
                    `Fn::Sub \${${name}}`,
                    id,
                    attribute.length ? attribute.join(".") : undefined,
                );
            }
        } else if (fn === "Fn::FindInMap") {
            problems.push(...findInMapProblems(path, mappings, arg));
        } else if (fn === "Fn::If" && Array.isArray(arg) && !conditions.has(arg[0] as string)) {
            problems.push(`${path}: Fn::If refers to unknown condition ${show(arg[0])}`);
        }
    };

    // Intrinsics may sit anywhere, including inside json-typed values such as policy documents.
    // Inside an intrinsic's arguments the path stays that of the value the intrinsic computes.
    const walk = (path: string, v: unknown, extendPath: boolean): void => {
        if (Array.isArray(v))
            v.forEach((e, i) => walk(extendPath ? `${path}[${i}]` : path, e, extendPath));
        if (!isObject(v)) return;
        const intrinsic = isIntrinsic(v);
        for (const [k, e] of Object.entries(v)) {
            if (intrinsic) checkIntrinsic(path, k, e);
            walk(extendPath && !intrinsic ? `${path}.${k}` : path, e, extendPath && !intrinsic);
        }
    };
    for (const [id, resource] of Object.entries(resources)) {
        if (isObject(resource)) walk(`Resources.${id}.Properties`, resource.Properties, true);
    }
    if (isObject(template.Outputs)) walk("Outputs", template.Outputs, true);
    return problems;
}
