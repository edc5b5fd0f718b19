import { strict as assert } from "assert";
import { Recorder, restoreWarnings } from "../harness";
import * as samples from "../../verify/samples";
import * as misuse from "../../verify/misuseSamples";
import {
    followHome,
    HOME,
    HOME_BUS,
    matching,
    multiRegionStack,
    REMOTE,
    rulesIn,
} from "./fixtures";

afterEach(restoreWarnings);

describe("events from another region reach the topic", () => {
    let recorder: Recorder;
    before(async () => {
        recorder = await multiRegionStack();
    });

    it("forwards a GenerateDataKey call, with the read-only opt-in on both rules, and names the region", () => {
        const event = samples.recordedIn(samples.generateDataKeyEvent, REMOTE);
        const [text] = followHome(recorder, event);
        assert.match(text, /^KMS GenerateDataKey on arn:aws:kms:eu-west-1:/);
        assert.match(text, /Region: +eu-west-1/);
        assert.equal(
            matching(rulesIn(recorder, REMOTE), event)[0].inputs.state,
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
        assert.equal(
            matching(rulesIn(recorder, HOME), event)[0].inputs.state,
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
    });

    it("forwards a DisableKey call and a ScheduleKeyDeletion call once each", () => {
        for (const sample of [samples.disableKeyEvent, samples.scheduleKeyDeletionEvent]) {
            const texts = followHome(recorder, samples.recordedIn(sample, "ap-southeast-2"));
            assert.equal(texts.length, 1);
            assert.match(texts[0], /Region: +ap-southeast-2/);
        }
    });

    it("forwards KMS's own lifecycle events", () => {
        for (const sample of [
            samples.keyMaterialExpirationEvent,
            samples.keyRotationEvent,
            samples.keyDeletionEvent,
        ]) {
            const [text] = followHome(recorder, samples.recordedIn(sample, REMOTE));
            assert.match(text, /Region: +eu-west-1/);
            assert.match(text, /arn:aws:kms:eu-west-1:111122223333:key\//);
        }
    });

    it("forwards a Decrypt refused for a key pending deletion once, read-only opt-in on both sides, and names key, call and caller", () => {
        const event = samples.recordedIn(misuse.pendingDeletionDecryptEvent, REMOTE);
        const texts = followHome(recorder, event);
        assert.equal(texts.length, 1, "only the pending-deletion rule: no alert watches Decrypt");
        assert.match(
            texts[0],
            /^KMS key pending deletion is still in use: arn:aws:kms:eu-west-1:111122223333:key\/1234abcd-\S+ is pending deletion\. Decrypt by IAMUser 111122223333 arn:aws:iam::111122223333:user\/Alice/,
        );
        assert.match(texts[0], /Region: +eu-west-1/);
        for (const region of [REMOTE, HOME]) {
            assert.equal(
                matching(rulesIn(recorder, region), event)[0].inputs.state,
                "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
            );
        }
        // The same Decrypt, successful: nothing forwards it, nothing at home alerts on it.
        const plain = samples.recordedIn(samples.decryptEvent, REMOTE);
        assert.deepEqual(matching(rulesIn(recorder, REMOTE), plain), []);
        assert.deepEqual(matching(rulesIn(recorder, HOME), plain), []);
    });

    it("targets the home bus directly from every remote rule: no chain through another region", () => {
        const remoteTargets = recorder
            .byType("aws:cloudwatch/eventTarget:EventTarget")
            .filter((target) => target.inputs.region !== undefined);
        assert.equal(remoteTargets.length, 10);
        for (const target of remoteTargets) {
            assert.equal(target.inputs.arn, HOME_BUS, target.name);
            assert.equal(
                target.inputs.retryPolicy,
                undefined,
                "left at EventBridge's default for bus targets",
            );
            assert.ok(
                target.inputs.deadLetterConfig.arn.startsWith(
                    `arn:aws:sqs:${target.inputs.region}:`,
                ),
                "each region's queue is in that region",
            );
        }
    });
});
