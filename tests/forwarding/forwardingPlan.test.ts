import { strict as assert } from "assert";
import {
    alarmStateChangePatterns,
    forwardedApiCallPatterns,
    keyLifecycleEventPattern,
    MAX_EVENT_PATTERN_LENGTH,
} from "../../components/alerts";
import { apiCallsInRegion, forwardingPlan } from "../../components/forwarding";
import { matchesPattern } from "../support/eventMatcher";
import * as samples from "../../verify/samples";

const SELECTION = {
    apiCalls: [],
    eventAlerts: [],
    alarmNames: [],
    deadLetterQueue: true,
    selfMonitoring: true,
};

describe("forwarded API calls", () => {
    it("joins alerts on any key into one list of operations", () => {
        const [pattern, ...more] = forwardedApiCallPatterns([
            { eventNames: ["GenerateDataKey"] },
            { eventNames: ["DisableKey", "GenerateDataKey"] },
        ]);
        assert.deepEqual(more, []);
        assert.deepEqual(pattern.detail, {
            eventSource: ["kms.amazonaws.com"],
            eventName: ["GenerateDataKey", "DisableKey"],
        });
    });

    it("keeps an alert on some keys to those keys, and forwards an event several alerts match once", () => {
        const [pattern] = forwardedApiCallPatterns([
            { eventNames: ["DisableKey"] },
            { eventNames: ["Decrypt", "DisableKey"], keyArns: [samples.KEY_ARN] },
        ]);
        assert.deepEqual(pattern.detail, {
            eventSource: ["kms.amazonaws.com"],
            $or: [
                { eventName: ["DisableKey"] },
                { eventName: ["Decrypt"], resources: { ARN: [samples.KEY_ARN] } },
            ],
        });
        assert.ok(matchesPattern(pattern, samples.decryptEvent));
        assert.ok(
            !matchesPattern(pattern, samples.decryptOtherKeyEvent),
            "Decrypt on another key stays home",
        );
        assert.ok(matchesPattern(pattern, samples.disableKeyEvent));
        assert.ok(!matchesPattern(pattern, samples.generateDataKeyEvent));
        assert.ok(!matchesPattern(pattern, samples.s3ApiCallEvent));
    });

    it("gives an operation the keys of every alert that names it, in one branch", () => {
        const other = samples.OTHER_KEY_ARN;
        const [pattern] = forwardedApiCallPatterns([
            { eventNames: ["Decrypt", "Encrypt"], keyArns: [samples.KEY_ARN] },
            { eventNames: ["Decrypt"], keyArns: [other] },
        ]);
        assert.deepEqual(pattern.detail, {
            eventSource: ["kms.amazonaws.com"],
            $or: [
                { eventName: ["Decrypt"], resources: { ARN: [other, samples.KEY_ARN].sort() } },
                { eventName: ["Encrypt"], resources: { ARN: [samples.KEY_ARN] } },
            ],
        });
        assert.ok(matchesPattern(pattern, samples.decryptOtherKeyEvent));
    });

    it("splits alerts on many keys over patterns that each fit, forwarding every call exactly once", () => {
        const keys = (prefix: string) =>
            Array.from(
                { length: 30 },
                (_, index) =>
                    `arn:aws:kms:us-east-1:111122223333:key/${prefix}${String(index).padStart(4, "0")}-12ab-34cd-56ef-1234567890ab`,
            );
        const alerts = [
            { eventNames: ["DisableKey"] },
            { eventNames: ["Decrypt"], keyArns: keys("aaaa") },
            { eventNames: ["Encrypt", "Decrypt"], keyArns: keys("bbbb") },
        ];
        const patterns = forwardedApiCallPatterns(alerts);
        assert.ok(patterns.length > 1);
        for (const pattern of patterns) {
            assert.ok(JSON.stringify(pattern).length <= MAX_EVENT_PATTERN_LENGTH);
        }
        const call = (eventName: string, keyArn: string) => ({
            ...samples.decryptEvent,
            detail: {
                ...samples.decryptEvent.detail,
                eventName,
                resources: [{ accountId: "111122223333", type: "AWS::KMS::Key", ARN: keyArn }],
            },
        });
        for (const [eventName, keyArn, expected] of [
            ["Decrypt", keys("aaaa")[29], 1],
            ["Decrypt", keys("bbbb")[0], 1],
            ["Encrypt", keys("bbbb")[17], 1],
            ["Encrypt", keys("aaaa")[3], 0],
            ["DisableKey", keys("aaaa")[3], 1],
            ["Decrypt", samples.OTHER_KEY_ARN, 0],
        ] as const) {
            assert.equal(
                patterns.filter((pattern) => matchesPattern(pattern, call(eventName, keyArn)))
                    .length,
                expected,
                `${eventName} on ${keyArn}`,
            );
        }
    });

    it("forwards from a region only the calls on keys that live there", () => {
        const alerts = [
            { eventNames: ["DisableKey"] },
            {
                eventNames: ["Decrypt"],
                keyArns: [
                    samples.KEY_ARN,
                    "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab",
                ],
            },
        ];
        assert.deepEqual(apiCallsInRegion(alerts, "eu-west-1"), [
            alerts[0],
            {
                eventNames: ["Decrypt"],
                keyArns: [
                    "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab",
                ],
            },
        ]);
        assert.deepEqual(apiCallsInRegion(alerts, "ap-south-1"), [alerts[0]]);
    });
});

