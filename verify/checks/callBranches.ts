import { snsTopicKeyCall } from "../misuseSamples";
import type { CallBranch } from "./callSamples";

/**
 * The branches of a KMS call pattern as the stack writes them (components/alerts/eventPatterns.ts,
 * forwardedPatterns.ts, ownTopicCalls.ts), read without importing the program: the operations each
 * names, its keys, whether it narrows calls by caller or failure, and which of the stack's own
 * calls it leaves out.
 */

/** A branch, with the `$or` of its own that leaves out the KMS calls SNS makes for the topics. */
export interface Branch extends CallBranch {
    readonly $or?: Record<string, unknown>[];
}

/** Calls no KMS alert of the stack may watch by default, for a sample an API-call rule must reject. */
export const UNWATCHED_CALLS = [
    "ListAliases",
    "DescribeKey",
    "TagResource",
    "CreateAlias",
    "GenerateRandom",
];

/**
 * The branches of a call pattern's detail: the detail itself when it names the operation or the
 * error (its own `$or` is then a condition of it), else each element of its `$or`.
 */
export function branchesOf(
    detail: (Branch & { readonly eventSource?: unknown }) | undefined,
): Branch[] {
    const { $or, ...rest } = detail ?? {};
    const single = rest.eventName !== undefined || rest.errorMessage !== undefined;
    return $or === undefined || single ? [detail ?? {}] : ($or as Branch[]);
}

export const namedOperations = (branch: CallBranch): string[] =>
    (branch.eventName ?? []).filter((name): name is string => typeof name === "string");

/** An operation the branch admits: one it names, or one it does not exclude. */
export function operationOf(branch: CallBranch): string {
    const excluded = (branch.eventName ?? []).flatMap(
        (name) => (name as { "anything-but"?: string[] })["anything-but"] ?? [],
    );
    return (
        namedOperations(branch)[0] ??
        ["Decrypt", ...UNWATCHED_CALLS].find((name) => !excluded.includes(name)) ??
        "Decrypt"
    );
}

type Alternative = {
    requestParameters?: { keyId?: { "anything-but"?: string[] }[] };
    awsRegion?: { "anything-but"?: string[] }[];
};

/** What the branch knows SNS's own calls by: the topics' key alias and region, if it leaves them out. */
function ownTopicCallsOf(branch: Branch): { keyAlias: string; region?: string } | undefined {
    const alternatives = (branch.$or ?? []) as Alternative[];
    const first = (values: (string | undefined)[]) => values.find((value) => value !== undefined);
    const keyAlias = first(
        alternatives.map((each) => each.requestParameters?.keyId?.[0]?.["anything-but"]?.[0]),
    );
    const region = first(alternatives.map((each) => each.awsRegion?.[0]?.["anything-but"]?.[0]));
    return keyAlias === undefined ? undefined : { keyAlias, region };
}

/**
 * When the branch leaves out the KMS calls SNS makes for the stack's topics: such a call, of the
 * first operation SNS makes that the branch names, which the rule must refuse.
 */
export function ownTopicCallSample(
    branch: Branch,
    place: { account: string; region: string },
): { kind: string; event: object } | undefined {
    const own = ownTopicCallsOf(branch);
    const operation = namedOperations(branch).find(
        (name) => name.startsWith("GenerateDataKey") || name === "Decrypt",
    );
    if (own === undefined || operation === undefined) {
        return undefined;
    }
    const region = own.region ?? place.region;
    const topicArn = `arn:aws:sns:${region}:${place.account}:alerts`;
    return {
        kind: `${operation} by SNS with ${own.keyAlias} for the stack's topic`,
        event: snsTopicKeyCall(operation, own.keyAlias, topicArn, place.account, region),
    };
}
