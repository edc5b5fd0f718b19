import * as samples from "../samples";
import { placed } from "../samples";
import { calledBy } from "../misuseSamples";
import { AlarmPattern, alarmSamples } from "./alarmSamples";
import {
    Branch,
    branchesOf,
    namedOperations,
    operationOf,
    ownTopicCallSample,
    UNWATCHED_CALLS,
} from "./callBranches";
import { callersOf, failuresOf } from "./callSamples";

/**
 * For one rule's expected pattern, a documented sample of every kind of event it must match and
 * one it must not, in the stack's account and the rule's region. The samples are those of
 * verify/samples.ts, the same the tests use; a pattern of a kind none of them fits gets none, and
 * verify says so instead of guessing.
 */

export interface Sample {
    /** What the sample is, for the message: `DisableKey on any key`, `state change of <alarm>`... */
    readonly kind: string;
    readonly event: object;
}

export interface PatternSamples {
    readonly accept: Sample[];
    readonly reject: Sample[];
}

interface Pattern extends AlarmPattern {
    readonly source?: string[];
    readonly "detail-type"?: string[];
    readonly resources?: (string | { suffix: string })[];
    readonly detail?: AlarmPattern["detail"] & Branch;
}

/** Where the events happen: the stack's account, and the rule's region unless the pattern names others. */
export interface Place {
    readonly account: string;
    readonly region: string;
}

/** An account other than the stack's, for events that come from member accounts. */
export const MEMBER_ACCOUNT = "444455556666";

/**
 * The `$or` branches of an API-call pattern (one when it has none): the operations it names, its
 * keys if any, and whether it narrows the calls further (by caller or by failure).
 */
export function apiCallBranches(
    patternJson: string,
): { eventName: string[]; keyArns?: string[]; filtered: boolean }[] {
    const pattern = JSON.parse(patternJson) as Pattern;
    if (!(pattern["detail-type"] ?? []).includes("AWS API Call via CloudTrail")) {
        return [];
    }
    return branchesOf(pattern.detail).map((branch) => ({
        eventName: namedOperations(branch),
        keyArns: branch.resources?.ARN,
        filtered:
            branch.userIdentity !== undefined ||
            branch.errorCode !== undefined ||
            branch.errorMessage !== undefined,
    }));
}

type Call = (eventName: string, keyArn?: string) => ReturnType<typeof samples.cloudTrailEvent>;

/** One branch's samples: every operation, and each failure and caller it admits or refuses. */
function branchSamples(branch: Branch, call: Call, single: boolean, place: Place): PatternSamples {
    const keyArn = branch.resources?.ARN?.[0];
    const failures = failuresOf(branch);
    const callers = callersOf(branch);
    const [caller] = callers.admitted;
    const dressed = (eventName: string, key = keyArn) => {
        const plain = call(eventName, key);
        const failed = failures.admitted?.apply(plain) ?? plain;
        return caller === undefined ? failed : calledBy(failed, caller.identity);
    };
    const operations = branch.eventName === undefined ? [operationOf(branch)] : [];
    const names = [...namedOperations(branch), ...operations];
    const first = names[0] ?? operationOf(branch);
    const about = `${first} on ${keyArn ?? "any key"}`;
    const failure = failures.admitted === undefined ? "" : `, ${failures.admitted.kind}`;
    const accept = [
        ...(names.length > 0 ? names : [first]).map((eventName) => ({
            kind: `${eventName} on ${keyArn ?? "any key"}${failure}`,
            event: dressed(eventName),
        })),
        ...(branch.userIdentity === undefined ? [] : callers.admitted.slice(1)).map((other) => ({
            kind: `${about}${failure}, by ${other.kind}`,
            event: calledBy(dressed(first), other.identity),
        })),
    ];
    // A branch's refusals hold for the pattern only when no other branch could admit them.
    const own = ownTopicCallSample(branch, place);
    const reject = !single
        ? []
        : [
              ...(own === undefined ? [] : [own]),
              ...failures.refused.map((refused) => ({
                  kind: `${about}, ${refused.kind}`,
                  event: refused.apply(
                      caller === undefined
                          ? call(first, keyArn)
                          : calledBy(call(first, keyArn), caller.identity),
                  ),
              })),
              ...(branch.userIdentity === undefined ? [] : callers.refused).map((refused) => ({
                  kind: `${about}${failure}, by ${refused.kind}`,
                  event: calledBy(dressed(first), refused.identity),
              })),
          ];
    return { accept, reject };
}

