import { strict as assert } from "assert";
import type { VerificationOutput } from "../../components/stack";
import { CHATBOT_ENDPOINT } from "./fakeChannels";
import { FakeAccount, metricKey, steady } from "./fakeAccount";
import { deployed, Run, runVerify } from "./runVerify";

/** The results of check `id` that are not PASS, as `STATUS id resource: message`. */
const nonPassing = (run: Run, id: string) =>
    run.problems.filter((line) => line.split(" ")[1] === id);

/** The one result of check `id` whose resource is `resource`. */
function result(run: Run, id: string, resource: string, region?: string) {
    const found = run.results.filter(
        (each) =>
            each.id === id &&
            each.resource === resource &&
            (region === undefined || each.region === region),
    );
    assert.equal(found.length, 1, `${id} ${resource}: ${JSON.stringify(found)}`);
    return found[0];
}

const topicOf = (fake: FakeAccount, kind: string) =>
    (fake.verification as VerificationOutput).topics.find((topic) => topic.kind === kind)!;

describe("verify: PagerDuty's API destination and connection (prod)", () => {
    it("fails a DEAUTHORIZED connection with its reason, and an INACTIVE destination", async () => {
        const { fake } = await deployed("prod");
        Object.assign(fake.connections.get("kms-monitoring-prod-pagerduty")!, {
            ConnectionState: "DEAUTHORIZED",
            StateReason: "Authorization failed: the endpoint answered 401",
        });
        fake.apiDestinations.get("kms-monitoring-prod-pagerduty")!.ApiDestinationState = "INACTIVE";
        const run = await runVerify("prod", fake);
        const connection = result(run, "connection", "kms-monitoring-prod-pagerduty");
        assert.equal(connection.status, "FAIL");
        assert.match(
            connection.message,
            /^is DEAUTHORIZED: Authorization failed: the endpoint answered 401: EventBridge sends nothing through it, so every pagerduty alert fails$/,
        );
        assert.match(
            connection.fix ?? "",
            /pulumi config set --secret kms-monitoring:pagerDutyRoutingKey/,
        );
        assert.deepEqual(nonPassing(run, "api-destination"), [
            "FAIL api-destination kms-monitoring-prod-pagerduty: is INACTIVE, not ACTIVE",
        ]);
        assert.equal(run.code, 1);
    });

    it("fails a deleted destination, and only warns about a connection still authorizing", async () => {
        const { fake } = await deployed("prod");
        fake.apiDestinations.clear();
        fake.connections.get("kms-monitoring-prod-pagerduty")!.ConnectionState = "AUTHORIZING";
        const run = await runVerify("prod", fake);
        assert.deepEqual(
            [...nonPassing(run, "api-destination"), ...nonPassing(run, "connection")],
            [
                "FAIL api-destination kms-monitoring-prod-pagerduty: the API destination does not exist: every page fails",
                "WARN connection kms-monitoring-prod-pagerduty: is AUTHORIZING",
            ],
        );
    });
});

