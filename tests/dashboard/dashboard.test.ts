import { strict as assert } from "assert";
import { dashboardBody, dashboardUrl } from "../../components/dashboard/dashboardBody";
import { GRID_COLUMNS, layout, Widget } from "../../components/dashboard/widgets";
import { KmsMonitoring } from "../../components/stack";
import { EXPIRING_KEYS_QUERY } from "../../components/alarms";
import { installMocks, restoreWarnings, settle } from "../harness";

afterEach(restoreWarnings);

/** Every structural rule the CloudWatch dashboard body must follow. */
function assertWellFormed(widgets: readonly Widget[]): void {
    for (const widget of widgets) {
        for (const field of ["type", "x", "y", "width", "height", "properties"] as const) {
            assert.ok(field in widget, `widget has ${field}`);
        }
        assert.ok(
            widget.x >= 0 && widget.x + widget.width <= GRID_COLUMNS,
            `within ${GRID_COLUMNS} columns`,
        );
        assert.ok(widget.width >= 1 && widget.height >= 1);
        if (widget.type === "metric") {
            for (const row of widget.properties.metrics) {
                const options = row[row.length - 1];
                const plain = typeof options === "object" ? row.slice(0, -1) : row;
                if (plain.length === 0) {
                    assert.ok(
                        typeof options === "object" && "expression" in options,
                        "a row without a metric is an expression",
                    );
                    continue;
                }
                assert.ok(
                    plain.every((part) => typeof part === "string"),
                    "namespace, metric and dimensions are strings",
                );
                assert.equal(
                    plain.length % 2,
                    0,
                    "namespace, metric name, then dimension name/value pairs",
                );
            }
        }
    }
    for (const [index, a] of widgets.entries()) {
        for (const b of widgets.slice(index + 1)) {
            const overlap =
                a.x < b.x + b.width &&
                b.x < a.x + a.width &&
                a.y < b.y + b.height &&
                b.y < a.y + a.height;
            assert.ok(!overlap, `widgets at ${a.x},${a.y} and ${b.x},${b.y} overlap`);
        }
    }
}

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

describe("dashboard wiring", () => {
    it("references only the stack's own alarms, rules, keys and queue", async () => {
        const recorder = await installMocks();
        const monitoring = new KmsMonitoring("kms-monitoring", {
            namePrefix: "kms-monitoring-dev",
            importedKey: { alias: "alias/ImportedCMK", validTo: "2027-06-30T00:00:00Z" },
            watchedKeys: ["alias/legacy"],
            auditTrail: { create: true },
        });
        await settle(recorder);
        const dashboard = recorder.one("aws:cloudwatch/dashboard:Dashboard");
        assert.equal(dashboard.inputs.dashboardName, "kms-monitoring-dev");
        const { widgets } = JSON.parse(dashboard.inputs.dashboardBody) as { widgets: Widget[] };
        assertWellFormed(widgets);

        const alarmArns = recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .map((alarm) => alarm.state.arn)
            .sort();
        const shown = widgets
            .flatMap((widget) => (widget.type === "alarm" ? widget.properties.alarms : []))
            .sort();
        assert.deepEqual(shown, alarmArns, "every alarm of the stack, and no other");

        const keyIds = new Set(
            recorder
                .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
                .filter((alarm) => alarm.inputs.namespace === "AWS/KMS")
                .map((alarm) => alarm.inputs.dimensions.KeyId),
        );
        const ruleNames = new Set(
            recorder.byType("aws:cloudwatch/eventRule:EventRule").map((rule) => rule.state.name),
        );
        const queueName = recorder.one("aws:sqs/queue:Queue").state.name;
        for (const widget of widgets) {
            if (widget.type !== "metric") {
                continue;
            }
            for (const row of widget.properties.metrics) {
                if (row[0] === "AWS/KMS") {
                    assert.ok(keyIds.has(row[3]), `key ${String(row[3])} is alarmed by the stack`);
                } else if (row[0] === "AWS/Events") {
                    assert.ok(
                        ruleNames.has(row[3] as string),
                        `rule ${String(row[3])} belongs to the stack`,
                    );
                } else if (row[0] === "AWS/SQS") {
                    assert.equal(row[3], queueName);
                }
            }
        }
        assert.equal(keyIds.size, 2);
        assert.equal(
            await new Promise((resolve) => monitoring.dashboardUrl?.apply(resolve)),
            "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=kms-monitoring-dev",
        );
    });
});

describe("dashboard of a multi-region stack", () => {
    async function deployMultiRegion(discoverExpiringKeys: boolean) {
        const recorder = await installMocks();
        new KmsMonitoring("kms-monitoring", {
            discoverExpiringKeys,
            namePrefix: "kms-monitoring-dev",
            homeRegion: "us-east-1",
            regions: ["us-east-1", "eu-west-1"],
            watchedKeys: [
                "alias/legacy",
                "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab",
            ],
        });
        await settle(recorder);
        const { widgets } = JSON.parse(
            recorder.one("aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody,
        ) as { widgets: Widget[] };
        return { recorder, widgets };
    }

    it("graphs every key with expiring material in each region with the alarm's own query", async () => {
        const { widgets } = await deployMultiRegion(true);
        const expiry = widgets.filter(
            (widget) =>
                widget.type === "metric" && widget.properties.title.startsWith("Days until"),
        );
        assert.deepEqual(
            expiry.map(
                (widget) =>
                    widget.type === "metric" && [
                        widget.properties.region,
                        widget.properties.metrics,
                    ],
            ),
            ["us-east-1", "eu-west-1"].map((region) => [
                region,
                [
                    [{ expression: EXPIRING_KEYS_QUERY, id: "q", period: 3600, visible: false }],
                    [{ expression: "q / 86400", id: "d", label: "days" }],
                ],
            ]),
        );
    });

    it("graphs every watched region in widgets that read that region's metrics", async () => {
        const { recorder, widgets } = await deployMultiRegion(false);
        assertWellFormed(widgets);
        const metricWidgets = widgets.filter((widget) => widget.type === "metric");
        const remote = metricWidgets.filter((widget) => widget.properties.region === "eu-west-1");
        assert.ok(remote.every((widget) => widget.properties.title.endsWith(" (eu-west-1)")));
        assert.deepEqual(
            remote.map((widget) => widget.properties.title),
            [
                "Days until imported key material expires (eu-west-1)",
                "EventBridge rules: matched events and failed deliveries (eu-west-1)",
                "KMS API requests (AWS/Usage CallCount) (eu-west-1)",
                "Undelivered alerts in the dead-letter queue (eu-west-1)",
            ],
        );
        const remoteKeys = remote[0].properties.metrics
            .filter((row) => row[0] === "AWS/KMS")
            .map((row) => row[3]);
        assert.deepEqual(remoteKeys, ["mrk-1234abcd12ab34cd56ef1234567890ab"]);
        const remoteRules = new Set(
            recorder
                .byType("aws:cloudwatch/eventRule:EventRule")
                .filter((rule) => rule.inputs.region === "eu-west-1")
                .map((rule) => rule.state.name),
        );
        assert.deepEqual(new Set(remote[1].properties.metrics.map((row) => row[3])), remoteRules);
        const shown = widgets.flatMap((widget) =>
            widget.type === "alarm" ? widget.properties.alarms : [],
        );
        assert.ok(
            shown.some((arn) => arn.startsWith("arn:aws:cloudwatch:eu-west-1:")),
            "the remote alarms are on the alarm widget",
        );
    });
});
