/**
 * The targets of Ref, Fn::GetAtt, Fn::Sub, Fn::If and Fn::FindInMap, wherever an intrinsic sits,
 * including inside json-typed values such as policy documents.
 */
import type { Resource } from "@aws-cdk/service-spec-types";
import { findInMapProblems } from "./mappings";
import { has, isIntrinsic, isObject, Obj, show } from "./values";

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

/** What a reference may point at in one template. */
export interface ReferenceScope {
    /** Logical ID -> its spec entry; null for custom resources and unknown types. */
    readonly types: ReadonlyMap<string, Resource | null>;
    readonly parameters: ReadonlySet<string>;
    readonly conditions: ReadonlySet<string>;
    readonly mappings: Obj;
}

/** The problems of every reference in the resources' Properties and in the Outputs. */
export function referenceProblems(template: Obj, scope: ReferenceScope): string[] {
    const checker = new ReferenceChecker(scope);
    for (const [id, resource] of Object.entries(template.Resources as Obj)) {
        if (isObject(resource))
            checker.walk(`Resources.${id}.Properties`, resource.Properties, true);
    }
    if (isObject(template.Outputs)) checker.walk("Outputs", template.Outputs, true);
    return checker.problems;
}

class ReferenceChecker {
    readonly problems: string[] = [];

    constructor(private readonly scope: ReferenceScope) {}

    /** Inside an intrinsic's arguments the path stays that of the value the intrinsic computes. */
    walk(path: string, v: unknown, extendPath: boolean): void {
        if (Array.isArray(v))
            v.forEach((e, i) => this.walk(extendPath ? `${path}[${i}]` : path, e, extendPath));
        if (!isObject(v)) return;
        const intrinsic = isIntrinsic(v);
        for (const [k, e] of Object.entries(v)) {
            if (intrinsic) this.intrinsic(path, k, e);
            this.walk(
                extendPath && !intrinsic ? `${path}.${k}` : path,
                e,
                extendPath && !intrinsic,
            );
        }
    }

    private intrinsic(path: string, fn: string, arg: unknown): void {
        if (!FUNCTIONS.has(fn)) this.problems.push(`${path}: unknown intrinsic function ${fn}`);
        else if (fn === "Ref" && typeof arg === "string") this.target(path, "Ref", arg);
        else if (fn === "Fn::GetAtt") this.getAtt(path, arg);
        else if (fn === "Fn::Sub") this.sub(path, arg);
        else if (fn === "Fn::FindInMap") {
            this.problems.push(...findInMapProblems(path, this.scope.mappings, arg));
        } else if (
            fn === "Fn::If" &&
            Array.isArray(arg) &&
            !this.scope.conditions.has(arg[0] as string)
        ) {
            this.problems.push(`${path}: Fn::If refers to unknown condition ${show(arg[0])}`);
        }
    }

    /** ["Id", "Attr"] or "Id.Attr"; the attribute name itself may contain dots. */
    private getAtt(path: string, arg: unknown): void {
        const [id, attribute] =
            typeof arg === "string"
                ? [arg.split(".")[0], arg.split(".").slice(1).join(".")]
                : Array.isArray(arg)
                  ? arg
                  : [];
        if (typeof id === "string")
            this.target(path, "Fn::GetAtt", id, typeof attribute === "string" ? attribute : null);
    }

    private sub(path: string, arg: unknown): void {
        const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
        if (typeof text !== "string") return;
        for (const [, name] of text.matchAll(/\$\{([^}]*)\}/g)) {
            // ${!Literal} is escaped text; names from the variable map need no target.
            if (name.startsWith("!") || (isObject(variables) && has(variables, name))) continue;
            const [id, ...attribute] = name.split(".");
            this.target(
                path,
                `Fn::Sub \${${name}}`,
                id,
                attribute.length ? attribute.join(".") : undefined,
            );
        }
    }

    /**
     * Target of a Ref (attribute undefined: resource, parameter or pseudo parameter) or of an
     * attribute reference (a resource; attribute null when its name is only known at deploy time).
     */
    private target(path: string, how: string, id: string, attribute?: string | null): void {
        const { types, parameters } = this.scope;
        if (attribute === undefined && (PSEUDO_PARAMETERS.has(id) || parameters.has(id))) return;
        if (!types.has(id)) {
            this.problems.push(
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
        this.problems.push(
            `${path}: ${how} refers to unknown attribute ${attribute} of ${id} (${target.cloudFormationType} has ${listed})`,
        );
    }
}
