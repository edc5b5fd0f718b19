import { strict as assert } from "assert";
import { dashboardBody, dashboardUrl } from "../../components/dashboard/dashboardBody";
import { layout } from "../../components/dashboard/widgets";
import { assertWellFormed } from "./wellFormed";

describe("dashboard body", () => {
    const inputs = {
        region: "eu-west-1",
        expiringKeys: [
            { label: "alias/ImportedCMK", keyId: "k1" },
            { label: "alias/legacy", keyId: "k2" },
        ],
        ruleNames: ["r1", "r2"],
        alarmArns: ["arn:aws:cloudwatch:eu-west-1:111122223333:alarm:a"],
        deadLetterQueueName: "dlq",
    };

    it("is well formed, on the 24-column grid, without overlaps", () => {
        const { widgets } = dashboardBody(inputs);
        assert.equal(widgets.length, 5);
        assertWellFormed(widgets);
    });

    it("shows days until expiry with metric math on each key's seconds", () => {
        const [expiry] = dashboardBody(inputs).widgets;
        assert.ok(expiry.type === "metric");
        assert.deepEqual(expiry.properties.metrics, [
            [
                "AWS/KMS",
                "SecondsUntilKeyMaterialExpiration",
                "KeyId",
                "k1",
                { id: "s0", stat: "Minimum", visible: false },
            ],
            [{ expression: "s0 / 86400", label: "alias/ImportedCMK", id: "d0" }],
            [
                "AWS/KMS",
                "SecondsUntilKeyMaterialExpiration",
                "KeyId",
                "k2",
                { id: "s1", stat: "Minimum", visible: false },
            ],
            [{ expression: "s1 / 86400", label: "alias/legacy", id: "d1" }],
        ]);
    });

    it("shows matched and failed events per rule, KMS call volume, the queue and the alarms", () => {
        const [, rules, usage, queue, alarms] = dashboardBody(inputs).widgets;
        assert.ok(
            rules.type === "metric" &&
                usage.type === "metric" &&
                queue.type === "metric" &&
                alarms.type === "alarm",
        );
        assert.deepEqual(
            rules.properties.metrics.map((row) => row.slice(0, 4)),
            [
                ["AWS/Events", "MatchedEvents", "RuleName", "r1"],
                ["AWS/Events", "FailedInvocations", "RuleName", "r1"],
                ["AWS/Events", "MatchedEvents", "RuleName", "r2"],
                ["AWS/Events", "FailedInvocations", "RuleName", "r2"],
            ],
        );
        for (const row of usage.properties.metrics) {
            assert.deepEqual(
                [...row.slice(0, 6), ...row.slice(8, 10)],
                ["AWS/Usage", "CallCount", "Service", "KMS", "Type", "API", "Class", "None"],
            );
        }
        assert.ok(usage.properties.metrics.some((row) => row[7] === "GenerateDataKey"));
        assert.deepEqual(queue.properties.metrics, [
            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "dlq"],
        ]);
        assert.deepEqual(alarms.properties.alarms, inputs.alarmArns);
    });

    it("leaves out what the stack does not have", () => {
        const { widgets } = dashboardBody({
            region: "us-east-1",
            expiringKeys: [],
            ruleNames: [],
            alarmArns: [],
        });
        assert.deepEqual(
            widgets.map((widget) => widget.properties.title),
            ["KMS API requests (AWS/Usage CallCount)"],
        );
    });

    it("splits long lists so no widget shows more than 100 items", () => {
        const many = Array.from(
            { length: 250 },
            (_, index) => `arn:aws:cloudwatch:us-east-1:111122223333:alarm:a${index}`,
        );
        const { widgets } = dashboardBody({
            region: "us-east-1",
            expiringKeys: [],
            ruleNames: [],
            alarmArns: many,
        });
        const alarmWidgets = widgets.filter((widget) => widget.type === "alarm");
        assert.deepEqual(
            alarmWidgets.map((widget) =>
                widget.type === "alarm" ? widget.properties.alarms.length : 0,
            ),
            [100, 100, 50],
        );
        assertWellFormed(widgets);
    });

    it("starts a new row when a widget does not fit", () => {
        const placed = layout([
            { type: "alarm", width: 12, height: 3, properties: { title: "a", alarms: [] } },
            { type: "alarm", width: 12, height: 5, properties: { title: "b", alarms: [] } },
            { type: "alarm", width: 24, height: 2, properties: { title: "c", alarms: [] } },
        ]);
        assert.deepEqual(
            placed.map((widget) => [widget.x, widget.y]),
            [
                [0, 0],
                [12, 0],
                [0, 5],
            ],
        );
    });

    it("links to the console of the stack's partition and region", () => {
        assert.equal(
            dashboardUrl("aws", "eu-west-1", "kms-monitoring-dev"),
            "https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=kms-monitoring-dev",
        );
        assert.equal(
            dashboardUrl("aws-cn", "cn-north-1", "d"),
            "https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#dashboards:name=d",
        );
        assert.equal(
            dashboardUrl("aws-us-gov", "us-gov-west-1", "d"),
            "https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#dashboards:name=d",
        );
    });
});
