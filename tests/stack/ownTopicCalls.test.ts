import { strict as assert } from "assert";
import { planMonitoring } from "../../components/stack";
import { Recorder } from "../harness";
import * as samples from "../../verify/samples";
import * as misuse from "../../verify/misuseSamples";
import { destinations, EVERYTHING, everythingStack, fromMember, ORG_BUS, PREFIX } from "./fixtures";

const ALIAS = `alias/${PREFIX}-alerts`;

/** SNS's call with the stack's key for one of its topics, at home (misuseSamples.ts). */
function snsCall(recorder: Recorder, eventName: string, keyId = ALIAS) {
    const topic = recorder.byType("aws:sns/topic:Topic")[0].state.arn as string;
    return misuse.snsTopicKeyCall(eventName, keyId, topic);
}

describe("the stack's own topic deliveries alert nobody", () => {
    let recorder: Recorder;
    before(async () => {
        ({ recorder } = await everythingStack());
    });

    it("names the key by its alias on every topic, the alias the rules know", () => {
        const alias = recorder.one("aws:kms/alias:Alias", "-alerts-key-alias");
        assert.equal(alias.inputs.name, ALIAS);
        const topics = recorder.byType("aws:sns/topic:Topic");
        assert.equal(topics.length, 3, "the alert, chat and webhook topics");
        for (const topic of topics) {
            assert.equal(topic.inputs.kmsMasterKeyId, ALIAS, topic.name);
        }
    });

    it("sends SNS's GenerateDataKey and Decrypt for its topics to no topic and no channel", () => {
        // EVERYTHING alerts on GenerateDataKey and Decrypt on any key, by email, chat, webhook and PagerDuty.
        for (const operation of ["GenerateDataKey", "Decrypt"]) {
            assert.deepEqual(destinations(recorder, "default", snsCall(recorder, operation)), []);
        }
    });

    it("still delivers the same call by a user, SNS's call with another key, and the call elsewhere", () => {
        const everywhere = destinations(
            recorder,
            "default",
            misuse.calledBy(samples.generateDataKeyEvent, misuse.iamUser(misuse.ALICE_ARN)),
        );
        assert.equal(everywhere.length, 4, "the topic, chat, webhooks and PagerDuty");
        const cases: [string, string, object][] = [
            [
                "by a user",
                "default",
                misuse.calledBy(
                    snsCall(recorder, "GenerateDataKey"),
                    misuse.iamUser(misuse.ALICE_ARN),
                ),
            ],
            ["another key", "default", snsCall(recorder, "GenerateDataKey", samples.OTHER_KEY_ARN)],
            [
                "in eu-west-1",
                "default",
                samples.recordedIn(snsCall(recorder, "GenerateDataKey"), "eu-west-1"),
            ],
            // There the alias may name a member's own key: the organization bus leaves nothing out.
            ["in a member account", ORG_BUS, fromMember(snsCall(recorder, "GenerateDataKey"))],
        ];
        for (const [what, bus, event] of cases) {
            assert.equal(destinations(recorder, bus, event).length, 4, what);
        }
    });

    it("leaves nothing out where the calls cannot happen: the forwarders and the organization bus", () => {
        const plan = planMonitoring(EVERYTHING);
        assert.deepEqual(plan.homeRules.ownTopicCalls, { keyAlias: ALIAS, region: "us-east-1" });
        assert.equal(plan.organization?.rules.ownTopicCalls, undefined);
        const forwarded = JSON.stringify(plan.otherRegions[0].forwarding.rules);
        assert.equal(forwarded.includes(ALIAS), false);
        assert.equal(
            planMonitoring({ ...EVERYTHING, encryptTopic: false }).homeRules.ownTopicCalls,
            undefined,
        );
    });
});
