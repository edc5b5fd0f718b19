import * as samples from "../samples";
import { placed } from "../samples";
import { AlarmPattern, alarmSamples } from "./alarmSamples";

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
    readonly detail?: AlarmPattern["detail"] & {
        readonly eventName?: string[];
        readonly resources?: { ARN?: string[] };
        readonly $or?: { eventName: string[]; resources?: { ARN?: string[] } }[];
    };
}

/** Where the events happen: the stack's account, and the rule's region unless the pattern names others. */
export interface Place {
    readonly account: string;
    readonly region: string;
}

/** An account other than the stack's, for events that come from member accounts. */
export const MEMBER_ACCOUNT = "444455556666";

/** Calls no KMS alert of the stack may watch by default, for a sample an API-call rule must reject. */
const UNWATCHED_CALLS = [
    "ListAliases",
    "DescribeKey",
    "TagResource",
    "CreateAlias",
    "GenerateRandom",
];

/** The `$or` branches of an API-call pattern (one when it has none): operations, and keys if any. */
export function apiCallBranches(
    patternJson: string,
): { eventName: string[]; keyArns?: string[] }[] {
    const pattern = JSON.parse(patternJson) as Pattern;
    if (!(pattern["detail-type"] ?? []).includes("AWS API Call via CloudTrail")) {
        return [];
    }
    return branchesOf(pattern).map((branch) => ({
        eventName: branch.eventName,
        keyArns: branch.resources?.ARN,
    }));
}

function branchesOf(pattern: Pattern) {
    const detail = pattern.detail ?? {};
    return detail.$or ?? [{ eventName: detail.eventName ?? [], resources: detail.resources }];
}

function apiCallSamples(pattern: Pattern, place: Place): PatternSamples {
    const branches = branchesOf(pattern);
    // A call on a key happens in the key's region: the event keeps the ARN the pattern names.
    const call = (eventName: string, keyArn?: string) =>
        placed(
            keyArn === undefined
                ? samples.cloudTrailEvent(eventName, false, {})
                : samples.cloudTrailEvent(eventName, false, {}, keyArn),
            place.account,
            (keyArn === undefined ? undefined : keyArn.split(":")[3]) || place.region,
        );
    const accept = branches.flatMap((branch) =>
        branch.eventName.map((eventName) => {
            const keyArn = branch.resources?.ARN?.[0];
            return {
                kind: `${eventName} on ${keyArn ?? "any key"}`,
                event: call(eventName, keyArn),
            };
        }),
    );
    const watched = new Set(branches.flatMap((branch) => branch.eventName));
    const unwatched = UNWATCHED_CALLS.find((name) => !watched.has(name)) ?? "ListAliases";
    const restricted = branches.find((branch) => (branch.resources?.ARN ?? []).length > 0);
    const reject = [
        { kind: `${unwatched}, which no alert watches`, event: call(unwatched) },
        ...(restricted === undefined
            ? []
            : [
                  {
                      kind: `${restricted.eventName[0]} on a key the alert does not name`,
                      event: call(restricted.eventName[0], samples.OTHER_KEY_ARN),
                  },
              ]),
    ];
    return { accept, reject };
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
