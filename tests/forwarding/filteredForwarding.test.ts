import { strict as assert } from "assert";
import {
    ApiCallSelection,
    apiCallEventPattern,
    fitsOnePattern,
    forwardedApiCallPatterns,
    PENDING_DELETION_CONDITION,
    pendingDeletionUsePattern,
} from "../../components/alerts";
import { forwardingPlan } from "../../components/forwarding";
import { matchesPattern } from "../support/eventMatcher";
import * as samples from "../../verify/samples";
import * as misuse from "../../verify/misuseSamples";

const ROLE = "arn:aws:iam::111122223333:role/payments-app";
const key = (index: number) =>
    `arn:aws:kms:us-east-1:111122223333:key/${String(index).padStart(8, "0")}-12ab-34cd-56ef-1234567890ab`;

/** Calls of several operations, on several keys, by several callers, succeeding and failing. */
function calls(keys: readonly string[]): object[] {
    const operations = ["Decrypt", "Encrypt", "DisableKey", "ListAliases"];
    return operations.flatMap((operation) =>
        [...keys, samples.OTHER_KEY_ARN].flatMap((keyArn) => {
            const call = samples.cloudTrailEvent(operation, false, {}, keyArn);
            return [
                call,
                misuse.onKeyPendingDeletion(call),
                misuse.denied(call),
                misuse.calledBy(call, misuse.roleSession(ROLE)),
                misuse.calledBy(misuse.denied(call), misuse.roleSession(ROLE)),
                misuse.calledBy(call, misuse.AWS_SERVICE),
            ];
        }),
    );
}

/**
 * Every call the home rules (the alerts' own patterns, and the pending-deletion rule) match is
 * forwarded by exactly one pattern. No other call is forwarded, or, with `failedSuperset`, only
 * failed calls, once (supersetOf).
 */
function assertForwardedOnce(
    alerts: readonly ApiCallSelection[],
    events: readonly object[],
    failedSuperset = false,
) {
    const patterns = forwardedApiCallPatterns(alerts, [{ ...PENDING_DELETION_CONDITION }]);
    const home = [
        ...alerts.map((alert) => apiCallEventPattern(alert.eventNames, alert.keyArns, alert)),
        pendingDeletionUsePattern(),
    ];
    for (const pattern of patterns) {
        assert.ok(fitsOnePattern(pattern));
    }
    for (const event of events) {
        const wanted = home.some((pattern) => matchesPattern(pattern, event));
        const forwarded = patterns.filter((pattern) => matchesPattern(pattern, event)).length;
        const failed = (event as { detail: { errorCode?: string } }).detail.errorCode !== undefined;
        const allowed = wanted ? [1] : failedSuperset && failed ? [0, 1] : [0];
        assert.ok(allowed.includes(forwarded), JSON.stringify(event).slice(0, 300));
    }
    return patterns;
}

