import { strict as assert } from "assert";
import { Widget } from "../../components/dashboard/widgets";
import { KmsMonitoring } from "../../components/stack";
import {
    EXPIRING_KEYS_QUERY,
    KEY_STORE_SIGNALS,
    KMS_REQUEST_QUOTAS,
    quotaUtilizationExpression,
} from "../../components/alarms";
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
    async function deployMultiRegion(discoverExpiringKeys: boolean, capacity = true) {
        const recorder = await installMocks();
        new KmsMonitoring("kms-monitoring", {
            discoverExpiringKeys,
            requestQuotaAlarms: capacity,
            customKeyStoreAlarms: capacity,
            quotaWarningPercent: 75,
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
                "KMS request quotas: percent of the applied quota (per second, each minute) (eu-west-1)",
                "Custom key stores: days until the proxy's TLS certificate expires (eu-west-1)",
                "Custom key stores: proxy latency (ms) (eu-west-1)",
                "Custom key stores: proxy errors, key managers not Active, throttles (eu-west-1)",
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

    it("graphs each region's quota utilization as the quota alarms compute it, and its key stores with the alarms' queries", async () => {
        const { recorder, widgets } = await deployMultiRegion(true);
        const alarms = recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm");
        for (const region of ["us-east-1", "eu-west-1"]) {
            const inRegion = widgets.filter(
                (widget) => widget.type === "metric" && widget.properties.region === region,
            );
            const quotas = inRegion.find((widget) =>
                widget.properties.title.startsWith("KMS request quotas"),
            );
            assert.ok(quotas?.type === "metric");
            const usage = quotas.properties.metrics.filter((row) => row[0] === "AWS/Usage");
            const math = quotas.properties.metrics.filter((row) => row[0] !== "AWS/Usage");
            assert.deepEqual(
                usage.map((row) => row.slice(0, -1)),
                KMS_REQUEST_QUOTAS.map((quota) => [
                    ...["AWS/Usage", "CallCount", "Service", "KMS", "Type", "API"],
                    ...["Resource", quota.resource, "Class", "None"],
                ]),
            );
            usage.forEach((row, index) => {
                const options = row[row.length - 1] as { id: string; stat: string; period: number };
                assert.deepEqual([options.stat, options.period], ["Sum", 60]);
                const [expression] = math[index] as [{ expression: string }];
                assert.equal(expression.expression, quotaUtilizationExpression(options.id));
            });
            const alarmExpression = alarms.find(
                (alarm) => alarm.inputs.name === "kms-monitoring-dev-kms-quota-symmetric",
            )?.inputs.metricQueries[1].expression;
            assert.equal(alarmExpression, quotaUtilizationExpression("usage"));
            assert.deepEqual(quotas.properties.annotations?.horizontal, [
                { label: "75%: the quota alarms fire", value: 75 },
                { label: "100%: KMS throttles", value: 100 },
            ]);
            const stores = inRegion
                .filter((widget) => widget.properties.title.startsWith("Custom key stores"))
                .flatMap((widget) => (widget.type === "metric" ? widget.properties.metrics : []))
                .map((row) => (row[0] as { expression: string }).expression);
            assert.deepEqual(
                [...stores].sort(),
                KEY_STORE_SIGNALS.map((signal) => signal.query).sort(),
            );
        }
    });

    it("has no quota or key store graph when both switches are off", async () => {
        const { widgets } = await deployMultiRegion(true, false);
        assert.ok(
            !widgets.some(
                (widget) =>
                    widget.type === "metric" && /quota|key store/i.test(widget.properties.title),
            ),
        );
    });
});
