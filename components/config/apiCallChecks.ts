import {
    ALL_EVENT_ALERTS,
    apiCallEventPattern,
    callerKind,
    MAX_EVENT_PATTERN_LENGTH,
    OwnTopicCalls,
    topicKeyAlias,
} from "../alerts";
import { EVENT_RULE_NAME_MAX, eventRuleName, PENDING_DELETION_RULE_ROLE } from "../shared";
import { duplicates, listedTwice, longestOf } from "./inputValues";
import { stackNamePrefix } from "./primitives";
import { ApiCallAlert, ParseContext, Problem } from "./types";

type Entry = Record<string, unknown>;

const strings = (value: unknown): string[] | undefined =>
    Array.isArray(value)
        ? value.filter((item): item is string => typeof item === "string")
        : undefined;

/**
 * The entry's rule pattern, with all its keys and filters, against EventBridge's limit: its home
 * rule's, which also leaves out the KMS calls SNS makes for the stack's topics.
 */
function patternLengthProblems(entry: Entry, index: number, own?: OwnTopicCalls): Problem[] {
    const eventNames = strings(entry.eventNames);
    if (eventNames === undefined) {
        return [];
    }
    const keyArns = strings(entry.keyArns) ?? [];
    const length = JSON.stringify(
        apiCallEventPattern(
            eventNames,
            keyArns,
            {
                errorCodes: strings(entry.errorCodes),
                callers: strings(entry.callers),
                exceptCallers: strings(entry.exceptCallers),
            },
            own,
        ),
    ).length;
    if (length <= MAX_EVENT_PATTERN_LENGTH) {
        return [];
    }
    return [
        {
            path:
                keyArns.length > 0 ? ["apiCallAlerts", index, "keyArns"] : ["apiCallAlerts", index],
            message:
                `makes the rule's event pattern ${length} characters, over EventBridge's ` +
                `${MAX_EVENT_PATTERN_LENGTH}; split the keys or callers over several entries`,
        },
    ];
}

/** One entry's filters: not both caller lists, nothing listed twice. */
function filterProblems(entry: Entry, index: number): Problem[] {
    const problems: Problem[] = [];
    if (entry.callers !== undefined && entry.exceptCallers !== undefined) {
        problems.push({
            path: ["apiCallAlerts", index, "exceptCallers"],
            message:
                "is set together with callers; an entry watches the callers it names or " +
                "everyone but them, not both: keep one, or make two entries",
        });
    }
    for (const field of ["errorCodes", "callers", "exceptCallers"]) {
        const values = entry[field];
        if (Array.isArray(values)) {
            problems.push(
                ...listedTwice(
                    ["apiCallAlerts", index, field],
                    values.map((value) => (typeof value === "string" ? value : undefined)),
                ),
            );
        }
    }
    return problems;
}

/** Every `apiCallAlerts` entry against the others and against EventBridge's limits. */
export function apiCallAlertProblems(input: Record<string, unknown>, ctx: ParseContext): Problem[] {
    const own =
        input.encryptTopic === false
            ? undefined
            : { keyAlias: topicKeyAlias(stackNamePrefix(ctx)), region: ctx.homeRegion };
    const alerts = Array.isArray(input.apiCallAlerts) ? (input.apiCallAlerts as unknown[]) : [];
    const entries = alerts.map((alert) =>
        typeof alert === "object" && alert !== null ? (alert as Entry) : {},
    );
    const names = entries.map((entry) => (typeof entry.name === "string" ? entry.name : undefined));
    return [
        ...duplicates(names).map((index) => ({
            path: ["apiCallAlerts", index, "name"],
            message: "is used by an earlier rule; rule names must be unique",
        })),
        ...entries.flatMap((entry, index) => [
            ...patternLengthProblems(entry, index, own),
            ...filterProblems(entry, index),
        ]),
    ];
}

