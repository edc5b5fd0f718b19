/** A resource of a template: its attributes, its type and its Properties. */
import type { Resource } from "@aws-cdk/service-spec-types";
import { checkProperties, spec } from "./properties";
import { has, isIntrinsic, isObject, Obj, show } from "./values";

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
/**
 * Rules the spec does not express, as messages about a resource's Properties. The schema no longer
 * marks any AWS::CloudWatch::Alarm property required (its EvaluationCriteria / PromQL alarms take
 * neither), but the metric and Metrics Insights alarms we build need a comparison and an evaluation
 * count, and name their metric one way: the spec's own Metrics documentation says "If you specify the
 * Metrics parameter, you cannot specify MetricName, ... Namespace ...", and MetricName "is required
 * for an alarm based on a metric".
 */
export const EXTRA_RULES: Record<string, (properties: Obj) => string[]> = {
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

export interface CheckedResource {
    readonly problems: string[];
    /** Its spec entry; null for custom resources (any property, any attribute) and unknown types. */
    readonly spec: Resource | null;
}

/** The problems of one resource, given the template's resources and conditions. */
export function resourceProblems(
    id: string,
    resource: unknown,
    resources: Obj,
    conditions: ReadonlySet<string>,
): CheckedResource {
    const path = `Resources.${id}`;
    if (!isObject(resource)) {
        return { problems: [`${path}: expected an object, got ${show(resource)}`], spec: null };
    }
    const problems: string[] = [];
    for (const key of Object.keys(resource))
        if (!RESOURCE_KEYS.has(key)) problems.push(`${path}.${key}: unknown resource attribute`);
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
        return { problems, spec: null };
    }
    if (type.startsWith("Custom::") || type === "AWS::CloudFormation::CustomResource")
        return { problems, spec: null };
    const found = spec().lookup("resource", "cloudFormationType", "equals", type);
    if (found.length === 0) {
        problems.push(`${path}.Type: unknown resource type ${type}`);
        return { problems, spec: null };
    }
    const resourceSpec = found.only();
    problems.push(...propertiesProblems(path, resource.Properties ?? {}, resourceSpec, type));
    return { problems, spec: resourceSpec };
}

function propertiesProblems(
    path: string,
    properties: unknown,
    resourceSpec: Resource,
    type: string,
): string[] {
    if (isIntrinsic(properties)) return [];
    if (!isObject(properties)) {
        return [`${path}.Properties: expected an object, got ${show(properties)}`];
    }
    return [
        ...checkProperties(spec(), `${path}.Properties`, properties, resourceSpec.properties, type),
        ...(EXTRA_RULES[type]?.(properties) ?? []).map((p) => `${path}.Properties: ${p}`),
    ];
}
