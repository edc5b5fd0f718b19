import { strict as assert } from "assert";
import { deployed, runVerify } from "./runVerify";
import { result } from "./results";

describe("verify: the topic and its key", () => {
    it("fails a topic moved to alias/aws/sns, and a topic policy without EventBridge", async () => {
        const { fake } = await deployed("dev");
        const attributes = [...fake.topicAttributes.values()][0];
        attributes.KmsMasterKeyId = "alias/aws/sns";
        const policy = JSON.parse(attributes.Policy);
        policy.Statement = policy.Statement.filter(
            (statement: { Sid: string }) => statement.Sid !== "EventBridgeRulesPublish",
        );
        attributes.Policy = JSON.stringify(policy);
        const run = await runVerify("dev", fake);
        assert.match(
            result(run, "topic-key", "snsworkshop").message,
            /AWS managed key alias\/aws\/sns/,
        );
        const topicPolicy = result(run, "topic-policy", "snsworkshop");
        assert.equal(topicPolicy.status, "FAIL");
        assert.match(
            topicPolicy.message,
            /does not let events.amazonaws.com \(arn:aws:events:us-east-1:111122223333:rule\/kms-monitoring-dev-data-key-generation\)/,
        );
        assert.equal(result(run, "key-policy", "key/").status, "PASS");
    });

    it("fails a topic key that is disabled or pending deletion, with the command that restores it", async () => {
        const { fake } = await deployed("dev");
        const key = [...fake.keys.values()][0];
        const keyState = async (state: string) => {
            key.state = state;
            return result(await runVerify("dev", fake), "topic-key", "snsworkshop");
        };
        assert.equal((await keyState("Enabled")).status, "PASS");
        const disabled = await keyState("Disabled");
        assert.equal(disabled.status, "FAIL");
        assert.match(
            disabled.message,
            /its key .* is Disabled, not Enabled: every alert published/,
        );
        assert.equal(disabled.fix, `aws kms enable-key --key-id ${key.arn} --region us-east-1`);
        const pending = await keyState("PendingDeletion");
        assert.match(pending.message, /is PendingDeletion, not Enabled/);
        assert.match(
            pending.fix ?? "",
            /^aws kms cancel-key-deletion --key-id .*, then aws kms enable-key/,
        );
    });

    it("fails a key policy that no longer lets CloudWatch use the key", async () => {
        const { fake } = await deployed("dev");
        const key = [...fake.keys.values()][0];
        const policy = JSON.parse(key.policy);
        policy.Statement = policy.Statement.filter(
            (statement: { Sid: string }) => !statement.Sid.startsWith("CloudWatch"),
        );
        key.policy = JSON.stringify(policy);
        const run = await runVerify("dev", fake);
        assert.match(
            result(run, "key-policy", "key/").message,
            /does not let cloudwatch.amazonaws.com/,
        );
    });
});
