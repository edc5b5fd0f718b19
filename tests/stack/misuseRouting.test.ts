import { strict as assert } from "assert";
import { Recorder, RecordedResource, restoreWarnings } from "../harness";
import { matchesPattern } from "../support/eventMatcher";
import { renderJsonTransformer, renderTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";
import * as misuse from "../../verify/misuseSamples";
import { busOf, everythingStack, fromMember, ORG_BUS, targetsOf, topicArn } from "./fixtures";

afterEach(restoreWarnings);

/** The home rules of `bus` whose name holds `role` that match the event. */
function rulesFor(
    recorder: Recorder,
    bus: string,
    role: string,
    event: object,
): RecordedResource[] {
    return recorder
        .byType("aws:cloudwatch/eventRule:EventRule")
        .filter((rule) => rule.inputs.region === undefined && busOf(rule) === bus)
        .filter((rule) => rule.inputs.name.includes(role))
        .filter((rule) => matchesPattern(JSON.parse(rule.inputs.eventPattern ?? "{}"), event));
}

/** What each destination of those rules receives, by its ARN. */
function received(recorder: Recorder, rules: readonly RecordedResource[], event: object) {
    return rules.flatMap((rule) =>
        targetsOf(recorder, rule).map((target) => {
            const transformer = target.inputs.inputTransformer;
            const text =
                transformer === undefined
                    ? JSON.stringify(event)
                    : typeof JSON.parse(transformer.inputTemplate) === "string"
                      ? renderTransformer(transformer, event, rule.inputs.name)
                      : renderJsonTransformer(transformer, event, rule.inputs.name);
            return { arn: target.inputs.arn as string, text };
        }),
    );
}

describe("misuse alerts reach every channel", function () {
    this.timeout(60_000);
    let recorder: Recorder;
    let channels: Record<string, string>;
    before(async () => {
        ({ recorder } = await everythingStack());
        channels = {
            email: topicArn(recorder, "-alerts-topic"),
            chat: topicArn(recorder, "-chat-topic-topic"),
            webhooks: topicArn(recorder, "-webhooks-topic-topic"),
            pagerDuty: recorder.one("aws:cloudwatch/eventApiDestination:EventApiDestination").state
                .arn,
        };
    });

    it("delivers a Decrypt on a key pending deletion, at home, from another region and from a member, once to each channel, naming key, operation and caller", () => {
        for (const [where, bus, event] of [
            ["at home", "default", misuse.pendingDeletionDecryptEvent],
            [
                "in eu-west-1",
                "default",
                samples.recordedIn(misuse.pendingDeletionDecryptEvent, "eu-west-1"),
            ],
            ["in a member account", ORG_BUS, fromMember(misuse.pendingDeletionDecryptEvent)],
        ] as const) {
            const message = (event.detail as { errorMessage?: string }).errorMessage ?? "";
            const delivered = received(
                recorder,
                rulesFor(recorder, bus, "pending-deletion-use", event),
                event,
            );
            for (const [channel, arn] of Object.entries(channels)) {
                const texts = delivered.filter((each) => each.arn === arn).map((each) => each.text);
                assert.equal(texts.length, 1, `${where}: once to ${channel}`);
                assert.ok(
                    message !== "" && texts[0].includes(message),
                    `${where}: ${channel} names the key`,
                );
                assert.ok(texts[0].includes("Decrypt"), `${where}: ${channel} names the operation`);
                if (channel !== "webhooks") {
                    assert.ok(
                        texts[0].includes(event.detail.userIdentity.arn),
                        `${where}: ${channel} names the caller`,
                    );
                }
            }
            const email = delivered.find((each) => each.arn === channels.email)?.text ?? "";
            assert.ok(
                email.startsWith(
                    `KMS key pending deletion is still in use: ${message} Decrypt by `,
                ),
            );
            assert.match(email, /aws kms cancel-key-deletion .*\n +aws kms enable-key/);
            assert.match(email, new RegExp(`Account: +${event.account}`));
            const page = JSON.parse(
                delivered.find((each) => each.arn === channels.pagerDuty)?.text ?? "{}",
            );
            assert.equal(page.payload.severity, "critical");
        }
    });

    it("matches no successful Decrypt with a pending-deletion rule, on either bus", () => {
        for (const [bus, event] of [
            ["default", samples.decryptEvent],
            [ORG_BUS, fromMember(samples.decryptEvent)],
        ] as const) {
            assert.deepEqual(rulesFor(recorder, bus, "pending-deletion", event), []);
        }
    });

    it("delivers an on-demand rotation to every channel, with its rotation type, and no expiration or deletion text", () => {
        const event = misuse.rotationEvent("ON_DEMAND");
        assert.deepEqual(rulesFor(recorder, "default", "key-lifecycle", event), []);
        const delivered = received(
            recorder,
            rulesFor(recorder, "default", "key-rotation", event),
            event,
        );
        for (const [channel, arn] of Object.entries(channels)) {
            const texts = delivered.filter((each) => each.arn === arn).map((each) => each.text);
            assert.equal(texts.length, 1, channel);
            assert.ok(texts[0].includes("ON_DEMAND"), channel);
        }
        const email = delivered.find((each) => each.arn === channels.email)?.text ?? "";
        assert.match(email, /^KMS CMK Rotation \(ON_DEMAND\): KMS key 1234abcd-/);
        assert.match(email, /AttributeValue=RotateKeyOnDemand/);
        assert.doesNotMatch(email, /Expiration|PendingImport/);
    });
});
