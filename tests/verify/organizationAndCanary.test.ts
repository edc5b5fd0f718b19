import { strict as assert } from "assert";
import { CanaryPath, metricKey, NOW, steady } from "./fakeMetrics";
import { serviceError } from "./fakeService";
import { deployed, editedOutputs, runVerify } from "./runVerify";
import { nonPassing } from "./results";

describe("verify: the organization", () => {
    it("fails an INOPERABLE StackSet instance and an account of a nested OU with no instance", async () => {
        const { fake } = await deployed("org");
        const instances = fake.organization.instances;
        Object.assign(instances[0], {
            Status: "INOPERABLE",
            StatusReason: "DeleteStackInstances failed",
            StackInstanceStatus: { DetailedStatus: "INOPERABLE" },
        });
        // 200000000004 sits in the first OU's child OU: only walking the OUs finds it.
        fake.organization.instances = instances.filter(
            (instance) => !(instance.Account === "200000000004" && instance.Region === "eu-west-1"),
        );
        const run = await runVerify("org", fake);
        assert.deepEqual(nonPassing(run, "stackset-instance"), [
            "FAIL stackset-instance account 200000000001: instance is INOPERABLE/INOPERABLE: DeleteStackInstances failed: its forwarders are not managed any more",
        ]);
        assert.deepEqual(nonPassing(run, "member-account"), [
            "FAIL member-account account 200000000004: has no kms-monitoring-org-member-forwarders instance: its KMS events reach nobody",
        ]);
        assert.equal(run.code, 1);
    });

    it("names the member accounts whose heartbeats stopped or never came", async () => {
        const { fake } = await deployed("org");
        fake.organization.lastHeartbeats.set("200000000002 eu-west-1", NOW - 2 * 3_600_000);
        fake.organization.lastHeartbeats.delete("200000000014 us-east-1");
        const run = await runVerify("org", fake);
        assert.deepEqual(nonPassing(run, "member-heartbeat"), [
            "FAIL member-heartbeat account 200000000002: heartbeats stopped: the last arrived at 2026-11-28T10:00:00.000Z",
            "FAIL member-heartbeat account 200000000014: no heartbeat in 24 hours: its KMS events do not reach this account",
        ]);
        assert.equal(
            run.results.find((each) => each.id === "member-heartbeat" && each.status === "PASS")
                ?.message,
            "10 member account-region pair(s) sent a heartbeat in the last 15 minutes",
        );
    });
});

describe("verify: a StackSet read as the delegated administrator", () => {
    it("says how to fix CloudFormation's 'not a delegated administrator': the permission, then the registration", async () => {
        const { fake } = await deployed("org");
        fake.organization.instancesError = serviceError(
            "ValidationError",
            "Account used is not a delegated administrator",
        );
        const run = await runVerify("org", fake);
        const refused = run.results.find(
            (each) => each.id === "stackset-instance" && each.status === "FAIL",
        );
        assert.match(refused?.message ?? "", /Account used is not a delegated administrator/);
        assert.match(refused?.fix ?? "", /organizations:ListDelegatedAdministrators/);
        assert.match(refused?.fix ?? "", /register-delegated-administrator/);
    });
});

