// The patterns on CloudWatch alarm state changes: whole alarms by name or name prefix, and the
// contributors of a multi-time-series alarm.
import { EventPattern, MAX_EVENT_PATTERN_LENGTH } from "./eventPatterns";

/** The events CloudWatch sends when an alarm, or one contributor of a multi-time-series alarm, changes state. */
export const ALARM_STATE_CHANGE = "CloudWatch Alarm State Change";
export const ALARM_CONTRIBUTOR_STATE_CHANGE = "CloudWatch Alarm Contributor State Change";

/** The alarm states a channel tells apart: PagerDuty triggers on ALARM and resolves on OK. */
export type AlarmState = "ALARM" | "OK";

/** A CloudWatch alarm event of `detailType` for the alarms `alarmName` matches. */
function alarmPattern(
    detailType: string,
    alarmName: readonly unknown[],
    regions?: readonly string[],
    state?: AlarmState,
): EventPattern {
    return {
        source: ["aws.cloudwatch"],
        "detail-type": [detailType],
        ...(regions === undefined ? {} : { region: [...regions] }),
        detail: {
            alarmName: [...alarmName],
            ...(state === undefined ? {} : { state: { value: [state] } }),
        },
    };
}

/**
 * Matches state changes of the named alarms, and only those: other stacks' alarms in the same
 * account and region must not reach this stack's topic. The names are split over as many
 * patterns as keep each within MAX_EVENT_PATTERN_LENGTH; an alarm is in exactly one, so no event
 * is delivered twice. With `regions`, only events from those regions match; with `state`, only
 * changes into that state.
 */
export function alarmStateChangePatterns(
    alarmNames: readonly string[],
    regions?: readonly string[],
    state?: AlarmState,
): EventPattern[] {
    const build = (names: readonly string[]) =>
        alarmPattern(ALARM_STATE_CHANGE, names, regions, state);
    const patterns: EventPattern[] = [];
    let chunk: string[] = [];
    for (const name of alarmNames) {
        if (
            chunk.length > 0 &&
            JSON.stringify(build([...chunk, name])).length > MAX_EVENT_PATTERN_LENGTH
        ) {
            patterns.push(build(chunk));
            chunk = [];
        }
        chunk.push(name);
    }
    if (chunk.length > 0) {
        patterns.push(build(chunk));
    }
    return patterns;
}

/**
 * The state changes of every alarm whose name starts with one of `prefixes`: for alarms whose
 * names are known only at deploy time (one per member account). EventBridge matches a value
 * that begins with a string with `{ "prefix": ... }` (User Guide, "Comparison operators for use
 * in event patterns": "Begins with").
 */
export function alarmNamePrefixPattern(
    prefixes: readonly string[],
    regions?: readonly string[],
    state?: AlarmState,
): EventPattern {
    const byPrefix = prefixes.map((prefix) => ({ prefix }));
    return alarmPattern(ALARM_STATE_CHANGE, byPrefix, regions, state);
}

/**
 * The per-key state changes of a multi-time-series alarm (CloudWatch User Guide, "Alarm events and
 * EventBridge": `detail.alarmContributor.attributes` holds the GROUP BY dimensions, and there is
 * no `previousState`). The alarm-level changes of the same alarm are not matched, so a person gets
 * one alert per key and change, not a second one for the alarm as a whole.
 */
export function contributorStateChangePattern(
    alarmName: string,
    regions?: readonly string[],
    state?: AlarmState,
): EventPattern {
    return alarmPattern(ALARM_CONTRIBUTOR_STATE_CHANGE, [alarmName], regions, state);
}