describe("forwarded alarm state changes", () => {
    it("splits a long list of names over patterns that each fit, naming every alarm exactly once", () => {
        const names = Array.from(
            { length: 120 },
            (_, index) =>
                `kms-monitoring-prod-key-material-expiry-arn-aws-kms-eu-west-1-111122223333-key-${index}`,
        );
        const patterns = alarmStateChangePatterns(names);
        assert.ok(patterns.length > 1);
        for (const pattern of patterns) {
            assert.ok(JSON.stringify(pattern).length <= MAX_EVENT_PATTERN_LENGTH);
        }
        assert.deepEqual(
            patterns.flatMap((pattern) => pattern.detail?.alarmName as string[]),
            names,
        );
        const event = samples.alarmStateChangeEvent(names[77], "eu-west-1");
        assert.equal(patterns.filter((pattern) => matchesPattern(pattern, event)).length, 1);
    });

    it("matches only the regions it is given", () => {
        const [pattern] = alarmStateChangePatterns(["a"], ["eu-west-1"]);
        assert.ok(matchesPattern(pattern, samples.alarmStateChangeEvent("a", "eu-west-1")));
        assert.ok(!matchesPattern(pattern, samples.alarmStateChangeEvent("a", "us-east-1")));
    });
});

describe("forwarding plan of one region", () => {
    it("has a heartbeat, and alarm forwarders that also forward their own failed-invocation alarms", () => {
        const plan = forwardingPlan("kms-monitoring-dev", {
            ...SELECTION,
            apiCalls: [{ eventNames: ["GenerateDataKey"] }],
            eventAlerts: [keyLifecycleEventPattern()],
            alarmNames: ["kms-monitoring-dev-key-material-expiry-x"],
        });
        assert.deepEqual(
            plan.rules.map((rule) => [rule.ruleName, rule.state]),
            [
                [
                    "kms-monitoring-dev-forward-api-calls",
                    "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
                ],
                ["kms-monitoring-dev-forward-key-lifecycle", "ENABLED"],
                ["kms-monitoring-dev-heartbeat", "ENABLED"],
                ["kms-monitoring-dev-forward-alarms", "ENABLED"],
            ],
        );
        assert.equal(plan.rules[2].scheduleExpression, "rate(5 minutes)");
        assert.deepEqual(plan.ownAlarmNames, [
            "kms-monitoring-dev-forward-api-calls-failed-invocations",
            "kms-monitoring-dev-forward-key-lifecycle-failed-invocations",
            "kms-monitoring-dev-heartbeat-failed-invocations",
            "kms-monitoring-dev-forward-alarms-failed-invocations",
            "kms-monitoring-dev-dead-letters",
        ]);
        const alarmRule = plan.rules[3];
        for (const name of plan.alarmNames) {
            assert.ok(
                matchesPattern(
                    alarmRule.eventPattern ?? {},
                    samples.alarmStateChangeEvent(name, "eu-west-1"),
                ),
                name,
            );
        }
    });

    it("forwards with the plain ENABLED state when every forwarded call is a write", () => {
        const plan = forwardingPlan("p", {
            ...SELECTION,
            apiCalls: [{ eventNames: ["DisableKey"] }],
        });
        assert.equal(plan.rules[0].state, "ENABLED");
    });

    it("adds as many alarm forwarders as the names need, each with its own failed-invocation alarm", () => {
        const alarmNames = Array.from(
            { length: 80 },
            (_, index) =>
                `kms-monitoring-dev-key-material-expiry-arn-aws-kms-eu-west-1-111122223333-key-${index}`,
        );
        const plan = forwardingPlan("kms-monitoring-dev", { ...SELECTION, alarmNames });
        const alarmRules = plan.rules.filter((rule) => rule.role.startsWith("forward-alarms"));
        assert.ok(alarmRules.length > 1);
        for (const rule of alarmRules) {
            assert.ok(plan.ownAlarmNames.includes(`${rule.ruleName}-failed-invocations`));
        }
        const forwarded = alarmRules.flatMap(
            (rule) => rule.eventPattern?.detail?.alarmName as string[],
        );
        assert.deepEqual([...forwarded].sort(), [...plan.alarmNames].sort());
    });

    it("has no forwarder alarms without self-monitoring, and no queue alarm without a queue", () => {
        assert.deepEqual(
            forwardingPlan("p", { ...SELECTION, selfMonitoring: false }).ownAlarmNames,
            [],
        );
        assert.ok(
            !forwardingPlan("p", { ...SELECTION, deadLetterQueue: false }).ownAlarmNames.includes(
                "p-dead-letters",
            ),
        );
    });
});
