import * as samples from "../samples";
import * as misuse from "../misuseSamples";

/**
 * Samples for the branches of a KMS call pattern that narrow calls by how they failed
 * (`errorCode`, `errorMessage`) and by who made them (`userIdentity`), in the shapes the stack
 * writes (components/alerts/callFilters.ts, eventPatterns.ts). For one branch: the call in each
 * failure it admits, and the same call successful (or failed otherwise) as refused; by every
 * documented kind of caller and by each caller the branch names, sorted into admitted and refused.
 * Telling them apart reads only those shapes; AWS's TestEventPattern then judges each sample.
 */

type Identity = Record<string, unknown>;
type CallEvent = ReturnType<typeof samples.cloudTrailEvent>;

export interface CallBranch {
    readonly eventName?: unknown[];
    readonly resources?: { ARN?: string[] };
    readonly errorCode?: unknown[];
    readonly errorMessage?: { suffix?: string }[];
    readonly userIdentity?: Record<string, unknown>;
}

/** A caller, and what the samples call it. */
export interface Caller {
    readonly kind: string;
    readonly identity: Identity;
}

const LEAVES: readonly (readonly string[])[] = [
    ["sessionContext", "sessionIssuer", "arn"],
    ["arn"],
    ["accountId"],
];

function leafAt(value: unknown, path: readonly string[]): unknown {
    return path.reduce<unknown>(
        (at, step) =>
            typeof at === "object" && at !== null
                ? (at as Record<string, unknown>)[step]
                : undefined,
        value,
    );
}

function matcherAdmits(matcher: unknown, value: unknown): boolean {
    if (typeof matcher === "string") {
        return value === matcher;
    }
    const operator = matcher as { "anything-but"?: string[]; exists?: boolean };
    if (operator["anything-but"] !== undefined) {
        return typeof value === "string" && !operator["anything-but"].includes(value);
    }
    return operator.exists === (value !== undefined);
}

/** Whether one alternative of `userIdentity` admits the caller. */
function admits(alternative: unknown, identity: Identity): boolean {
    return LEAVES.every((path) => {
        const matchers = leafAt(alternative, path);
        return (
            !Array.isArray(matchers) ||
            matchers.some((matcher) => matcherAdmits(matcher, leafAt(identity, path)))
        );
    });
}

/** The callers a branch names, each as the kind of caller it is. */
function namedCallers(branch: CallBranch): Caller[] {
    const values = (path: readonly string[]) =>
        alternativesOf(branch).flatMap((alternative) => {
            const matchers = leafAt(alternative, path);
            return Array.isArray(matchers)
                ? matchers.flatMap((matcher) =>
                      typeof matcher === "string"
                          ? [matcher]
                          : ((matcher as { "anything-but"?: string[] })["anything-but"] ?? []),
                  )
                : [];
        });
    const unique = (list: string[]) => [...new Set(list)];
    // A session's issuer is a role, or a user that called GetFederationToken.
    return [
        ...unique(values(LEAVES[0])).map((arn) =>
            arn.includes(":user/")
                ? { kind: `a federated session of ${arn}`, identity: misuse.federatedUser(arn) }
                : { kind: `a session of ${arn}`, identity: misuse.roleSession(arn) },
        ),
        ...unique(values(LEAVES[1])).map((arn) => ({ kind: arn, identity: misuse.iamUser(arn) })),
        ...unique(values(LEAVES[2])).map((account) => ({
            kind: `a user of account ${account}`,
            identity: misuse.iamUser(`arn:aws:iam::${account}:user/Alice`),
        })),
    ];
}

function alternativesOf(branch: CallBranch): unknown[] {
    const identity = branch.userIdentity;
    if (identity === undefined) {
        return [{}];
    }
    return (identity.$or as unknown[] | undefined) ?? [identity];
}

/** Every caller to try, admitted or refused by the branch. */
export function callersOf(branch: CallBranch): { admitted: Caller[]; refused: Caller[] } {
    const candidates = [...namedCallers(branch), ...misuse.CALLERS];
    const admitted = (caller: Caller) =>
        alternativesOf(branch).some((alternative) => admits(alternative, caller.identity));
    return {
        admitted: candidates.filter(admitted),
        refused: candidates.filter((caller) => !admitted(caller)),
    };
}

/** The failure a branch admits, applied to a call, and the same call as the branch refuses it. */
export function failuresOf(branch: CallBranch): {
    admitted?: { kind: string; apply: (event: CallEvent) => CallEvent };
    refused: { kind: string; apply: (event: CallEvent) => CallEvent }[];
} {
    if (branch.errorMessage !== undefined) {
        return {
            admitted: { kind: "refused: key pending deletion", apply: misuse.onKeyPendingDeletion },
            refused: [
                { kind: "successful", apply: (event) => event },
                {
                    kind: "refused: key not pending deletion",
                    apply: (event) =>
                        misuse.failedWith(
                            event,
                            "KMSInvalidStateException",
                            `${event.detail.resources[0]?.ARN ?? samples.KEY_ARN} is not pending deletion.`,
                        ),
                },
            ],
        };
    }
    const [first] = branch.errorCode ?? [];
    if (first === undefined) {
        return { refused: [] };
    }
    const code =
        typeof first === "string"
            ? first
            : `${(first as { prefix?: string }).prefix ?? "AccessDenied"}Exception`;
    return {
        admitted: {
            kind: `failed with ${code}`,
            apply: (event) => misuse.failedWith(event, code, "The request was refused."),
        },
        refused: [{ kind: "successful", apply: (event) => event }],
    };
}
