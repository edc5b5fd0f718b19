import { strict as assert } from "assert";
import { planChannelRules } from "../../components/channels";
import * as samples from "../../verify/samples";
import * as misuse from "../../verify/misuseSamples";
import { INPUTS, pagerDutyBody } from "./channelFixtures";

describe("PagerDuty and the misuse alerts", () => {
    const rules = planChannelRules(INPUTS);

    it("page a call on a key pending deletion as critical, an incident of its own that names the key, call and caller", () => {
        const body = pagerDutyBody(rules, misuse.pendingDeletionDecryptEvent);
        assert.equal(body.payload.severity, "critical");
        assert.equal(body.dedup_key, `${misuse.pendingDeletionDecryptEvent.id}/pending-deletion`);
        assert.equal(
            body.payload.summary,
            `KMS key pending deletion still in use: ${samples.KEY_ARN} is pending deletion. ` +
                `Decrypt by IAMUser 111122223333 ${misuse.ALICE_ARN} `,
        );
        assert.equal(
            body.payload.custom_details.error,
            `KMSInvalidStateException: ${samples.KEY_ARN} is pending deletion.`,
        );
        assert.equal(
            body.payload.custom_details.caller,
            `IAMUser 111122223333 ${misuse.ALICE_ARN} `,
        );
        assert.match(body.payload.custom_details.whatToDo, /cancel-key-deletion.*enable-key/);
    });

    it("page a rotation as info with its rotation type, and say who can tell an on-demand one", () => {
        const body = pagerDutyBody(rules, misuse.rotationEvent("ON_DEMAND"));
        assert.equal(body.payload.severity, "info");
        assert.match(body.payload.summary, /^KMS CMK Rotation \(ON_DEMAND\): arn:aws:kms:/);
        assert.equal(body.payload.custom_details.rotationType, "ON_DEMAND");
        assert.match(body.payload.custom_details.onDemand, /RotateKeyOnDemand/);
    });
});