describe("verify --canary", () => {
    const canary = async (stack: string, path: CanaryPath, args: string[] = []) => {
        const { fake } = await deployed(stack);
        fake.canaryPath = path;
        const run = await runVerify(stack, fake, ["--canary", ...args]);
        const result = run.results.filter((each) => each.id === "canary");
        assert.equal(result.length, 1);
        return { run, fake, canary: result[0] };
    };

    it("makes a documented call the rules watch, waits for it and passes when the topic delivered it", async () => {
        const dev = await canary("dev", "delivered");
        assert.equal(dev.canary.status, "PASS");
        // With the pending-deletion rule, a CancelKeyDeletion refused on purpose follows
        // (canaryFailedCall.ts, tests/verify/failedCalls.test.ts).
        assert.deepEqual(dev.fake.kmsCalls, [
            `GenerateDataKey ${dev.fake.verification.topics[0].keyArn}`,
            `CancelKeyDeletion ${dev.fake.verification.topics[0].keyArn}`,
        ]);
        assert.match(
            dev.canary.resource,
            /GenerateDataKey on .* -> kms-monitoring-dev-data-key-generation/,
        );
        assert.ok(dev.fake.now - NOW <= 5 * 60_000, "it stops waiting once the alert is delivered");
        // org watches management writes only: a CancelKeyDeletion that fails and changes nothing.
        const org = await canary("org", "delivered");
        assert.equal(org.canary.status, "PASS");
        assert.deepEqual(org.fake.kmsCalls, [
            `CancelKeyDeletion ${org.fake.verification.topics[0].keyArn}`,
        ]);
    });

    it("names the hop where the alert stopped", async () => {
        const hops: [CanaryPath, RegExp][] = [
            ["no-event", /no matching event within 15m00s: the trail .* or the rule's state/],
            [
                "failed-invocation",
                /matched but the invocation failed: the topic policy or the topic key/,
            ],
            ["dead-letter", /sent to the dead-letter queue/],
            ["not-delivered", /published to the alert topic .* but not delivered: a subscription/],
        ];
        for (const [path, message] of hops) {
            const { canary: result, run } = await canary("dev", path);
            assert.equal(result.status, "FAIL", path);
            assert.match(result.message, message);
            assert.equal(run.code, 1);
        }
    });

    it("does not pass on the topic's other deliveries when the canary's own rule never ran", async () => {
        const { fake } = await deployed("dev");
        fake.canaryPath = "no-event";
        const topic = { TopicName: fake.verification.topics[0].name };
        for (const name of ["NumberOfMessagesPublished", "NumberOfNotificationsDelivered"]) {
            fake.metrics.set(metricKey("us-east-1", "AWS/SNS", name, topic), steady(1, 60_000));
        }
        const run = await runVerify("dev", fake, ["--canary", "--timeout", "2m"]);
        assert.deepEqual(
            nonPassing(run, "canary").map((line) => line.replace(/ on .* -> /, " -> ")),
            [
                "FAIL canary GenerateDataKey -> kms-monitoring-dev-data-key-generation: no matching " +
                    "event within 2m00s: the trail does not deliver the call, or the rule's state does not receive it",
            ],
        );
    });

    it("counts nothing from before the call: its metrics start at the call's minute", async () => {
        const { fake } = await deployed("dev");
        fake.canaryPath = "no-event";
        // An alert that went the whole way 30 seconds before the canary's call.
        const earlier = () => ({ timestamps: [NOW - 30_000], values: [1] });
        const before = (namespace: string, name: string, dimensions: Record<string, string>) =>
            fake.metrics.set(metricKey("us-east-1", namespace, name, dimensions), ({ startMs }) =>
                startMs <= NOW - 30_000 ? earlier() : { timestamps: [], values: [] },
            );
        const rule = { RuleName: "kms-monitoring-dev-data-key-generation" };
        before("AWS/Events", "TriggeredRules", rule);
        before("AWS/Events", "Invocations", rule);
        before("AWS/SNS", "NumberOfNotificationsDelivered", {
            TopicName: fake.verification.topics[0].name,
        });
        const run = await runVerify("dev", fake, ["--canary", "--timeout", "2m"]);
        assert.match(nonPassing(run, "canary")[0] ?? "PASS", /^FAIL canary .*no matching event/);
    });

    it("fails when the event could not even be sent to the dead-letter queue", async () => {
        const { canary: result } = await canary("dev", "lost");
        assert.equal(result.status, "FAIL");
        assert.match(result.message, /could not even be sent to the dead-letter queue: lost/);
    });

    it("waits at most --timeout, and only warns when a failed call never matched, as no page says it would", async () => {
        const { canary: result, fake } = await canary("org", "no-event", ["--timeout", "2m"]);
        assert.equal(result.status, "WARN");
        assert.match(
            result.message,
            /within 2m00s: the canary's call failed on purpose, and no AWS page says whether failed calls reach EventBridge/,
        );
        assert.ok(fake.now - NOW <= 3 * 60_000);
    });

    it("warns when the alert was published but nobody confirmed a subscription to get it", async () => {
        const { fake } = await deployed("dev");
        fake.canaryPath = "published";
        for (const subscription of [...fake.subscriptions.values()].flat()) {
            subscription.SubscriptionArn = "PendingConfirmation";
        }
        const run = await runVerify("dev", fake, ["--canary"]);
        assert.deepEqual(
            nonPassing(run, "canary").map((line) => line.replace(/ on .* -> /, " -> ")),
            [
                "WARN canary GenerateDataKey -> kms-monitoring-dev-data-key-generation: published to the topic; no confirmed subscription to deliver it to",
            ],
        );
        // The canary only warns (the integration test relies on it); the subscription check fails.
        assert.deepEqual(
            run.problems
                .filter((line) => line.startsWith("FAIL"))
                .map((line) => line.split(": ")[0]),
            [`FAIL subscription ${fake.verification.topics[0].arn}`],
        );
        // Published at +1m30s: said at the next poll, not after the whole --timeout.
        assert.ok(fake.now - NOW <= 3 * 60_000, `waited ${(fake.now - NOW) / 60_000} minutes`);
    });

    it("never advises an alert on GenerateDataKey, which SNS calls with the topic key for every publisher", async () => {
        const { fake } = await deployed("dev");
        // A stack whose API-call alerts watch neither of the canary's calls.
        const outputs = await editedOutputs("dev", "no-canary-call", (verification) => ({
            ...verification,
            rules: verification.rules.map((rule) => ({
                ...rule,
                eventPattern: rule.eventPattern?.replace(
                    /"GenerateDataKey"|"CancelKeyDeletion"/g,
                    '"DisableKey"',
                ),
            })),
        }));
        const run = await runVerify("dev", fake, ["--canary"], outputs);
        const [warning] = run.results.filter((each) => each.id === "canary");
        assert.equal(warning.status, "WARN");
        assert.match(warning.fix ?? "", /add CancelKeyDeletion/);
        assert.doesNotMatch(warning.fix ?? "", /add GenerateDataKey|GenerateDataKey.* on any key/);
        // Nor does the warning of a CancelKeyDeletion that never matched.
        const org = await canary("org", "no-event", ["--timeout", "2m"]);
        assert.doesNotMatch(org.canary.fix ?? "", /GenerateDataKey/);
    });

    it("does not touch a topic key that is pending deletion, and says so", async () => {
        const { fake } = await deployed("org");
        [...fake.keys.values()][0].state = "PendingDeletion";
        const run = await runVerify("org", fake, ["--canary"]);
        assert.deepEqual(fake.kmsCalls, []);
        assert.match(
            nonPassing(run, "canary")[0],
            /FAIL canary .*: the topic key .* is pending deletion/,
        );
    });
});
