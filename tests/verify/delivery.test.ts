import { strict as assert } from "assert";
import { metricKey, NOW, steady } from "./fakeMetrics";
import { deployed, runVerify } from "./runVerify";
import { result } from "./results";

describe("verify: delivery health", () => {
    it("fails failed invocations with the queue to read, and messages in a remote dead-letter queue", async () => {
        const { fake } = await deployed("prod");
        fake.metrics.set(
            metricKey("eu-west-1", "AWS/Events", "FailedInvocations", {
                RuleName: "kms-monitoring-prod-key-management",
            }),
            steady(1, 3_600_000),
        );
        const remote = [...fake.queues.keys()].find((url) => url.includes("eu-central-1"))!;
        fake.queues.set(remote, 3);
        const run = await runVerify("prod", fake);
        const failed = result(run, "failed-invocations", "kms-monitoring-prod-key-management");
        assert.match(failed.message, /24 invocation\(s\) failed/);
        assert.match(
            failed.fix ?? "",
            /aws sqs receive-message --queue-url https:\/\/sqs.eu-west-1/,
        );
        const queue = result(run, "dead-letters", remote);
        assert.equal(queue.region, "eu-central-1");
        assert.match(queue.message, /holds 3 event\(s\)/);
        assert.equal(
            queue.fix,
            `read them: aws sqs receive-message --queue-url ${remote} --region eu-central-1 --max-number-of-messages 10 --attribute-names All --message-attribute-names All`,
        );
        assert.equal(result(run, "failed-invocations", "rules", "eu-central-1").status, "PASS");
    });
});

describe("verify: events lost on the way to a dead-letter queue", () => {
    it("fails a rule whose events could not be sent to its dead-letter queue", async () => {
        const { fake } = await deployed("dev");
        fake.metrics.set(
            metricKey("us-east-1", "AWS/Events", "InvocationsFailedToBeSentToDlq", {
                RuleName: "kms-monitoring-dev-key-management",
            }),
            steady(1, 6 * 3_600_000),
        );
        const run = await runVerify("dev", fake);
        const lost = result(run, "failed-invocations", "kms-monitoring-dev-key-management");
        assert.equal(lost.status, "FAIL");
        assert.match(lost.message, /4 event\(s\) could not be sent to the dead-letter queue/);
        assert.match(lost.fix ?? "", /run pulumi up to restore the queue https:\/\/sqs/);
        assert.equal(run.code, 1);
    });
});

describe("verify: alarms and heartbeats", () => {
    it("reports alarms in ALARM by what they watch, missing alarms and partial Metrics Insights data", async () => {
        const { fake } = await deployed("prod");
        const alarm = (region: string, name: string) => fake.alarms.get(`${region} ${name}`)!;
        Object.assign(alarm("eu-west-1", "kms-monitoring-prod-dead-letters"), {
            StateValue: "ALARM",
            StateReason: "Threshold Crossed: 1 datapoint [2.0]",
        });
        Object.assign(
            alarm("eu-west-1", "kms-monitoring-prod-key-material-expiry-alias-legacy-imported-key"),
            { StateValue: "ALARM", StateReason: "Threshold Crossed" },
        );
        alarm("us-east-1", "kms-monitoring-prod-expiring-key-material").EvaluationState =
            "PARTIAL_DATA";
        alarm("us-east-1", "kms-monitoring-prod-key-store-proxy-errors").EvaluationState =
            "PARTIAL_DATA";
        fake.alarms.delete("eu-central-1 kms-monitoring-prod-dead-letters");
        const run = await runVerify("prod", fake);
        assert.equal(
            result(run, "alarm", "kms-monitoring-prod-dead-letters", "eu-west-1").status,
            "FAIL",
        );
        assert.equal(result(run, "alarm", "legacy-imported-key", "eu-west-1").status, "WARN");
        // Each kind of Metrics Insights alarm says what it leaves out and what helps.
        const keys = result(run, "alarm", "kms-monitoring-prod-expiring-key-material", "us-east-1");
        assert.match(keys.message, /partial data: .* so some keys are not watched$/);
        assert.match(keys.fix ?? "", /list the others in watchedKeys/);
        const stores = result(run, "alarm", "key-store-proxy-errors", "us-east-1");
        assert.match(stores.message, /so some custom key stores are not watched$/);
        assert.doesNotMatch(stores.fix ?? "", /watchedKeys/);
        assert.match(
            stores.fix ?? "",
            /aws cloudwatch list-metrics --namespace AWS\/KMS --region us-east-1/,
        );
        assert.equal(
            result(run, "alarm", "kms-monitoring-prod-dead-letters", "eu-central-1").message,
            "does not exist",
        );
        assert.equal(
            result(run, "alarm", "kms-monitoring-prod-dead-letters", "us-east-1").status,
            "PASS",
        );
    });

    it("tells a heartbeat that stopped from one that never arrived, naming the region", async () => {
        const { fake } = await deployed("prod");
        const heartbeat = (region: string) =>
            metricKey("eu-west-1", "AWS/Events", "Invocations", {
                RuleName: `kms-monitoring-prod-heartbeat-${region}`,
            });
        fake.metrics.set(heartbeat("eu-central-1"), steady(1, 300_000, NOW - 3_600_000));
        fake.metrics.delete(heartbeat("us-east-1"));
        const run = await runVerify("prod", fake);
        const stopped = result(run, "heartbeat", "eu-central-1");
        assert.equal(stopped.status, "FAIL");
        assert.match(stopped.message, /^stopped: .* the last arrived at 2026-11-28T10:55:00.000Z/);
        assert.match(stopped.fix ?? "", /in eu-central-1, check/);
        assert.match(
            result(run, "heartbeat", "us-east-1").message,
            /^never had data: no heartbeat from us-east-1 arrived in 14 days/,
        );
    });
});
