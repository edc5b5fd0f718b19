import { strict as assert } from "assert";
import { EXPIRING_KEYS_BY_ACCOUNT_QUERY, KMS_REQUEST_QUOTAS } from "../../components/alarms";
import { KmsMonitoring } from "../../components/stack";
import { Recorder, restoreWarnings, valueOf } from "../harness";
import { parseMetricsInsights } from "../support/metricsInsights";
import { parseLinkMetricFilter } from "../support/oamLinkFilter";
import {
    centralStack,
    deploy,
    linkTemplate,
    REGIONS,
    SINK_POLICY_TYPE,
    SINK_TYPE,
    STACK_SET_TYPE,
    template,
} from "./fixtures";

const DASHBOARD_TYPE = "aws:cloudwatch/dashboard:Dashboard";

afterEach(restoreWarnings);

describe("the central dashboard", () => {
    let recorder: Recorder;
    let component: KmsMonitoring;
    before(async () => {
        ({ recorder, component } = await centralStack());
    });

    function body(): { widgets: any[] } {
        return JSON.parse(
            recorder.one(DASHBOARD_TYPE, "organization-dashboard-dashboard").inputs.dashboardBody,
        );
    }

    it("is valid dashboard JSON: every widget on the grid, in a member region", () => {
        const dashboard = recorder.one(DASHBOARD_TYPE, "organization-dashboard-dashboard");
        assert.equal(dashboard.inputs.dashboardName, "kms-monitoring-dev-organization");
        const { widgets } = body();
        assert.equal(widgets.length, 4 * REGIONS.length);
        for (const widget of widgets) {
            assert.equal(widget.type, "metric");
            assert.ok(widget.x + widget.width <= 24 && widget.x >= 0 && widget.y >= 0);
            assert.ok(REGIONS.includes(widget.properties.region));
            assert.ok(widget.properties.metrics.length > 0);
        }
    });

    it("shows every member's keys with one cross-account Metrics Insights query per region, soonest first", () => {
        for (const region of REGIONS) {
            const keys = body().widgets.filter(
                (widget) =>
                    widget.properties.region === region &&
                    /by account and key/.test(widget.properties.title),
            );
            assert.equal(keys.length, 1);
            const [[query]] = keys[0].properties.metrics;
            assert.equal(query.expression, EXPIRING_KEYS_BY_ACCOUNT_QUERY);
            const parsed = parseMetricsInsights(query.expression);
            assert.deepEqual(parsed.groupBy, ["AWS.AccountId", "KeyId"]);
            assert.deepEqual(parsed.orderBy, { function: "MIN", direction: "ASC" });
            assert.equal(parsed.metric, "SecondsUntilKeyMaterialExpiration");
            assert.deepEqual(keys[0].properties.annotations.horizontal[0].value, 30 * 86_400);
        }
    });

    it("shows the member forwarders' failures and dead letters by account, for the rules and queue the template names", () => {
        const resources = template(recorder).Resources;
        const ruleNames = Object.values(resources)
            .filter((resource) => resource.Type === "AWS::Events::Rule")
            .map((rule) => rule.Properties.Name)
            .sort();
        const queueName = resources.DeadLetterQueue.Properties.QueueName;
        for (const region of REGIONS) {
            const widgets = body().widgets.filter((widget) => widget.properties.region === region);
            const failures = widgets.find((widget) =>
                /failed deliveries/.test(widget.properties.title),
            );
            const parsed = failures.properties.metrics.map((row: any[]) =>
                parseMetricsInsights(row[0].expression),
            );
            assert.deepEqual(parsed.map((query: any) => query.where[0].value).sort(), ruleNames);
            for (const query of parsed) {
                assert.equal(query.metric, "FailedInvocations");
                assert.deepEqual(query.groupBy, ["AWS.AccountId", "RuleName"]);
            }
            const deadLetters = widgets.find((widget) =>
                /dead-letter/.test(widget.properties.title),
            );
            const dlq = parseMetricsInsights(deadLetters.properties.metrics[0][0].expression);
            assert.deepEqual(dlq.where, [{ key: "QueueName", operator: "=", value: queueName }]);
            assert.deepEqual(dlq.groupBy, ["AWS.AccountId"]);
        }
    });

    it("shows each member's rate on every shared request quota, by account, from the namespace the link shares", () => {
        const filter: string =
            linkTemplate(recorder).Resources.ObservabilityLink.Properties.LinkConfiguration
                .MetricConfiguration.Filter;
        for (const region of REGIONS) {
            const [rates] = body().widgets.filter(
                (widget) =>
                    widget.properties.region === region &&
                    /requests per second/.test(widget.properties.title),
            );
            const rows = rates.properties.metrics.map((row: any[]) => row[0]);
            const queries = rows.filter((row: any) => row.expression.startsWith("SELECT"));
            assert.deepEqual(
                queries.map((row: any) => parseMetricsInsights(row.expression)),
                KMS_REQUEST_QUOTAS.map((quota) => ({
                    function: "SUM",
                    metric: "CallCount",
                    namespace: "AWS/Usage",
                    schemaDimensions: ["Class", "Resource", "Service", "Type"],
                    where: [
                        { key: "Service", operator: "=", value: "KMS" },
                        { key: "Type", operator: "=", value: "API" },
                        { key: "Class", operator: "=", value: "None" },
                        { key: "Resource", operator: "=", value: quota.resource },
                    ],
                    groupBy: ["AWS.AccountId"],
                    orderBy: { function: "SUM", direction: "DESC" },
                })),
            );
            // A minute's calls, per second: the period of the query it divides.
            queries.forEach((row: any, index: number) => {
                assert.equal(row.period, 60);
                assert.equal(rows[2 * index + 1].expression, `${row.id} / 60`);
            });
            assert.ok(parseLinkMetricFilter(filter)("AWS/Usage"));
        }
    });

    it("is the centralDashboardUrl output", async () => {
        assert.equal(
            await valueOf(component.centralDashboardUrl),
            "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=kms-monitoring-dev-organization",
        );
    });
});

describe("organization.observability: false", () => {
    it("creates no sink, link, central dashboard, metric filter or per-account alarm", async () => {
        const { recorder, component } = await deploy({ observability: false });
        for (const type of [
            SINK_TYPE,
            SINK_POLICY_TYPE,
            "aws:cloudwatch/logMetricFilter:LogMetricFilter",
        ]) {
            assert.equal(recorder.byType(type).length, 0, type);
        }
        assert.deepEqual(
            recorder.byType(DASHBOARD_TYPE).map((dashboard) => dashboard.inputs.dashboardName),
            ["kms-monitoring-dev"],
        );
        const resources = Object.values(template(recorder).Resources);
        assert.ok(!resources.some((resource) => resource.Type === "AWS::Oam::Link"));
        assert.equal(template(recorder).Mappings, undefined);
        assert.equal(recorder.byType(STACK_SET_TYPE).length, 1, "no link StackSet");
        assert.ok(
            !recorder
                .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
                .some((alarm) => alarm.inputs.name.includes("silent-member")),
        );
        assert.equal(component.observabilitySinkArns, undefined);
        assert.equal(component.centralDashboardUrl, undefined);
    });

    it("keeps the sinks and links but not the central dashboard with dashboard: false", async () => {
        const { recorder, component } = await deploy({}, { dashboard: false });
        assert.equal(recorder.byType(DASHBOARD_TYPE).length, 0);
        assert.equal(recorder.byType(SINK_TYPE).length, REGIONS.length);
        assert.equal(component.centralDashboardUrl, undefined);
    });
});
