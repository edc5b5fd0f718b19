import { strict as assert } from "assert";
import {
    apiCallEventPattern,
    fitsOnePattern,
    forwardedApiCallPatterns,
    OwnTopicCalls,
} from "../../components/alerts";
import { matchesPattern } from "../support/eventMatcher";
import * as samples from "../../verify/samples";
import * as misuse from "../../verify/misuseSamples";

const OWN: OwnTopicCalls = { keyAlias: "alias/kms-monitoring-dev-alerts", region: "us-east-1" };
const TOPIC = "arn:aws:sns:us-east-1:111122223333:snsworkshop";

/** SNS's data-key call for the stack's topic, as CloudTrail would record it (misuseSamples.ts). */
const snsCall = (eventName = "GenerateDataKey", keyId = OWN.keyAlias) =>
    misuse.snsTopicKeyCall(eventName, keyId, TOPIC);
const withoutContext = () => {
    const call = snsCall();
    const { encryptionContext: _dropped, ...parameters } = call.detail.requestParameters;
    return { ...call, detail: { ...call.detail, requestParameters: parameters } };
};
const withoutKeyId = () => {
    const call = snsCall("Decrypt");
    const { keyId: _dropped, ...parameters } = call.detail.requestParameters;
    return { ...call, detail: { ...call.detail, requestParameters: parameters } };
};

/** Every call an alert must still get, and what it is. */
function othersCalls(): [string, object][] {
    return [
        ["the documented GenerateDataKey by a user", samples.generateDataKeyEvent],
        [
            "the same SNS call made by a user",
            misuse.calledBy(snsCall(), misuse.iamUser(misuse.ALICE_ARN)),
        ],
        [
            "the same call by a session of a role",
            misuse.calledBy(snsCall(), misuse.roleSession(misuse.ADMINS_ROLE_ARN)),
        ],
        [
            "SNS's call with another key",
            snsCall("GenerateDataKey", "alias/someone-elses-topic-key"),
        ],
        ["SNS's call with another key, by ARN", snsCall("GenerateDataKey", samples.OTHER_KEY_ARN)],
        ["another service's call with the stack's alias", withoutContext()],
        ["SNS's Decrypt that names no key", withoutKeyId()],
        ["the same call in another region", samples.recordedIn(snsCall(), "eu-west-1")],
        [
            "the canary: GenerateDataKey on the topic key by the caller",
            misuse.calledBy(
                samples.cloudTrailEvent("GenerateDataKey", true, {
                    keyId: samples.KEY_ARN,
                    keySpec: "AES_256",
                }),
                misuse.roleSession(misuse.ADMINS_ROLE_ARN),
            ),
        ],
    ];
}

describe("API-call alerts leave out the KMS calls SNS makes for the stack's own topics", () => {
    const home = apiCallEventPattern(["GenerateDataKey", "Decrypt"], [], {}, OWN);

    it("does not match SNS's GenerateDataKey or Decrypt for the stack's topic", () => {
        assert.equal(matchesPattern(home, snsCall()), false);
        assert.equal(matchesPattern(home, snsCall("Decrypt")), false);
    });

    it("matches every other call: anyone else's on the same key, and SNS's on any other key", () => {
        for (const [what, event] of othersCalls()) {
            assert.equal(matchesPattern(home, event), true, what);
        }
    });

    it("keeps every filter, and changes nothing without an encrypted topic or an operation SNS calls", () => {
        const ROLE = "arn:aws:iam::111122223333:role/payments-app";
        const filtered = apiCallEventPattern(["Decrypt"], [], { exceptCallers: [ROLE] }, OWN);
        assert.equal(matchesPattern(filtered, snsCall("Decrypt")), false);
        assert.equal(
            matchesPattern(filtered, misuse.calledBy(snsCall("Decrypt"), misuse.roleSession(ROLE))),
            false,
        );
        assert.equal(
            matchesPattern(
                filtered,
                misuse.calledBy(snsCall("Decrypt"), misuse.iamUser(misuse.ALICE_ARN)),
            ),
            true,
        );
        assert.deepEqual(
            apiCallEventPattern(["GenerateDataKey"]),
            apiCallEventPattern(["GenerateDataKey"], [], {}, undefined),
        );
        assert.deepEqual(
            apiCallEventPattern(["DisableKey"], [], {}, OWN),
            apiCallEventPattern(["DisableKey"]),
        );
    });

    it("does the same in patterns that join several alerts (PagerDuty's), and keeps them whole", () => {
        const alerts = [
            { eventNames: ["GenerateDataKey"] },
            { eventNames: ["DisableKey", "Decrypt"], keyArns: [samples.KEY_ARN] },
        ];
        const patterns = forwardedApiCallPatterns(alerts, [], OWN);
        assert.ok(patterns.every(fitsOnePattern));
        const matching = (event: object) =>
            patterns.filter((pattern) => matchesPattern(pattern, event)).length;
        assert.equal(matching(snsCall()), 0);
        assert.equal(matching(snsCall("Decrypt")), 0);
        assert.equal(matching(samples.disableKeyEvent), 1);
        for (const [what, event] of othersCalls()) {
            assert.equal(matching(event), 1, what);
        }
    });
});