function apiCallSamples(pattern: Pattern, place: Place): PatternSamples {
    const branches = branchesOf(pattern.detail);
    // A call on a key happens in the key's region: the event keeps the ARN the pattern names.
    const call: Call = (eventName, keyArn) =>
        placed(
            keyArn === undefined
                ? samples.cloudTrailEvent(eventName, false, {})
                : samples.cloudTrailEvent(eventName, false, {}, keyArn),
            place.account,
            (keyArn === undefined ? undefined : keyArn.split(":")[3]) || place.region,
        );
    const each = branches.map((branch) =>
        branchSamples(branch, call, branches.length === 1, place),
    );
    const watched = new Set(branches.flatMap(namedOperations));
    const anyOperation = branches.some((branch) => namedOperations(branch).length === 0);
    const unwatched = UNWATCHED_CALLS.find((name) => !watched.has(name)) ?? "ListAliases";
    const restricted = branches.find((branch) => (branch.resources?.ARN ?? []).length > 0);
    const reject = [
        // A successful call: a branch on any operation admits failures only.
        {
            kind: anyOperation
                ? `a successful ${unwatched}`
                : `${unwatched}, which no alert watches`,
            event: call(unwatched),
        },
        ...(restricted === undefined || anyOperation
            ? []
            : [
                  {
                      kind: `${namedOperations(restricted)[0]} on a key the alert does not name`,
                      event: call(namedOperations(restricted)[0], samples.OTHER_KEY_ARN),
                  },
              ]),
        ...each.flatMap((samplesOfBranch) => samplesOfBranch.reject),
    ];
    return { accept: each.flatMap((samplesOfBranch) => samplesOfBranch.accept), reject };
}

function scheduledSamples(pattern: Pattern, place: Place): PatternSamples {
    const region = pattern.region?.[0] ?? place.region;
    const arnOf = (resource: string | { suffix: string }) =>
        typeof resource === "string"
            ? resource
            : `arn:aws:events:${region}:${MEMBER_ACCOUNT}${resource.suffix}`;
    const accept = (pattern.resources ?? []).map((resource) => {
        const arn = arnOf(resource);
        const account = /^arn:[^:]+:events:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? place.account;
        return {
            kind: `the scheduled event of ${arn}`,
            event: { ...samples.scheduledEvent(arn, region), account },
        };
    });
    const other = `arn:aws:events:${region}:${place.account}:rule/a-rule-of-another-stack`;
    return {
        accept,
        reject: [
            {
                kind: `the scheduled event of ${other}`,
                event: { ...samples.scheduledEvent(other, region), account: place.account },
            },
        ],
    };
}

/** Every KMS event the pattern names; KMS's other events and another service's call are refused. */
function lifecycleSamples(pattern: Pattern, place: Place): PatternSamples {
    const named = pattern["detail-type"] ?? [];
    const event = (detailType: string) =>
        placed(samples.kmsEvent(detailType), place.account, place.region);
    return {
        accept: named.map((detailType) => ({ kind: detailType, event: event(detailType) })),
        reject: [
            ...samples.KMS_EVENT_DETAIL_TYPES.filter((type) => !named.includes(type)).map(
                (detailType) => ({
                    kind: `${detailType}, which it does not name`,
                    event: event(detailType),
                }),
            ),
            {
                kind: "an S3 API call",
                event: placed(samples.s3ApiCallEvent, place.account, place.region),
            },
        ],
    };
}

/** The samples for a pattern, or undefined when no documented sample fits its kind. */
export function samplesFor(patternJson: string, place: Place): PatternSamples | undefined {
    const pattern = JSON.parse(patternJson) as Pattern;
    const detailTypes = pattern["detail-type"] ?? [];
    if (
        detailTypes.includes("AWS API Call via CloudTrail") &&
        pattern.source?.includes("aws.kms")
    ) {
        return apiCallSamples(pattern, place);
    }
    if (detailTypes.includes("CloudWatch Alarm State Change")) {
        return alarmSamples(pattern, place, false);
    }
    if (detailTypes.includes("CloudWatch Alarm Contributor State Change")) {
        return alarmSamples(pattern, place, true);
    }
    if (detailTypes.includes("Scheduled Event")) {
        return scheduledSamples(pattern, place);
    }
    if (detailTypes.length > 0 && detailTypes.every((type) => type.startsWith("KMS "))) {
        return lifecycleSamples(pattern, place);
    }
    return undefined;
}
