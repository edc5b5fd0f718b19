import { strict as assert } from "assert";
import { CanaryPath, NOW } from "./fakeMetrics";
import { deployed, editedOutputs, runVerify } from "./runVerify";

/** verify --canary on `stack` whose canary's events take `path`, and the failed-call probe's results. */
async function probed(stack: string, path: CanaryPath, args: string[] = [], outputs?: string) {
    const { fake } = await deployed(stack);
    fake.canaryPath = path;
    const run = await runVerify(stack, fake, ["--canary", ...args], outputs);
    return { run, fake, probe: run.results.filter((each) => each.id === "failed-calls") };
}

describe("verify --canary: do failed KMS calls reach EventBridge, as the pending-deletion rule needs", () => {
    it("refuses a CancelKeyDeletion on purpose after the canary's call, and passes once the key-management rule counts it, saying what that does not prove", async () => {
        const { probe, fake } = await probed("dev", "delivered");
        const key = fake.verification.topics[0].keyArn;
        assert.deepEqual(fake.kmsCalls, [`GenerateDataKey ${key}`, `CancelKeyDeletion ${key}`]);
        assert.equal(probe.length, 1);
        assert.equal(probe[0].status, "PASS");
        assert.equal(
            probe[0].resource,
            `CancelKeyDeletion on ${key} -> kms-monitoring-dev-key-management`,
        );
        assert.match(
            probe[0].message,
            /reached EventBridge and kms-monitoring-dev-key-management matched it: failed KMS calls reach EventBridge here, which kms-monitoring-dev-pending-deletion-use relies on .* Not proven: how KMS records a call on a key that is pending deletion, nor other regions and member accounts/,
        );
        assert.ok(fake.now - NOW <= 5 * 60_000, "it stops waiting once the call is counted");
    });

    it("reuses the canary's own call when it is the refused CancelKeyDeletion", async () => {
        const { probe, fake } = await probed("org", "delivered");
        assert.equal(fake.kmsCalls.length, 1);
        assert.equal(probe[0].status, "PASS");
        assert.match(probe[0].resource, /-> kms-monitoring-org-key-management$/);
    });

    it("warns, never fails, when no event of the refused call came within --timeout", async () => {
        const { probe, fake } = await probed("dev", "no-event", ["--timeout", "2m"]);
        assert.equal(probe[0].status, "WARN");
        assert.match(
            probe[0].message,
            /did not see the CancelKeyDeletion refused on purpose within 2 minutes: if failed KMS calls do not reach EventBridge here, kms-monitoring-dev-pending-deletion-use never fires/,
        );
        assert.match(probe[0].fix ?? "", /auditTrail\.create/);
        assert.ok(fake.now - NOW <= 3 * 60_000);
    });

    it("warns that it cannot tell when no alert rule matches a failed CancelKeyDeletion, and makes no call for it", async () => {
        const outputs = await editedOutputs("dev", "no-cancel-rule", (verification) => ({
            ...verification,
            rules: verification.rules.map((rule) => ({
                ...rule,
                eventPattern: rule.eventPattern?.replace(/"CancelKeyDeletion"/g, '"DisableKey"'),
            })),
        }));
        const { probe, fake } = await probed("dev", "delivered", [], outputs);
        assert.equal(fake.kmsCalls.length, 1);
        assert.equal(probe[0].status, "WARN");
        assert.match(probe[0].message, /no alert rule matches a failed CancelKeyDeletion/);
        assert.match(probe[0].fix ?? "", /add CancelKeyDeletion/);
    });

    it("makes no such call for a stack without the pending-deletion rule", async () => {
        const outputs = await editedOutputs("dev", "no-pending-rule", (verification) => ({
            ...verification,
            rules: verification.rules.filter(
                (rule) => !rule.name.endsWith("-pending-deletion-use"),
            ),
        }));
        const { probe, fake } = await probed("dev", "delivered", [], outputs);
        assert.deepEqual(probe, []);
        assert.equal(fake.kmsCalls.length, 1);
    });
});
