import {
    ALL_EVENT_ALERTS,
    apiCallEventPattern,
    MAX_EVENT_PATTERN_LENGTH,
    OwnTopicCalls,
    topicKeyAlias,
} from "../alerts";
import { EVENT_RULE_NAME_MAX, eventRuleName } from "../shared";
import { duplicates, listedTwice, longestOf } from "./inputValues";
import { stackNamePrefix } from "./primitives";
import { ParseContext, Problem } from "./types";

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