/** The stack's own event alert rules, when on, must have names EventBridge accepts. */
export function eventAlertProblems(input: Record<string, unknown>, ctx: ParseContext): Problem[] {
    const prefix = stackNamePrefix(ctx);
    const switches = [...new Set(ALL_EVENT_ALERTS.map((alert) => alert.switch))];
    return switches.flatMap((key) => {
        const longest = longestOf(
            ALL_EVENT_ALERTS.filter((alert) => alert.switch === key).map((alert) =>
                eventRuleName(prefix, alert.role),
            ),
        );
        if (input[key] === false || longest.length <= EVENT_RULE_NAME_MAX) {
            return [];
        }
        return [
            {
                path: [key],
                message:
                    `makes the rule name "${longest}" longer than ${EVENT_RULE_NAME_MAX} ` +
                    `characters; use a shorter project or stack name, or set ${key} to false`,
            },
        ];
    });
}

const accountOf = (arn: string) => arn.split(":")[4];

/**
 * A role or user ARN in `callers` or `exceptCallers` of another account than every key of its
 * entry. CloudTrail records a request "made by another AWS account" as `userIdentity` type
 * `AWSAccount` (CloudTrail User Guide, "CloudTrail userIdentity element") with only the account's
 * ID and a principal ID, as the role owner's record of a cross-account AssumeRole shows (IAM User
 * Guide, "Logging IAM and AWS STS API calls with AWS CloudTrail"): no ARN, no session issuer. So in
 * the key's account the ARN never matches, and `exceptCallers` admits every call of that account.
 * The caller's own account records the call with the ARN ("Cross-account operations on KMS keys are
 * logged in both the caller account and the KMS key owner account", KMS Developer Guide, "Logging
 * AWS KMS API calls with AWS CloudTrail"), which this stack sees when that account is its own or a
 * member of `organization`: so a warning, not an error. An entry without keys watches keys of any
 * account, and the stack's own account is not known here: it is not checked (docs/misuse.md).
 */
export function callerAccountWarnings(alerts: readonly ApiCallAlert[], project: string): string[] {
    return alerts.flatMap((alert, index) => {
        const keyAccounts = [...new Set(alert.keyArns.map(accountOf))];
        if (keyAccounts.length === 0) return [];
        return (["callers", "exceptCallers"] as const).flatMap((field) =>
            (alert[field] ?? []).flatMap((caller, position) => {
                const account = accountOf(caller);
                const arn = callerKind(caller) === "role" || callerKind(caller) === "user";
                if (!arn || keyAccounts.includes(account)) return [];
                const there =
                    field === "callers"
                        ? "it never matches there"
                        : "every call of that account alerts there";
                return [
                    `${project}:apiCallAlerts[${index}].${field}[${position}] (${caller}) is in account ` +
                        `${account}, the entry's keys in ${keyAccounts.join(", ")}: the key's account ` +
                        "records another account's call as userIdentity type AWSAccount, with the " +
                        `account ID and no ARN, so ${there}. Only ${account}'s own record of the ` +
                        "call names the ARN, and it reaches this stack only if that account is the " +
                        `stack's own or a member account of organization. Use the account ID ${account} ` +
                        "to match the key's account's record (docs/misuse.md).",
                ];
            }),
        );
    });
}

/**
 * The pending-deletion rule without the stack's trail. The KMS Developer Guide's own alarm ("Create
 * an alarm that detects use of a KMS key pending deletion") is a metric filter on a trail's
 * CloudWatch Logs, which the stack only adds to the trail it creates; the rule alone rests on
 * failed KMS calls reaching EventBridge, which no AWS page states. Said once, with what proves it.
 */
export function pendingDeletionWarnings(
    config: { pendingDeletionUseAlerts: boolean; auditTrail: { create: boolean } },
    ctx: ParseContext,
): string[] {
    if (!config.pendingDeletionUseAlerts || config.auditTrail.create) {
        return [];
    }
    const rule = eventRuleName(stackNamePrefix(ctx), PENDING_DELETION_RULE_ROLE);
    return [
        `${ctx.project}:pendingDeletionUseAlerts is on and auditTrail.create is off: the documented ` +
            "alarm on use of a key pending deletion (the KMS Developer Guide's metric filter on a " +
            "trail's CloudWatch Logs) is only added with the stack's own trail, so the EventBridge " +
            `rule ${rule} is the only alert on such calls, and it depends on failed KMS calls ` +
            "reaching EventBridge, which no AWS page states: npm run verify -- --canary checks it " +
            "(docs/misuse.md).",
    ];
}
