/**
 * A small model of how AWS evaluates one resource-based policy, enough for this stack's policies,
 * the one copy: the tests evaluate the policies the program writes, and `npm run verify` the
 * topic and key policies it reads back from AWS:
 * - an explicit Deny that applies wins; otherwise an Allow that applies grants; otherwise the
 *   request is implicitly denied;
 * - Principal: "*", { AWS: "*" | account | ARN | list }, { Service: name | list };
 * - Action and Resource: exact values or `*` / `?` wildcards, case-insensitive for actions;
 * - Condition operators StringEquals, StringLike, ArnEquals, ArnLike, Bool,
 *   ForAllValues:StringEquals (every value the request carries for the key is in the list) and
 *   ForAnyValue:StringLike (at least one value the request carries matches a pattern of the list;
 *   false when the key is absent); the request carries one string per key, its values
 *   comma-separated for a multivalued key. Condition keys are
 *   case-insensitive; a key missing from the request fails every operator here (no ...IfExists);
 *   several values for one key are ORed, several keys and operators are ANDed;
 * - their negations StringNotEquals, StringNotLike, ArnNotEquals, ArnNotLike: true when the
 *   request's value matches none of the values, and true when the key is absent ("If the policy
 *   condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the
 *   right key is not present, the condition is true").
 * (IAM User Guide, "Policy evaluation logic" and "IAM JSON policy elements: Condition operators".)
 */

export interface Principal {
    /** "AWS" for IAM principals, "Service" for service principals, "Anonymous" for unsigned requests. */
    readonly type: "AWS" | "Service" | "Anonymous";
    /** An IAM ARN, or a service name such as events.amazonaws.com. */
    readonly id: string;
}

export interface Request {
    readonly principal: Principal;
    readonly action: string;
    readonly resource: string;
    /** Request context keys, e.g. aws:SourceArn, aws:SourceAccount, aws:SecureTransport. */
    readonly context: Readonly<Record<string, string>>;
}

type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

interface Statement {
    readonly Effect: "Allow" | "Deny";
    readonly Principal?: unknown;
    readonly Action: string | readonly string[];
    /** Absent in a trust policy: the statement is about the role it is attached to. */
    readonly Resource?: string | readonly string[];
    readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

function list<T>(value: T | readonly T[]): readonly T[] {
    return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
    const source = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${source}$`, caseInsensitive ? "i" : "").test(value);
}

function accountOf(arn: string): string | undefined {
    return /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1];
}

function principalMatches(principal: unknown, request: Principal): boolean {
    if (principal === "*") {
        return true;
    }
    if (typeof principal !== "object" || principal === null) {
        return false;
    }
    const { AWS, Service } = principal as { AWS?: string | string[]; Service?: string | string[] };
    if (AWS !== undefined && request.type === "AWS") {
        const account = accountOf(request.id);
        // A bare account ID or the account's root ARN stands for every principal of that account.
        const isWholeAccount = (entry: string) =>
            entry === account || (entry.endsWith(":root") && accountOf(entry) === account);
        return list(AWS).some(
            (entry) => entry === "*" || entry === request.id || isWholeAccount(entry),
        );
    }
    if (Service !== undefined && request.type === "Service") {
        return list(Service).includes(request.id);
    }
    return false;
}

const OPERATORS: Record<string, (expected: string, actual: string) => boolean> = {
    StringEquals: (expected, actual) => expected === actual,
    StringLike: (expected, actual) => wildcardMatch(expected, actual),
    ArnEquals: (expected, actual) => expected === actual,
    ArnLike: (expected, actual) => wildcardMatch(expected, actual),
    Bool: (expected, actual) => expected.toLowerCase() === actual.toLowerCase(),
};

/** Each negated operator and the operator it negates. */
const NEGATIONS: Record<string, string> = {
    StringNotEquals: "StringEquals",
    StringNotLike: "StringLike",
    ArnNotEquals: "ArnEquals",
    ArnNotLike: "ArnLike",
};

function conditionsHold(condition: Statement["Condition"], context: Request["context"]): boolean {
    const lowered = new Map(
        Object.entries(context).map(([key, value]) => [key.toLowerCase(), value]),
    );
    return Object.entries(condition ?? {}).every(([operator, keys]) => {
        if (operator === "ForAllValues:StringEquals") {
            // An absent key holds vacuously for ForAllValues (IAM User Guide, "Multivalued context keys").
            return Object.entries(keys).every(([key, expected]) =>
                (lowered.get(key.toLowerCase())?.split(",") ?? []).every((value) =>
                    list(expected).includes(value),
                ),
            );
        }
        if (operator === "ForAnyValue:StringLike") {
            // An absent key matches nothing for ForAnyValue (same page).
            return Object.entries(keys).every(([key, expected]) =>
                (lowered.get(key.toLowerCase())?.split(",") ?? []).some((value) =>
                    list(expected).some((pattern) => wildcardMatch(pattern, value)),
                ),
            );
        }
        const negated = NEGATIONS[operator];
        if (negated !== undefined) {
            const test = OPERATORS[negated];
            return Object.entries(keys).every(([key, expected]) => {
                const actual = lowered.get(key.toLowerCase());
                return actual === undefined || !list(expected).some((value) => test(value, actual));
            });
        }
        const test = OPERATORS[operator];
        if (test === undefined) {
            throw new Error(`the policy evaluator does not model condition operator ${operator}`);
        }
        return Object.entries(keys).every(([key, expected]) => {
            const actual = lowered.get(key.toLowerCase());
            return actual !== undefined && list(expected).some((value) => test(value, actual));
        });
    });
}

function applies(statement: Statement, request: Request): boolean {
    return (
        // An identity-based policy has no Principal: it applies to the principal it is attached to.
        (statement.Principal === undefined ||
            principalMatches(statement.Principal, request.principal)) &&
        list(statement.Action).some((action) => wildcardMatch(action, request.action, true)) &&
        (statement.Resource === undefined ||
            list(statement.Resource).some((resource) =>
                wildcardMatch(resource, request.resource),
            )) &&
        conditionsHold(statement.Condition, request.context)
    );
}

export function evaluate(policy: { Statement: readonly Statement[] }, request: Request): Decision {
    const matching = policy.Statement.filter((statement) => applies(statement, request));
    if (matching.some((statement) => statement.Effect === "Deny")) {
        return "ExplicitDeny";
    }
    return matching.some((statement) => statement.Effect === "Allow") ? "Allow" : "ImplicitDeny";
}
