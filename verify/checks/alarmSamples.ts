import * as samples from "../samples";
import { placed } from "../samples";
import type { PatternSamples, Place, Sample } from "./patternSamples";

/**
 * The samples of a pattern on CloudWatch alarm state changes, whole alarms or one contributor of
 * a multi-time-series alarm: every alarm and every region it names, into the state it names; and
 * what it must refuse: another alarm, another region, the other state, the alarm-level change for
 * a per-key rule.
 */

type AlarmState = "ALARM" | "OK";

/** An alarm name, or the start of the names of alarms known only at deploy time. */
type NameMatcher = string | { prefix: string };

export interface AlarmPattern {
    readonly region?: string[];
    readonly detail?: {
        readonly alarmName?: NameMatcher[];
        readonly state?: { readonly value?: string[] };
        /** Into OK only from ALARM: a new alarm's first evaluation is no resolve. */
        readonly previousState?: { readonly value?: string[] };
    };
}

/** An alarm named after a member account and region, as the deploy would name one under `prefix`. */
const nameUnder = (prefix: string, region: string) =>
    `${prefix}Example-Workload-444455556666-${region}`;

/** The regions a pattern's events may come from, and one it must refuse. */
function regionsOf(pattern: AlarmPattern, place: Place): { allowed: string[]; other?: string } {
    if (pattern.region === undefined) {
        return { allowed: [place.region] };
    }
    const other = ["us-west-2", "eu-north-1", "ap-south-1"].find(
        (region) => !pattern.region?.includes(region),
    );
    return { allowed: pattern.region, other };
}

/** How the samples of one pattern are made. */
interface Maker {
    readonly contributors: boolean;
    readonly place: Place;
    /** The phrase the samples' kinds start with. */
    readonly what: string;
}

function stateChange(maker: Maker, name: string, region: string, state: AlarmState) {
    return placed(
        maker.contributors
            ? samples.contributorStateChangeEvent(
                  name,
                  region,
                  "1234abcd-12ab-34cd-56ef-1234567890ab",
                  state,
              )
            : samples.alarmStateChangeEvent(name, region, undefined, state),
        maker.place.account,
        region,
    );
}

/** Another stack's alarm (or the alarm-level change), another region, and the other state. */
function rejected(
    maker: Maker,
    pattern: AlarmPattern,
    first: { name: string; region: string; state: AlarmState },
    other: string | undefined,
): Sample[] {
    const { name, region, state } = first;
    const states = pattern.detail?.state?.value;
    const otherState = (["ALARM", "OK"] as const).find((each) => !states?.includes(each));
    return [
        maker.contributors
            ? {
                  kind: `the alarm-level change of ${name}`,
                  event: placed(
                      samples.alarmStateChangeEvent(name, region, undefined, state),
                      maker.place.account,
                      region,
                  ),
              }
            : {
                  kind: "a change of another stack's alarm",
                  event: stateChange(maker, `another-stack-${name}`, region, state),
              },
        ...(other === undefined
            ? []
            : [
                  {
                      kind: `${maker.what} of ${name} in ${other}`,
                      event: stateChange(maker, name, other, state),
                  },
              ]),
        ...(otherState === undefined || states === undefined
            ? []
            : [
                  {
                      kind: `${maker.what} of ${name} into ${otherState}`,
                      event: stateChange(maker, name, region, otherState),
                  },
              ]),
        ...(pattern.detail?.previousState === undefined || maker.contributors
            ? []
            : [
                  {
                      kind: `a new alarm's first evaluation: ${name} from INSUFFICIENT_DATA into ${state}`,
                      event: placed(
                          samples.alarmStateChangeEvent(
                              name,
                              region,
                              undefined,
                              state,
                              "INSUFFICIENT_DATA",
                          ),
                          maker.place.account,
                          region,
                      ),
                  },
              ]),
    ];
}

export function alarmSamples(
    pattern: AlarmPattern,
    place: Place,
    contributors: boolean,
): PatternSamples {
    const maker: Maker = {
        contributors,
        place,
        what: contributors ? "a key's change" : "a change",
    };
    const matchers = pattern.detail?.alarmName ?? [];
    const states = (pattern.detail?.state?.value ?? ["ALARM"]) as AlarmState[];
    const { allowed, other } = regionsOf(pattern, place);
    const nameOf = (matcher: NameMatcher, region: string) =>
        typeof matcher === "string" ? matcher : nameUnder(matcher.prefix, region);
    // Every alarm once, every region once and every state once, without multiplying them.
    const count = Math.max(matchers.length, allowed.length, states.length);
    const accept: Sample[] = Array.from({ length: matchers.length === 0 ? 0 : count }, (_, i) => {
        const region = allowed[i % allowed.length];
        const name = nameOf(matchers[i % matchers.length], region);
        const state = states[i % states.length];
        return {
            kind: `${maker.what} of ${name} into ${state} in ${region}`,
            event: stateChange(maker, name, region, state),
        };
    });
    const first = {
        name: nameOf(matchers[0] ?? "alarm", allowed[0]),
        region: allowed[0],
        state: states[0],
    };
    return { accept, reject: rejected(maker, pattern, first, other) };
}
