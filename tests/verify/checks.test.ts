import { strict as assert } from "assert";
import type { VerificationOutput, VerificationTrail } from "../../components/stack";
import { regionNeeds } from "../../verify/checks/trails";
import { metricKey, NOW, steady } from "./fakeAccount";
import { deployed, Run, runVerify } from "./runVerify";

/** The one result of check `id` on a resource whose name includes `resource`. */
function result(run: Run, id: string, resource: string, region?: string) {
    const found = run.results.filter(
        (each) =>
            each.id === id &&
            each.resource.includes(resource) &&
            (region === undefined || each.region === region),
    );
    assert.equal(
        found.length,
        1,
        `one ${id} result for ${resource}: ${JSON.stringify(run.results.filter((each) => each.id === id))}`,
    );
    return found[0];
}

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
            /run pulumi up: it restores the state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS/,
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

describe("verify: trails", () => {
    it("fails a region whose trail excludes KMS, one whose trail stopped logging, and one without a trail", async () => {
        const { fake } = await deployed("prod");
        const [euWest, euCentral] = [
            fake.trails.get("eu-west-1")![0],
            fake.trails.get("eu-central-1")![0],
        ];
        fake.trails.set("eu-west-1", [
            {
                ...euWest,
                selectors: {
                    EventSelectors: [
                        {
                            ReadWriteType: "All",
                            IncludeManagementEvents: true,
                            ExcludeManagementEventSources: ["kms.amazonaws.com"],
                        },
                    ],
                },
            },
        ]);
        fake.trails.set("eu-central-1", [{ ...euCentral, logging: false }]);
        fake.trails.set("us-east-1", []);
        const run = await runVerify("prod", fake);
        assert.match(result(run, "trail", "", "eu-west-1").message, /excludes kms.amazonaws.com/);
        const stopped = result(run, "trail", "", "eu-central-1");
        assert.match(stopped.message, /is not logging/);
        assert.match(
            stopped.fix ?? "",
            /aws cloudtrail start-logging --name arn:aws:cloudtrail:eu-west-1:111122223333:trail\/kms-monitoring-prod-audit/,
        );
        assert.match(
            result(run, "trail", "", "us-east-1").message,
            /no trail records management events here/,
        );
    });

    it("reads advanced selectors, and asks each region only for what its own rules watch", async () => {
        const { fake } = await deployed("prod");
        const advanced = (
            fields: { Field: string; Equals?: string[]; NotEquals?: string[] }[],
        ) => ({
            AdvancedEventSelectors: [
                { FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }, ...fields] },
            ],
        });
        const trail = fake.trails.get("eu-west-1")![0];
        const writeOnly = advanced([{ Field: "readOnly", Equals: ["false"] }]);
        fake.trails.set("us-east-1", [
            {
                ...trail,
                selectors: advanced([{ Field: "eventSource", NotEquals: ["kms.amazonaws.com"] }]),
            },
        ]);
        fake.trails.set("eu-west-1", [{ ...trail, selectors: writeOnly }]);
        fake.trails.set("eu-central-1", [{ ...trail, selectors: writeOnly }]);
        const run = await runVerify("prod", fake);
        assert.match(result(run, "trail", "", "us-east-1").message, /excludes kms.amazonaws.com/);
        // prod watches Decrypt on a key of eu-west-1, its home: a write-only trail drops it there,
        assert.match(
            result(run, "trail", "", "eu-west-1").message,
            /does not record read-only KMS management events/,
        );
        // and nowhere else: eu-central-1's forwarders watch writes only.
        assert.equal(result(run, "trail", "", "eu-central-1").status, "PASS");
    });

    it("counts two trails that each record half, one read-only and one write, as one that records all", async () => {
        const { fake } = await deployed("prod");
        const trail = fake.trails.get("eu-west-1")![0];
        const half = (name: string, ReadWriteType: "ReadOnly" | "WriteOnly") => ({
            ...trail,
            trail: { ...trail.trail, Name: name, TrailARN: `${trail.trail.TrailARN}-${name}` },
            selectors: { EventSelectors: [{ ReadWriteType, IncludeManagementEvents: true }] },
        });
        fake.trails.set("eu-west-1", [half("reads", "ReadOnly"), half("writes", "WriteOnly")]);
        const run = await runVerify("prod", fake);
        const both = result(run, "trail", "", "eu-west-1");
        assert.equal(both.status, "PASS");
        assert.match(both.resource, /trail reads .* and trail writes/);
        // The half that reads stopped logging: what is left records writes only.
        fake.trails.set("eu-west-1", [
            { ...half("reads", "ReadOnly"), logging: false },
            half("writes", "WriteOnly"),
        ]);
        const stopped = result(await runVerify("prod", fake), "trail", "", "eu-west-1");
        assert.equal(stopped.status, "FAIL");
        assert.match(stopped.message, /trail reads .* is not logging/);
        assert.match(stopped.fix ?? "", /aws cloudtrail start-logging --name .*-reads/);
    });

    it("reads the outputs of an earlier deploy, which asked every region for the same events", () => {
        const earlier = {
            regions: ["eu-west-1", "us-east-1"],
            readEvents: true,
            writeEvents: true,
        };
        assert.deepEqual(regionNeeds(earlier as unknown as VerificationTrail), [
            { region: "eu-west-1", readEvents: true, writeEvents: true },
            { region: "us-east-1", readEvents: true, writeEvents: true },
        ]);
    });

    it("fails, not warns, when the account's own trail cannot be read", async () => {
        const { fake } = await deployed("prod");
        fake.trails.get("eu-central-1")![0].selectors = undefined;
        const run = await runVerify("prod", fake);
        const unreadable = run.results.filter(
            (each) => each.id === "trail" && each.region === "eu-central-1",
        );
        assert.deepEqual(
            unreadable.map((each) => `${each.status} ${each.resource}: ${each.message}`),
            [
                "FAIL trail kms-monitoring-prod-audit (home eu-west-1): could not check: " +
                    "TrailNotFoundException: Unknown trail",
            ],
        );
    });

    it("warns about an organization trail whose selectors this account may not read", async () => {
        const { fake } = await deployed("org");
        for (const trails of fake.trails.values()) {
            trails[0].selectors = undefined;
        }
        const run = await runVerify("org", fake);
        const trail = result(run, "trail", "", "eu-west-1");
        assert.equal(trail.status, "WARN");
        assert.match(trail.message, /organization trail organization-trail .* cannot read/);
    });
});

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
        fake.alarms.delete("eu-central-1 kms-monitoring-prod-dead-letters");
        const run = await runVerify("prod", fake);
        assert.equal(
            result(run, "alarm", "kms-monitoring-prod-dead-letters", "eu-west-1").status,
            "FAIL",
        );
        assert.equal(result(run, "alarm", "legacy-imported-key", "eu-west-1").status, "WARN");
        assert.match(
            result(run, "alarm", "kms-monitoring-prod-expiring-key-material", "us-east-1").message,
            /partial data/,
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
