import { strict as assert } from "assert";
import { DEFAULT_API_CALL_ALERTS } from "../../components/alerts";
import {
    apiCallEventPattern,
    apiCallRuleState,
    keyLifecycleEventPattern,
} from "../../components/alerts/eventPatterns";
import { matchesPattern } from "../support/eventMatcher";
import * as samples from "../../verify/samples";

function defaultPattern(name: string) {
    const alert = DEFAULT_API_CALL_ALERTS.find((candidate) => candidate.name === name);
    assert.ok(alert, `default rule ${name} exists`);
    return apiCallEventPattern(alert.eventNames, alert.keyArns);
}

describe("the test EventBridge matcher", () => {
    it("matches an exact value and rejects another", () => {
        assert.equal(matchesPattern({ source: ["aws.kms"] }, { source: "aws.kms" }), true);
        assert.equal(matchesPattern({ source: ["aws.kms"] }, { source: "aws.s3" }), false);
    });

    it("never matches a field missing from the event", () => {
        assert.equal(matchesPattern({ detail: { eventName: ["Decrypt"] } }, { detail: {} }), false);
        assert.equal(matchesPattern({ source: ["aws.kms"] }, {}), false);
    });

    it("requires every field of the pattern", () => {
        const pattern = { source: ["aws.kms"], "detail-type": ["KMS CMK Rotation"] };
        assert.equal(
            matchesPattern(pattern, { source: "aws.kms", "detail-type": "KMS CMK Rotation" }),
            true,
        );
        assert.equal(
            matchesPattern(pattern, { source: "aws.kms", "detail-type": "KMS CMK Deletion" }),
            false,
        );
    });

    it("matches an array value when it intersects the pattern list", () => {
        assert.equal(matchesPattern({ tags: ["b", "z"] }, { tags: ["a", "b"] }), true);
        assert.equal(matchesPattern({ tags: ["z"] }, { tags: ["a", "b"] }), false);
    });

    it("matches a nested pattern against any object of an array", () => {
        const pattern = { detail: { resources: { ARN: ["arn:x"] } } };
        assert.equal(
            matchesPattern(pattern, {
                detail: { resources: [{ ARN: "arn:y" }, { ARN: "arn:x" }] },
            }),
            true,
        );
        assert.equal(matchesPattern(pattern, { detail: { resources: [{ ARN: "arn:y" }] } }), false);
    });

    it("compares values strictly", () => {
        assert.equal(matchesPattern({ n: ["1"] }, { n: 1 }), false);
    });
});

describe("API-call event patterns against AWS sample events", () => {
    const dataKey = () => defaultPattern("data-key-generation");
    const management = () => defaultPattern("key-management");

    it("has the CloudTrail envelope fields", () => {
        assert.deepEqual(apiCallEventPattern(["DisableKey"]), {
            source: ["aws.kms"],
            "detail-type": ["AWS API Call via CloudTrail"],
            detail: { eventSource: ["kms.amazonaws.com"], eventName: ["DisableKey"] },
        });
    });

    it("matches a CloudTrail GenerateDataKey record with the data-key rule", () => {
        assert.equal(matchesPattern(dataKey(), samples.generateDataKeyEvent), true);
        assert.equal(matchesPattern(management(), samples.generateDataKeyEvent), false);
    });

    it("matches DisableKey and ScheduleKeyDeletion with the key-management rule", () => {
        assert.equal(matchesPattern(management(), samples.disableKeyEvent), true);
        assert.equal(matchesPattern(management(), samples.scheduleKeyDeletionEvent), true);
        assert.equal(matchesPattern(dataKey(), samples.disableKeyEvent), false);
    });

    it("matches Decrypt with neither default rule", () => {
        assert.equal(matchesPattern(dataKey(), samples.decryptEvent), false);
        assert.equal(matchesPattern(management(), samples.decryptEvent), false);
    });

    it("never matches another service's API calls", () => {
        assert.equal(
            matchesPattern(apiCallEventPattern(["GenerateDataKey"]), samples.s3ApiCallEvent),
            false,
        );
    });

    it("restricts a rule to its keyArns", () => {
        const pattern = apiCallEventPattern(["Decrypt"], [samples.KEY_ARN]);
        assert.equal(matchesPattern(pattern, samples.decryptEvent), true);
        assert.equal(matchesPattern(pattern, samples.decryptOtherKeyEvent), false);
    });

    it("leaves keyArns out of the pattern when none are given", () => {
        assert.equal("resources" in (apiCallEventPattern(["Decrypt"]).detail ?? {}), false);
    });
});

describe("the key lifecycle event pattern", () => {
    const pattern = () => keyLifecycleEventPattern();

    it("matches the expiration, rotation and deletion events", () => {
        for (const event of [
            samples.keyMaterialExpirationEvent,
            samples.keyRotationEvent,
            samples.keyDeletionEvent,
        ]) {
            assert.equal(matchesPattern(pattern(), event), true, event["detail-type"]);
        }
    });

    it("does not match CloudTrail API calls", () => {
        assert.equal(matchesPattern(pattern(), samples.disableKeyEvent), false);
    });
});

describe("rule state", () => {
    it("opts in to read-only management events when any watched call is read-only", () => {
        assert.equal(
            apiCallRuleState(["GenerateDataKey"]),
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
        assert.equal(
            apiCallRuleState(["DisableKey", "Decrypt"]),
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
    });

    it("stays ENABLED for write calls only", () => {
        assert.equal(
            apiCallRuleState(["DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy"]),
            "ENABLED",
        );
    });

    it("agrees with the readOnly flag CloudTrail puts on the sample records", () => {
        for (const event of [
            samples.generateDataKeyEvent,
            samples.decryptEvent,
            samples.disableKeyEvent,
            samples.scheduleKeyDeletionEvent,
        ]) {
            const expected = event.detail.readOnly
                ? "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
                : "ENABLED";
            assert.equal(
                apiCallRuleState([event.detail.eventName]),
                expected,
                event.detail.eventName,
            );
        }
    });
});
