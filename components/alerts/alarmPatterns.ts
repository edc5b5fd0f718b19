// The patterns on CloudWatch alarm state changes: whole alarms by name or name prefix, and the
// contributors of a multi-time-series alarm.
import { EventPattern, MAX_EVENT_PATTERN_LENGTH } from "./eventPatterns";

/** The events CloudWatch sends when an alarm, or one contributor of a multi-time-series alarm, changes state. */
export const ALARM_STATE_CHANGE = "CloudWatch Alarm State Change";
export const ALARM_CONTRIBUTOR_STATE_CHANGE = "CloudWatch Alarm Contributor State Change";

/** The alarm states a channel tells apart: PagerDuty triggers on ALARM and resolves on OK. */
export type AlarmState = "ALARM" | "OK";

/**
 * Which state changes of a whole alarm match: any (no `state`), into ALARM from any state (a new
 * alarm that starts out breaching fires), or into OK from ALARM only. A new alarm starts in
 * INSUFFICIENT_DATA and goes to OK at its first evaluation; that change is no resolve, and must
 * neither post "OK" to chat nor send PagerDuty a `resolve` for an incident that never was
 * (`detail.previousState.value`, CloudWatch User Guide, "Alarm events and EventBridge": a single
 * metric alarm's events carry `state` and `previousState`). EventBridge does not guarantee the
 * order of events, so a late ALARM after its OK can still leave an incident open (docs/channels.md).
 */
function wholeAlarmStates(state: AlarmState | undefined): EventPattern["detail"] {
    if (state === undefined) {
        return {};
    }
    return state === "OK"
        ? { state: { value: ["OK"] }, previousState: { value: ["ALARM"] } }
        : { state: { value: [state] } };
}

/** A CloudWatch alarm event of `detailType` for the alarms `alarmName` matches, in the states `states` picks. */
function alarmPattern(
    detailType: string,
    alarmName: readonly unknown[],
    regions: readonly string[] | undefined,
    states: EventPattern["detail"],
): EventPattern {
    return {
        source: ["aws.cloudwatch"],
        "detail-type": [detailType],
        ...(regions === undefined ? {} : { region: [...regions] }),
        detail: { alarmName: [...alarmName], ...states },
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
        alarmPattern(ALARM_STATE_CHANGE, names, regions, wholeAlarmStates(state));
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
    return alarmPattern(ALARM_STATE_CHANGE, byPrefix, regions, wholeAlarmStates(state));
}

/**
 * The per-contributor state changes of multi-time-series alarms (CloudWatch User Guide, "Alarm
 * events and EventBridge": `detail.alarmContributor.attributes` holds the GROUP BY dimensions, and
 * there is no `previousState`). The alarm-level changes of the same alarms are not matched, so a
 * person gets one alert per key (or store) and change, not a second one for the alarm as a whole.
 * Into OK needs no `previousState` (which a pattern could not ask for: a field the event lacks never
 * matches): "each time series (contributor) can only be in ALARM or OK state, never in
 * INSUFFICIENT_DATA state" (CloudWatch User Guide, "Acting on alarm changes").
 */
export function contributorStateChangePattern(
    alarmNames: readonly string[],
    regions?: readonly string[],
    state?: AlarmState,
): EventPattern {
    const states = state === undefined ? {} : { state: { value: [state] } };
    return alarmPattern(ALARM_CONTRIBUTOR_STATE_CHANGE, alarmNames, regions, states);
}