describe("verify: the channel rules and the alert rules' channel targets (prod)", () => {
    const rule = (fake: FakeAccount, name: string) =>
        fake.rules.get(`eu-west-1 default kms-monitoring-prod-${name}`)!;

    it("fails a PagerDuty rule without its destination or its role, and an alert rule without its chat target", async () => {
        const { fake } = await deployed("prod");
        const critical = rule(fake, "pagerduty-critical");
        critical.Targets = critical.Targets.filter(
            (target) => !target.Arn?.includes(":api-destination/"),
        );
        rule(fake, "pagerduty-warning").Targets[0].RoleArn = undefined;
        const chat = topicOf(fake, "chat").arn;
        const keyManagement = rule(fake, "key-management");
        keyManagement.Targets = keyManagement.Targets.filter((target) => target.Arn !== chat);
        const run = await runVerify("prod", fake);
        assert.match(
            result(run, "rule", "kms-monitoring-prod-pagerduty-critical").message,
            /^does not target the api-destination arn:aws:events:eu-west-1:111122223333:api-destination\/kms-monitoring-prod-pagerduty\//,
        );
        assert.match(
            result(run, "rule", "kms-monitoring-prod-pagerduty-warning").message,
            /^targets the api-destination with role none, not arn:aws:iam::111122223333:role\//,
        );
        assert.equal(
            result(run, "rule", "kms-monitoring-prod-key-management").message,
            `does not target the topic ${chat}`,
        );
        assert.equal(result(run, "rule", "kms-monitoring-prod-alarms-firing").status, "PASS");
    });

    it("fails a firing rule whose deployed pattern lets OK through: TestEventPattern tells the states apart", async () => {
        const { fake } = await deployed("prod");
        const firing = rule(fake, "alarms-firing");
        const pattern = JSON.parse(firing.EventPattern!);
        assert.deepEqual(pattern.detail.state, { value: ["ALARM"] });
        pattern.detail.state.value = ["ALARM", "OK"];
        firing.EventPattern = JSON.stringify(pattern);
        const run = await runVerify("prod", fake);
        const tested = result(run, "rule-pattern", "kms-monitoring-prod-alarms-firing");
        assert.equal(tested.status, "FAIL");
        assert.match(
            tested.message,
            /^TestEventPattern: the deployed pattern matches a change of kms-monitoring-prod-\S+ into OK$/,
        );
        assert.equal(
            result(run, "rule-pattern", "kms-monitoring-prod-alarms-resolved").status,
            "PASS",
        );
    });

    it("fails a PagerDuty key-event rule that also pages for another KMS event, at the wrong severity", async () => {
        const { fake } = await deployed("prod");
        const rotation = rule(fake, "pagerduty-key-rotation");
        const pattern = JSON.parse(rotation.EventPattern!);
        assert.deepEqual(pattern["detail-type"], ["KMS CMK Rotation"]);
        pattern["detail-type"].push("KMS CMK Deletion");
        rotation.EventPattern = JSON.stringify(pattern);
        const run = await runVerify("prod", fake);
        assert.equal(
            result(run, "rule-pattern", "kms-monitoring-prod-pagerduty-key-rotation").message,
            "TestEventPattern: the deployed pattern matches KMS CMK Deletion, which it does not name",
        );
    });

    it("fails failed deliveries of a PagerDuty rule and of the chat topic", async () => {
        const { fake } = await deployed("prod");
        fake.metrics.set(
            metricKey("eu-west-1", "AWS/Events", "FailedInvocations", {
                RuleName: "kms-monitoring-prod-pagerduty-critical",
            }),
            steady(1, 6 * 3_600_000),
        );
        fake.metrics.set(
            metricKey("eu-west-1", "AWS/SNS", "NumberOfNotificationsFailed", {
                TopicName: topicOf(fake, "chat").name,
            }),
            steady(2, 12 * 3_600_000),
        );
        const run = await runVerify("prod", fake);
        assert.deepEqual(
            [...nonPassing(run, "failed-invocations"), ...nonPassing(run, "failed-notifications")],
            [
                "FAIL failed-invocations kms-monitoring-prod-pagerduty-critical: 4 invocation(s) failed for good in the last 24 hours",
                `FAIL failed-notifications ${topicOf(fake, "chat").arn}: 4 notification(s) could not be delivered in the last 24 hours`,
            ],
        );
    });
});

