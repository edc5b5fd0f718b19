import { strict as assert } from "assert";
import type { VerificationOutput } from "../../components/stack";
import { deployed, runVerify } from "./runVerify";
import { nonPassing, result } from "./results";

describe("verify: subscriptions and identity", () => {
    it("fails a stack whose every subscriber is pending: no alert reaches anyone (dev)", async () => {
        const { fake } = await deployed("dev");
        const [subscription] = [...fake.subscriptions.values()][0];
        subscription.SubscriptionArn = "PendingConfirmation";
        const run = await runVerify("dev", fake);
        const topic = (fake.verification as VerificationOutput).topics[0].arn;
        assert.deepEqual(nonPassing(run, "subscription"), [
            `FAIL subscription ${topic}: no subscription is confirmed and no other channel is ` +
                "configured: no alert reaches anyone (1 pending)",
            "WARN subscription email kms-workshop@example.com: awaits confirmation: no alert " +
                "reaches this address until its owner confirms",
        ]);
        assert.match(result(run, "subscription", topic).fix ?? "", /Confirm subscription/);
        assert.equal(run.code, 1);
    });

    it("only warns about a pending email while someone else is confirmed, or another channel delivers", async () => {
        const { fake } = await deployed("dev");
        const topic = (fake.verification as VerificationOutput).topics[0].arn;
        const [subscription] = fake.subscriptions.get(topic)!;
        subscription.SubscriptionArn = "PendingConfirmation";
        // Subscribed by hand, outside the stack: a path all the same.
        fake.subscriptions.get(topic)!.push({
            ...subscription,
            Endpoint: "oncall@example.com",
            SubscriptionArn: `${topic}:00000099-confirmed`,
        });
        const dev = await runVerify("dev", fake);
        assert.deepEqual(nonPassing(dev, "subscription"), [
            "WARN subscription email kms-workshop@example.com: awaits confirmation: no alert " +
                "reaches this address until its owner confirms",
        ]);
        assert.equal(dev.code, 0);
        // prod: every email pending, and chat and PagerDuty still deliver.
        const prod = await deployed("prod");
        const alerts = (prod.fake.verification as VerificationOutput).topics[0].arn;
        prod.fake.subscriptions
            .get(alerts)!
            .forEach((each) => (each.SubscriptionArn = "PendingConfirmation"));
        const run = await runVerify("prod", prod.fake);
        assert.deepEqual(
            nonPassing(run, "subscription").map((line) => line.split(":")[0]),
            [
                "WARN subscription email security-oncall@example.com",
                "WARN subscription email platform-team@example.com",
                "WARN subscription email kms-custodians@example.com",
            ],
        );
        assert.equal(run.code, 0);
    });

    it("fails a missing subscription, and stops at once when the caller is in another account", async () => {
        const { fake } = await deployed("dev");
        fake.subscriptions.clear();
        const missing = await runVerify("dev", fake);
        assert.equal(result(missing, "subscription", "kms-workshop@example.com").status, "FAIL");
        assert.equal(missing.code, 1);

        fake.callerAccount = "999988887777";
        const elsewhere = await runVerify("dev", fake);
        assert.deepEqual(elsewhere.problems, [
            "FAIL identity arn:aws:iam::999988887777:role/verifier: the credentials are for account 999988887777, the stack is in 111122223333",
        ]);
        assert.equal(elsewhere.code, 1);
    });
});

describe("verify: JSON and text output", () => {
    it("still prints the results so far as one JSON document when an endpoint stops verify", async () => {
        const { fake } = await deployed("dev");
        fake.trailError = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), {
            code: "ECONNREFUSED",
        });
        const run = await runVerify("dev", fake);
        assert.equal(run.code, 2);
        assert.deepEqual(
            [...new Set(run.results.map((each) => each.id))],
            ["identity", "subscription"],
        );
        assert.match(
            run.error ?? "",
            /^cannot reach the AWS endpoint the cloudtrail endpoint of us-east-1/,
        );
        assert.equal(run.stderr, `verify: ${run.error}\n`);
    });

    it("prints one JSON document with every field of every check and the summary", async () => {
        const { fake } = await deployed("dev");
        fake.rules.get("us-east-1 default kms-monitoring-dev-key-management")!.State = "DISABLED";
        const run = await runVerify("dev", fake);
        for (const check of run.results) {
            assert.deepEqual(Object.keys(check), [
                "id",
                "status",
                "region",
                "account",
                "resource",
                "message",
                "fix",
            ]);
            assert.equal(check.account, (fake.verification as VerificationOutput).account);
        }
        assert.equal(run.results.filter((check) => check.status === "FAIL").length, 1);
    });
});
