import { strict as assert } from "assert";
import { deployed, runVerify } from "./runVerify";
import { result } from "./results";

describe("verify: rules", () => {
    const home = "us-east-1 default";

    it("fails a disabled rule, a missing one, and one whose target lost its dead-letter queue", async () => {
        const { fake } = await deployed("dev");
        fake.rules.get(`${home} kms-monitoring-dev-key-management`)!.State = "DISABLED";
        fake.rules.delete(`${home} kms-monitoring-dev-key-lifecycle`);
        fake.rules.get(`${home} kms-monitoring-dev-expiring-keys`)!.Targets[0].DeadLetterConfig =
            undefined;
        const run = await runVerify("dev", fake);
        const disabled = result(run, "rule", "kms-monitoring-dev-key-management");
        assert.equal(disabled.status, "FAIL");
        assert.match(disabled.message, /is DISABLED, not ENABLED/);
        assert.match(
            disabled.fix ?? "",
            /aws events enable-rule --name kms-monitoring-dev-key-management --region us-east-1/,
        );
        assert.match(
            result(run, "rule", "kms-monitoring-dev-key-lifecycle").message,
            /does not exist on bus default/,
        );
        assert.match(
            result(run, "rule", "kms-monitoring-dev-expiring-keys").message,
            /has no dead-letter queue/,
        );
        assert.equal(run.code, 1);
    });

    it("never suggests enable-rule for a rule that receives read-only calls: it would set ENABLED", async () => {
        const { fake } = await deployed("dev");
        const rule = fake.rules.get(`${home} kms-monitoring-dev-data-key-generation`)!;
        assert.equal(rule.State, "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
        rule.State = "DISABLED";
        const disabled = result(await runVerify("dev", fake), "rule", "data-key-generation");
        assert.equal(disabled.status, "FAIL");
        assert.doesNotMatch(disabled.fix ?? "", /enable-rule --name/);
        assert.match(
            disabled.fix ?? "",
            /run pulumi up: it restores the state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS \(aws events enable-rule would set ENABLED, which is not sure to receive read-only management events\)$/,
        );
    });

    it("fails a rule whose pattern was changed, with what TestEventPattern accepted and rejected", async () => {
        const { fake } = await deployed("dev");
        const rule = fake.rules.get(`${home} kms-monitoring-dev-key-management`)!;
        const pattern = JSON.parse(rule.EventPattern!);
        pattern.detail.eventName = ["DisableKey", "ListAliases"];
        rule.EventPattern = JSON.stringify(pattern);
        const run = await runVerify("dev", fake);
        assert.match(
            result(run, "rule", "kms-monitoring-dev-key-management").message,
            /another event pattern/,
        );
        const tested = result(run, "rule-pattern", "kms-monitoring-dev-key-management");
        assert.equal(tested.status, "FAIL");
        assert.match(tested.message, /rejects ScheduleKeyDeletion on any key/);
        assert.match(tested.message, /matches ListAliases, which no alert watches/);
    });

    it("fails a forwarder in another region that lost its role, and the remote heartbeat rule's schedule", async () => {
        const { fake } = await deployed("prod");
        fake.rules.get(
            "eu-central-1 default kms-monitoring-prod-forward-api-calls",
        )!.Targets[0].RoleArn = undefined;
        fake.rules.get("us-east-1 default kms-monitoring-prod-heartbeat")!.ScheduleExpression =
            "rate(1 hour)";
        const run = await runVerify("prod", fake);
        assert.match(
            result(run, "rule", "kms-monitoring-prod-forward-api-calls", "eu-central-1").message,
            /with role none/,
        );
        assert.equal(
            result(run, "rule", "kms-monitoring-prod-forward-api-calls", "us-east-1").status,
            "PASS",
        );
        assert.match(
            result(run, "rule", "kms-monitoring-prod-heartbeat", "us-east-1").message,
            /runs on rate\(1 hour\), not rate\(5 minutes\)/,
        );
    });
});
