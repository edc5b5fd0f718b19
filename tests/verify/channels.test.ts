import { strict as assert } from "assert";
import type { FakeAccount } from "./fakeAccount";
import { metricKey, steady } from "./fakeMetrics";
import { deployed, runVerify } from "./runVerify";
import { exactResult, nonPassing, topicOf } from "./results";

describe("verify: PagerDuty's API destination and connection (prod)", () => {
    it("fails a DEAUTHORIZED connection with its reason, and an INACTIVE destination", async () => {
        const { fake } = await deployed("prod");
        Object.assign(fake.connections.get("kms-monitoring-prod-pagerduty")!, {
            ConnectionState: "DEAUTHORIZED",
            StateReason: "Authorization failed: the endpoint answered 401",
        });
        fake.apiDestinations.get("kms-monitoring-prod-pagerduty")!.ApiDestinationState = "INACTIVE";
        const run = await runVerify("prod", fake);
        const connection = exactResult(run, "connection", "kms-monitoring-prod-pagerduty");
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
            exactResult(run, "rule", "kms-monitoring-prod-pagerduty-critical").message,
            /^does not target the api-destination arn:aws:events:eu-west-1:111122223333:api-destination\/kms-monitoring-prod-pagerduty\//,
        );
        assert.match(
            exactResult(run, "rule", "kms-monitoring-prod-pagerduty-warning").message,
            /^targets the api-destination with role none, not arn:aws:iam::111122223333:role\//,
        );
        assert.equal(
            exactResult(run, "rule", "kms-monitoring-prod-key-management").message,
            `does not target the topic ${chat}`,
        );
        assert.equal(exactResult(run, "rule", "kms-monitoring-prod-alarms-firing").status, "PASS");
    });

    it("fails a firing rule whose deployed pattern lets OK through: TestEventPattern tells the states apart", async () => {
        const { fake } = await deployed("prod");
        const firing = rule(fake, "alarms-firing");
        const pattern = JSON.parse(firing.EventPattern!);
        assert.deepEqual(pattern.detail.state, { value: ["ALARM"] });
        pattern.detail.state.value = ["ALARM", "OK"];
        firing.EventPattern = JSON.stringify(pattern);
        const run = await runVerify("prod", fake);
        const tested = exactResult(run, "rule-pattern", "kms-monitoring-prod-alarms-firing");
        assert.equal(tested.status, "FAIL");
        assert.match(
            tested.message,
            /^TestEventPattern: the deployed pattern matches a change of kms-monitoring-prod-\S+ into OK$/,
        );
        assert.equal(
            exactResult(run, "rule-pattern", "kms-monitoring-prod-alarms-resolved").status,
            "PASS",
        );
    });

    it("fails a resolved rule whose deployed pattern lets a new alarm's first evaluation resolve", async () => {
        const { fake } = await deployed("prod");
        const resolved = rule(fake, "alarms-resolved");
        const pattern = JSON.parse(resolved.EventPattern!);
        assert.deepEqual(pattern.detail.previousState, { value: ["ALARM"] });
        delete pattern.detail.previousState;
        resolved.EventPattern = JSON.stringify(pattern);
        const run = await runVerify("prod", fake);
        assert.match(
            exactResult(run, "rule-pattern", "kms-monitoring-prod-alarms-resolved").message,
            /^TestEventPattern: the deployed pattern matches a new alarm's first evaluation: kms-monitoring-prod-\S+ from INSUFFICIENT_DATA into OK$/,
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
            exactResult(run, "rule-pattern", "kms-monitoring-prod-pagerduty-key-rotation").message,
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
