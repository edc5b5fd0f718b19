import { strict as assert } from "assert";
import type { VerificationOutput } from "../../components/stack";
import { deployed, runVerify } from "./runVerify";
import { result } from "./results";

describe("verify: subscriptions and identity", () => {
    it("warns about an email subscription still awaiting confirmation, and still exits 0", async () => {
        const { fake } = await deployed("dev");
        const [subscription] = [...fake.subscriptions.values()][0];
        subscription.SubscriptionArn = "PendingConfirmation";
        const run = await runVerify("dev", fake);
        const pending = result(run, "subscription", "kms-workshop@example.com");
        assert.equal(pending.status, "WARN");
        assert.match(pending.message, /awaits confirmation/);
        assert.match(pending.fix ?? "", /Confirm subscription/);
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