describe("verify: the channel subscriptions", () => {
    it("only warns when Amazon Q Developer's subscription to the chat topic is missing or pending (prod)", async () => {
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
            `WARN subscription https Amazon Q Developer: no confirmed https subscription of Amazon Q Developer on ${chat}: the chat channels get nothing`,
        ]);
        assert.equal(missing.code, 0);
        fake.subscriptions.set(chat, [
            { ...subscriptions[0], SubscriptionArn: "PendingConfirmation" },
        ]);
        const pending = await runVerify("prod", fake);
        assert.match(
            nonPassing(pending, "subscription")[0],
            /^WARN .*: no confirmed .* \(1 pending\)/,
        );
    });

    it("fails a pending webhook subscription, and a missing one, without ever showing its URL (org)", async () => {
        const { fake } = await deployed("org");
        const webhooks = topicOf(fake, "webhooks").arn;
        const [subscription] = fake.subscriptions.get(webhooks)!;
        subscription.SubscriptionArn = "PendingConfirmation";
        const pending = await runVerify("org", fake);
        const line = result(pending, "subscription", "https webhooks[0]");
        assert.equal(line.status, "FAIL");
        assert.match(line.message, /^1 of the 1 await confirmation/);
        fake.subscriptions.set(webhooks, []);
        const missing = await runVerify("org", fake);
        assert.equal(
            result(missing, "subscription", "https webhooks[0]").message,
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
            result(run, "subscription", "https webhooks[0]").message,
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
        const line = result(run, "dead-letters", queue.url);
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

describe("verify: observability and the silent members (org)", () => {
    it("names each member account the central account cannot see through a sink, and a sink that shows none", async () => {
        const { fake } = await deployed("org");
        const linked = fake.organization.linkedAccounts;
        linked.set(
            "us-east-1",
            linked.get("us-east-1")!.filter((id) => id !== "200000000012"),
        );
        linked.set("eu-west-1", []);
        const run = await runVerify("org", fake);
        const warnings = nonPassing(run, "observability");
        assert.equal(warnings.length, 7);
        assert.equal(warnings.filter((line) => line.includes("arn:aws:oam:us-east-1:")).length, 1);
        assert.match(
            warnings.find((line) => line.includes("arn:aws:oam:us-east-1:")) ?? "",
            /^WARN observability account 200000000012: shares no metrics with the sink arn:aws:oam:us-east-1:\S+: the central dashboard cannot show its keys$/,
        );
        assert.equal(
            run.results.filter((each) => each.id === "observability" && each.region === "eu-west-1")
                .length,
            6,
            "a sink no member reaches: every account named, and no PASS",
        );
        assert.equal(
            result(
                run,
                "observability",
                fake.verification.organization!.observability!.sinks.find(
                    (sink) => sink.region === "us-east-1",
                )!.arn,
            ).message,
            "5 of 6 member account(s) share their metrics with it",
        );
        assert.equal(
            run.code,
            0,
            "the dashboard misses them, but alerts do not go through the sink",
        );
    });

    it("fails a silent member's alarm, named after the account, and says where to look", async () => {
        const { fake } = await deployed("org");
        const name = (fake.verification as VerificationOutput).alarms.find(
            (alarm) => alarm.kind === "silent-member",
        )!.name;
        Object.assign(fake.alarms.get(`us-east-1 ${name}`)!, {
            StateValue: "ALARM",
            StateReason: "Threshold Crossed: no datapoints were received for 2 periods",
        });
        const run = await runVerify("org", fake);
        const alarm = result(run, "alarm", name);
        assert.equal(alarm.status, "FAIL");
        assert.match(name, /^kms-monitoring-org-silent-member-.+-\d{12}-(us-east-1|eu-west-1)$/);
        assert.match(alarm.fix ?? "", /check that account's StackSet instance/);
    });

    it("tests the silent members' rule with an alarm named as the deploy names them, and fails it when the prefix changed", async () => {
        const { fake } = await deployed("org");
        const [key, prefixed] = [...fake.rules].find(
            ([key, rule]) =>
                key.startsWith("us-east-1 default ") &&
                (rule.EventPattern ?? "").includes('"prefix":') &&
                rule.EventPattern!.includes('"ALARM"'),
        )!;
        const name = key.split(" ")[2];
        const healthy = await runVerify("org", fake);
        assert.match(
            result(healthy, "rule-pattern", name).message,
            /^TestEventPattern accepts 1 documented sample\(s\) and rejects 3$/,
        );
        prefixed.EventPattern = prefixed.EventPattern!.replace("-silent-member-", "-quiet-member-");
        const run = await runVerify("org", fake);
        assert.match(
            result(run, "rule-pattern", name).message,
            /rejects a change of kms-monitoring-org-silent-member-Example-Workload-444455556666-us-east-1 into ALARM in us-east-1/,
        );
    });

    it("names a channel rule of the organization bus after its bus", async () => {
        const { fake } = await deployed("org");
        const run = await runVerify("org", fake);
        assert.equal(
            result(run, "rule", "kms-monitoring-org-members/kms-monitoring-org-alarms-firing")
                .status,
            "PASS",
        );
        assert.equal(result(run, "rule", "kms-monitoring-org-alarms-firing").status, "PASS");
    });
});
