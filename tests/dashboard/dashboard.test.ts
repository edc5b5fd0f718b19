import { strict as assert } from "assert";
import { Widget } from "../../components/dashboard/widgets";
import { KmsMonitoring } from "../../components/stack";
import { EXPIRING_KEYS_QUERY } from "../../components/alarms";
import { installMocks, restoreWarnings, settle } from "../harness";
import { assertWellFormed } from "./wellFormed";

afterEach(restoreWarnings);

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