describe("forwarding filtered alerts and calls on keys pending deletion", () => {
    it("forwards each call an alert or the pending-deletion rule wants exactly once, and nothing else", () => {
        const patterns = assertForwardedOnce(
            [
                { eventNames: ["DisableKey"] },
                { eventNames: ["Decrypt"], keyArns: [key(1)], exceptCallers: [ROLE] },
                {
                    eventNames: ["Decrypt", "Encrypt"],
                    keyArns: [key(1)],
                    errorCodes: ["AccessDenied*"],
                },
                { eventNames: ["Encrypt"], keyArns: [key(2)] },
            ],
            calls([key(1), key(2)]),
        );
        assert.equal(patterns.length, 1, "they fit one pattern");
    });

    it("forwards every other operation's calls on a key pending deletion, and only those, without alerts", () => {
        const [pattern, ...more] = forwardedApiCallPatterns(
            [],
            [{ ...PENDING_DELETION_CONDITION }],
        );
        assert.deepEqual(more, []);
        assert.deepEqual(pattern, pendingDeletionUsePattern());
        assertForwardedOnce([], calls([key(1)]));
    });

    it("keeps alerts on many keys apart by key, and forwards every call once, failed ones as a superset", () => {
        const keys = Array.from({ length: 40 }, (_, index) => key(index));
        const patterns = assertForwardedOnce(
            [
                { eventNames: ["Decrypt", "DisableKey"], keyArns: keys },
                { eventNames: ["Encrypt"], keyArns: keys.slice(0, 3), exceptCallers: [ROLE] },
            ],
            calls([keys[0], keys[20], keys[39]]),
            true,
        );
        assert.ok(patterns.length > 1, "too many keys for one pattern");
    });

    it("forwards an operation whose conditions cannot share a pattern as a superset: failed calls on any key, successful ones on the keys", () => {
        const keys = Array.from({ length: 30 }, (_, index) => key(index));
        const alerts: ApiCallSelection[] = [
            { eventNames: ["Decrypt"], keyArns: keys },
            { eventNames: ["Decrypt"], errorCodes: ["AccessDenied*"], exceptCallers: [ROLE] },
        ];
        const patterns = forwardedApiCallPatterns(alerts, [{ ...PENDING_DELETION_CONDITION }]);
        const forwarding = (event: object) =>
            patterns.filter((pattern) => matchesPattern(pattern, event)).length;
        // A superset the home rules narrow, each call once: every failed Decrypt, every
        // successful one on the keys; of the other operations, the calls on keys pending deletion.
        type Call = {
            detail: { eventName: string; errorCode?: string; resources: { ARN: string }[] };
        };
        for (const event of calls([keys[0], keys[29]]) as Call[]) {
            const { eventName, errorCode, resources } = event.detail;
            const wanted =
                eventName === "Decrypt"
                    ? errorCode !== undefined || keys.includes(resources[0].ARN)
                    : matchesPattern(pendingDeletionUsePattern(), event);
            assert.equal(forwarding(event), wanted ? 1 : 0, JSON.stringify(event).slice(0, 200));
        }
        assert.ok(patterns.every(fitsOnePattern));
    });

    it("forwards a ReEncrypt between keys of different pieces once: an operation that names two keys is never cut by key", () => {
        const keys = Array.from({ length: 40 }, (_, index) => key(index));
        const crossing = misuse.reEncryptEvent(keys[0], keys[39]);
        for (const alerts of [
            // Keys only: the other operations are cut by key, ReEncrypt is not.
            [{ eventNames: ["Decrypt", "ReEncrypt"], keyArns: keys }],
            // Conditions that need a superset: the successful calls are not cut by key either.
            [
                { eventNames: ["ReEncrypt"], keyArns: keys },
                { eventNames: ["ReEncrypt"], errorCodes: ["AccessDenied*"], exceptCallers: [ROLE] },
            ],
        ] as ApiCallSelection[][]) {
            const patterns = forwardedApiCallPatterns(alerts, [{ ...PENDING_DELETION_CONDITION }]);
            assert.ok(patterns.every(fitsOnePattern));
            for (const event of [
                crossing,
                misuse.reEncryptEvent(keys[39], keys[0]),
                misuse.denied(crossing),
                misuse.onKeyPendingDeletion(crossing),
                misuse.reEncryptEvent(keys[1], keys[2]),
            ]) {
                const forwarded = patterns.filter((pattern) => matchesPattern(pattern, event));
                assert.equal(forwarded.length, 1, JSON.stringify(event.detail.resources));
            }
        }
        // Decrypt, with one key a call, still goes by key: a call on no listed key stays home.
        const [decryptOnly] = forwardedApiCallPatterns([
            { eventNames: ["Decrypt", "ReEncrypt"], keyArns: keys },
        ]).filter((pattern) => JSON.stringify(pattern).includes('"Decrypt"'));
        assert.ok(JSON.stringify(decryptOnly).includes(keys[0]));
    });

    it("opts the forwarder in to read-only calls once it carries calls on keys pending deletion", () => {
        const plan = forwardingPlan("p", {
            apiCalls: [{ eventNames: ["DisableKey"] }],
            eventAlerts: [pendingDeletionUsePattern()],
            alarmNames: [],
            deadLetterQueue: true,
            selfMonitoring: true,
        });
        assert.deepEqual(
            plan.rules.map((rule) => [rule.role, rule.state]),
            [
                ["forward-api-calls", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"],
                ["heartbeat", "ENABLED"],
                ["forward-alarms", "ENABLED"],
            ],
        );
    });
});
