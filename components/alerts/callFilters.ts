/**
 * Who made a KMS call and how it failed, as event-pattern conditions on the CloudTrail record
 * (CloudTrail User Guide, "CloudTrail userIdentity element"; EventBridge User Guide, "Content
 * filtering in event patterns": `anything-but`, `prefix`, `exists`).
 *
 * Every condition here lives under `detail`. A pattern field the event lacks never matches, and
 * `anything-but` is no exception: a call by an IAM user has no `sessionContext.sessionIssuer`, one
 * by an AWS service (`type: AWSService`) no `arn` and no `accountId`. So "anyone but" is written,
 * for each field it names, as "anything but these, or no such field at all" (`exists: false`, which
 * matches an absent leaf), and the alternatives are joined with `$or`.
 */

/** The optional filters of an `apiCallAlerts` entry. */
export interface CallFilters {
    /**
     * Only calls that failed with one of these codes (`detail.errorCode`): a trailing `*` matches a
     * prefix (`AccessDenied*`), `*` alone any failed call.
     */
    readonly errorCodes?: readonly string[];
    /** Only calls by these principals: IAM role ARNs (every session), IAM user ARNs, account IDs. */
    readonly callers?: readonly string[];
    /** Only calls by anyone but these principals; the same three forms. */
    readonly exceptCallers?: readonly string[];
}

export type CallerKind = "role" | "user" | "account";

/** IAM names and paths: `A-Za-z0-9+=,.@_-`, paths between slashes (IAM User Guide, "IAM identifiers"). */
const IAM_PATH_AND_NAME = "(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}";
const CALLER_FORMS: readonly { kind: CallerKind; form: RegExp }[] = [
    { kind: "role", form: new RegExp(`^arn:aws[a-z-]*:iam::\\d{12}:role/${IAM_PATH_AND_NAME}$`) },
    { kind: "user", form: new RegExp(`^arn:aws[a-z-]*:iam::\\d{12}:user/${IAM_PATH_AND_NAME}$`) },
    { kind: "account", form: /^\d{12}$/ },
];

/** Which of the three forms a caller is in, or undefined when it is none of them. */
export function callerKind(caller: string): CallerKind | undefined {
    return CALLER_FORMS.find(({ form }) => form.test(caller))?.kind;
}

/** A field of `detail.userIdentity`: the path to it, with `leaf` at its end. */
type Field = (leaf: unknown[]) => Record<string, unknown>;

// A session's own ARN is arn:aws:sts::<account>:assumed-role/<role>/<session> (or
// federated-user/<name>); what issued it, a role or a user, is the session's issuer.
const ISSUER: Field = (leaf) => ({ sessionContext: { sessionIssuer: { arn: leaf } } });
const ARN: Field = (leaf) => ({ arn: leaf });
const ACCOUNT: Field = (leaf) => ({ accountId: leaf });

/**
 * The fields each form is compared with. A role: every session of it, by their issuer. A user: its
 * own calls, by their ARN, and the sessions it got with GetFederationToken, whose `sessionIssuer`
 * "provides information about ... the root account or IAM user" (CloudTrail User Guide,
 * "CloudTrail userIdentity element", type FederatedUser), so they are not someone else's. An
 * account: every caller of it.
 */
const FIELDS_OF_KIND: Readonly<Record<CallerKind, readonly Field[]>> = {
    role: [ISSUER],
    user: [ARN, ISSUER],
    account: [ACCOUNT],
};

/** Each field the callers are compared with, and the callers it is compared with, in a fixed order. */
function byField(callers: readonly string[]): [Field, string[]][] {
    return [ISSUER, ARN, ACCOUNT]
        .map((field): [Field, string[]] => [
            field,
            callers.filter((caller) => {
                const kind = callerKind(caller);
                return kind !== undefined && FIELDS_OF_KIND[kind].includes(field);
            }),
        ])
        .filter(([, values]) => values.length > 0);
}

/** Deep merge of userIdentity conditions on different paths. */
function merged(parts: readonly Record<string, unknown>[]): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const part of parts) {
        for (const [key, value] of Object.entries(part)) {
            const existing = result[key];
            result[key] =
                typeof existing === "object" && existing !== null && !Array.isArray(existing)
                    ? merged([
                          existing as Record<string, unknown>,
                          value as Record<string, unknown>,
                      ])
                    : value;
        }
    }
    return result;
}

/**
 * The alternatives for `detail.userIdentity`, any of which admits the call. `callers`: one per
 * field the listed forms use. `exceptCallers`: every combination of "anything but the listed
 * values" and "no such field" over those fields, so that callers who lack a field (IAM users and
 * root have no issuer; AWS services no ARN or account) still match.
 */
export function callerAlternatives(filters: CallFilters): Record<string, unknown>[] {
    if ((filters.callers ?? []).length > 0) {
        return byField(filters.callers ?? []).map(([field, values]) => field(values));
    }
    let alternatives: Record<string, unknown>[] = [{}];
    for (const [field, values] of byField(filters.exceptCallers ?? [])) {
        const options = [field([{ "anything-but": values }]), field([{ exists: false }])];
        alternatives = alternatives.flatMap((alternative) =>
            options.map((option) => merged([alternative, option])),
        );
    }
    return alternatives.length === 1 && Object.keys(alternatives[0]).length === 0
        ? []
        : alternatives;
}

/** `detail.errorCode`'s matchers: exact codes, `{ prefix }` for `Code*`, `{ exists: true }` for `*`. */
export function errorCodeMatchers(errorCodes: readonly string[]): unknown[] {
    if (errorCodes.includes("*")) {
        return [{ exists: true }];
    }
    return errorCodes.map((code) => (code.endsWith("*") ? { prefix: code.slice(0, -1) } : code));
}

/** The detail conditions of the filters (an empty object when there are none). */
export function callFilterCondition(filters: CallFilters): Record<string, unknown> {
    const condition: Record<string, unknown> = {};
    if ((filters.errorCodes ?? []).length > 0) {
        condition.errorCode = errorCodeMatchers(filters.errorCodes ?? []);
    }
    const alternatives = callerAlternatives(filters);
    if (alternatives.length === 1) {
        condition.userIdentity = alternatives[0];
    } else if (alternatives.length > 1) {
        condition.userIdentity = { $or: alternatives };
    }
    return condition;
}

/** Whether an entry has any filter. */
export function hasCallFilters(filters: CallFilters): boolean {
    return Object.keys(callFilterCondition(filters)).length > 0;
}
