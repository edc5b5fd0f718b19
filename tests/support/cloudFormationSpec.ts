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
 *
 * The checks live in cloudFormation/: properties against the spec, resources, references, mappings.
 */
import type { Resource } from "@aws-cdk/service-spec-types";
import { mappingProblems } from "./cloudFormation/mappings";
import { referenceProblems } from "./cloudFormation/references";
import { resourceProblems } from "./cloudFormation/resources";
import { isObject, Obj, show } from "./cloudFormation/values";

export { findInMap } from "./cloudFormation/mappings";

/** AWS CloudFormation API reference, CreateStackSet: TemplateBody maximum length 51,200 bytes. */
export const TEMPLATE_BODY_MAX_BYTES = 51_200;

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
/** Returns readable problems, one per line, each starting with the path to the offending value; [] = valid. */
export function validateTemplate(template: unknown): string[] {
    if (!isObject(template)) return [`template: expected an object, got ${show(template)}`];
    const problems = sectionProblems(template);
    const resources = template.Resources;
    if (!isObject(resources) || Object.keys(resources).length === 0) {
        return [...problems, "Resources: expected a non-empty object"];
    }
    const keysOf = (section: unknown) => new Set(isObject(section) ? Object.keys(section) : []);
    const conditions = keysOf(template.Conditions);
    problems.push(...mappingProblems(template.Mappings));
    const types = new Map<string, Resource | null>();
    for (const [id, resource] of Object.entries(resources)) {
        const checked = resourceProblems(id, resource, resources, conditions);
        types.set(id, checked.spec);
        problems.push(...checked.problems);
    }
    problems.push(
        ...referenceProblems(template, {
            types,
            parameters: keysOf(template.Parameters),
            conditions,
            mappings: isObject(template.Mappings) ? template.Mappings : {},
        }),
    );
    return problems;
}

function sectionProblems(template: Obj): string[] {
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
    return problems;
}
