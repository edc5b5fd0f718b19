import { strict as assert } from "assert";
import { CanaryPath, metricKey, steady } from "./fakeMetrics";
import { deployed, runVerify } from "./runVerify";
import { topicOf } from "./results";

/** The canary's one result on a stack whose canary's event takes `path`. */
async function canaryOn(stack: string, path: CanaryPath, args: string[] = []) {
    const { fake } = await deployed(stack);
    fake.canaryPath = path;
    const run = await runVerify(stack, fake, ["--canary", ...args]);
    const results = run.results.filter((each) => each.id === "canary");
    assert.equal(results.length, 1, JSON.stringify(results));
    return { run, fake, canary: results[0] };
}

describe("verify --canary: every hop and every channel", () => {
    it("fails a canary whose own delivery failed while the topic delivered other alerts", async () => {
        const { fake } = await deployed("dev");
        // The rule matched and invoked the topic, which refused it: EventBridge retries, and only
        // Invocations rose (it counts failed attempts too), while an alarm's notification was delivered.
        fake.canaryPath = "retrying";
        fake.metrics.set(
            metricKey("us-east-1", "AWS/SNS", "NumberOfNotificationsDelivered", {
                TopicName: topicOf(fake, "alerts").name,
            }),
            steady(1, 60_000),
        );
        const run = await runVerify("dev", fake, ["--canary", "--timeout", "2m"]);
        const [canary] = run.results.filter((each) => each.id === "canary");
        assert.equal(canary.status, "FAIL");
        assert.equal(
            canary.message,
            "kms-monitoring-dev-data-key-generation: 0 of its 1 target(s) got the event within " +
                "2m00s: EventBridge is still retrying the others, which refuse it",
        );
        assert.equal(run.code, 1);
    });

    it("passes only when each channel the call reaches delivered it: the topics and PagerDuty (prod, org)", async () => {
        const prod = await canaryOn("prod", "delivered");
        assert.equal(prod.canary.status, "PASS");
        assert.equal(
            prod.canary.message,
            `CancelKeyDeletion reached kms-monitoring-prod-key-management, and each channel ` +
                "delivered it: the alert topic kms-alerts-prod, the chat topic " +
                `${topicOf(prod.fake, "chat").name}, PagerDuty (rule kms-monitoring-prod-pagerduty-warning)`,
        );
        const org = await canaryOn("org", "delivered");
        assert.match(org.canary.message, /the webhook topic /);
    });

    it("fails naming PagerDuty when its call was refused and the event went to the dead-letter queue (prod)", async () => {
        const { canary, fake } = await canaryOn("prod", "pagerduty-refused");
        assert.equal(canary.status, "FAIL");
        assert.equal(
            canary.message,
            "PagerDuty (rule kms-monitoring-prod-pagerduty-warning): the call failed " +
                "(FailedInvocations), and the event was sent to the dead-letter queue",
        );
        const queue = fake.verification.queues.find((each) => each.kind === "eventbridge");
        assert.match(canary.fix ?? "", /docs\/channels\.md/);
        assert.ok((canary.fix ?? "").includes(`aws sqs receive-message --queue-url ${queue?.url}`));
    });

    it("fails on an event in the dead-letter queue even when no metric tells it, as metrics are best effort (prod)", async () => {
        const { fake } = await deployed("prod");
        fake.canaryPath = "pagerduty-refused";
        // "A data point for a given minute might be delayed ... or it might not be delivered at
        // all" (EventBridge User Guide, "Monitoring Amazon EventBridge"): PagerDuty's rule's are lost.
        const set = fake.metrics.set.bind(fake.metrics);
        fake.metrics.set = (key, source) =>
            /pagerduty-warning/.test(key) && /FailedInvocations|SentToDlq/.test(key)
                ? fake.metrics
                : set(key, source);
        const run = await runVerify("prod", fake, ["--canary", "--timeout", "3m"]);
        const [canary] = run.results.filter((each) => each.id === "canary");
        const queue = fake.verification.queues.find((each) => each.kind === "eventbridge");
        assert.equal(canary.status, "FAIL");
        assert.ok(
            canary.message.endsWith(
                `the dead-letter queue ${queue?.url} received 1 event(s) since the call, from ` +
                    "kms-monitoring-prod-key-management or PagerDuty (rule " +
                    "kms-monitoring-prod-pagerduty-warning)",
            ),
            canary.message,
        );
        assert.match(
            canary.message,
            /^PagerDuty \(rule kms-monitoring-prod-pagerduty-warning\): 0 of its 1 target/,
        );
    });

    it("fails naming the chat topic when it delivered nothing, though the email went out (prod)", async () => {
        const { canary } = await canaryOn("prod", "chat-silent", ["--timeout", "3m"]);
        assert.equal(canary.status, "FAIL");
        assert.match(
            canary.message,
            /^the chat topic .* delivered nothing within 3m00s: its subscriptions$/,
        );
    });
});
