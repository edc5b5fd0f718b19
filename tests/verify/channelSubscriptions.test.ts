import { strict as assert } from "assert";
import type { VerificationOutput } from "../../components/stack";
import { CHATBOT_ENDPOINT } from "./fakeChannels";
import { deployed, runVerify } from "./runVerify";
import { exactResult, nonPassing, topicOf } from "./results";

describe("verify: the channel subscriptions", () => {
    it("fails a chat topic without a confirmed subscription: Amazon Q Developer's is missing or pending (prod)", async () => {
        const { fake } = await deployed("prod");
        const chat = topicOf(fake, "chat").arn;
        const subscriptions = fake.subscriptions.get(chat)!;
        assert.deepEqual(
            subscriptions.map((each) => `${each.Protocol} ${each.Endpoint}`),
            [`https ${CHATBOT_ENDPOINT}`],
        );
        fake.subscriptions.set(chat, []);
        const missing = await runVerify("prod", fake);
        assert.deepEqual(nonPassing(missing, "subscription"), [
            `FAIL subscription https Amazon Q Developer: no confirmed https subscription of Amazon Q Developer on ${chat}: no alert reaches the chat channels`,
        ]);
        assert.equal(missing.code, 1);
        fake.subscriptions.set(chat, [
            { ...subscriptions[0], SubscriptionArn: "PendingConfirmation" },
        ]);
        const pending = await runVerify("prod", fake);
        assert.match(
            nonPassing(pending, "subscription")[0],
            /^FAIL .*: no confirmed .* \(1 pending\)/,
        );
        assert.equal(pending.code, 1);
    });

    it("fails a pending webhook subscription, and a missing one, without ever showing its URL (org)", async () => {
        const { fake } = await deployed("org");
        const webhooks = topicOf(fake, "webhooks").arn;
        const [subscription] = fake.subscriptions.get(webhooks)!;
        subscription.SubscriptionArn = "PendingConfirmation";
        const pending = await runVerify("org", fake);
        const line = exactResult(pending, "subscription", "https webhooks[0]");
        assert.equal(line.status, "FAIL");
        assert.match(line.message, /^1 of the 1 await confirmation/);
        fake.subscriptions.set(webhooks, []);
        const missing = await runVerify("org", fake);
        assert.equal(
            exactResult(missing, "subscription", "https webhooks[0]").message,
            `1 of the 1 are not subscribed to ${webhooks}`,
        );
        for (const run of [pending, missing]) {
            assert.ok(!JSON.stringify(run.results).includes(subscription.Endpoint!));
            assert.equal(run.code, 1);
        }
    });

    it("fails a webhook subscription that lost its dead-letter queue or its retries (org)", async () => {
        const { fake } = await deployed("org");
        const [subscription] = fake.subscriptions.get(topicOf(fake, "webhooks").arn)!;
        const attributes = fake.subscriptionAttributes.get(subscription.SubscriptionArn!)!;
        delete attributes.RedrivePolicy;
        const policy = JSON.parse(attributes.DeliveryPolicy);
        policy.healthyRetryPolicy.numRetries = 3;
        attributes.DeliveryPolicy = JSON.stringify(policy);
        const run = await runVerify("org", fake);
        const id = subscription.SubscriptionArn!.split(":").pop();
        assert.equal(
            exactResult(run, "subscription", "https webhooks[0]").message,
            `subscription ${id} has no dead-letter queue: what fails after the retries is dropped; ` +
                `subscription ${id} retries with other settings than the stack's (numRetries)`,
        );
    });

    it("fails messages in the webhook subscriptions' dead-letter queue, with the command to read them (org)", async () => {
        const { fake } = await deployed("org");
        const queue = (fake.verification as VerificationOutput).queues.find(
            (each) => each.kind === "sns",
        )!;
        fake.queues.set(queue.url, 2);
        const run = await runVerify("org", fake);
        const line = exactResult(run, "dead-letters", queue.url);
        assert.equal(
            line.message,
            "holds 2 message(s) SNS could not deliver to a webhook after every retry: alerts that never arrived",
        );
        assert.match(
            line.fix ?? "",
            new RegExp(`aws sqs receive-message --queue-url ${queue.url}`),
        );
    });
});
