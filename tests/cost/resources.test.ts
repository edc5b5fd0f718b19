/**
 * What one resource costs by itself, as AWS bills it: per metric an alarm references (metric math
 * included, expressions not), Metrics Insights alarms per analyzed metric, keys and their rotation,
 * metric filters only when they publish all the time; Pulumi inputs and CloudFormation alike.
 */
import { strict as assert } from "assert";
import { costWarning, COST_WARNING_USD, estimateCost, pricedResource } from "../../components/cost";
import { snapshotPlan } from "../../scripts/snapshots";
import { deploy } from "../organization/fixtures";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

describe("what a resource costs by itself", () => {
    it("an alarm on one metric is one alarm metric; at a 10-second period it is high resolution", () => {
        assert.deepEqual(
            pricedResource({ type: ALARM, properties: { metricName: "X", period: 3600 } }),
            {
                kind: "alarm",
                metrics: 1,
                highResolution: false,
            },
        );
        assert.deepEqual(
            pricedResource({ type: ALARM, properties: { metricName: "X", period: 10 } }),
            {
                kind: "alarm",
                metrics: 1,
                highResolution: true,
            },
        );
    });

    it("the request quota alarm, usage / PERIOD / SERVICE_QUOTA, references one metric, in Pulumi and in the member template", async () => {
        const org = await snapshotPlan("org");
        const quota = org.recorded.find(
            (resource) =>
                resource.type === ALARM &&
                JSON.stringify(resource.inputs).includes("SERVICE_QUOTA"),
        );
        assert.ok(quota, "a quota alarm in the org stack");
        assert.deepEqual(pricedResource({ type: ALARM, properties: quota.inputs }), {
            kind: "alarm",
            metrics: 1,
            highResolution: false,
        });
        const stackSet = org.recorded.find(
            (resource) =>
                resource.type === "aws:cloudformation/stackSet:StackSet" &&
                String(resource.inputs.templateBody).includes("SERVICE_QUOTA"),
        );
        const template = JSON.parse(String(stackSet?.inputs.templateBody)) as {
            Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
        };
        const member = Object.values(template.Resources).find((resource) =>
            JSON.stringify(resource.Properties).includes("SERVICE_QUOTA"),
        );
        assert.deepEqual(pricedResource({ type: member!.Type, properties: member!.Properties }), {
            kind: "alarm",
            metrics: 1,
            highResolution: false,
        });
    });

    it("a metric math alarm on two metrics is two alarm metrics; a Metrics Insights alarm is priced per metric its query reads", () => {
        const twoMetrics = {
            metricQueries: [
                { id: "a", metric: { metricName: "A", period: 60, stat: "Sum" } },
                { id: "b", metric: { metricName: "B", period: 60, stat: "Sum" } },
                { id: "e", expression: "a + b", returnData: true },
            ],
        };
        assert.deepEqual(pricedResource({ type: ALARM, properties: twoMetrics }), {
            kind: "alarm",
            metrics: 2,
            highResolution: false,
        });
        assert.deepEqual(
            pricedResource({
                type: "AWS::CloudWatch::Alarm",
                properties: {
                    Metrics: [
                        {
                            Id: "q",
                            Expression: 'SELECT MAX(XksProxyLatency) FROM "AWS/KMS"',
                            Period: 300,
                        },
                    ],
                },
            }),
            { kind: "metrics-insights-alarm", metricName: "XksProxyLatency" },
        );
    });

    it("a key, rotating or not; a dashboard; a metric filter that publishes only on a match, or always", () => {
        assert.deepEqual(
            pricedResource({ type: "aws:kms/key:Key", properties: { enableKeyRotation: true } }),
            {
                kind: "key",
                rotates: true,
            },
        );
        assert.deepEqual(pricedResource({ type: "AWS::KMS::Key", properties: {} }), {
            kind: "key",
            rotates: false,
        });
        assert.deepEqual(
            pricedResource({ type: "aws:cloudwatch/dashboard:Dashboard", properties: {} }),
            {
                kind: "dashboard",
            },
        );
        const filter = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
        assert.deepEqual(
            pricedResource({
                type: filter,
                properties: { metricTransformation: { name: "m", value: "1" } },
            }),
            { kind: "metric-filter", dimensions: [], alwaysPublished: false },
        );
        assert.deepEqual(
            pricedResource({
                type: "AWS::Logs::MetricFilter",
                properties: {
                    MetricTransformations: [{ MetricName: "m", MetricValue: "1", DefaultValue: 0 }],
                },
            }),
            { kind: "metric-filter", dimensions: [], alwaysPublished: true },
        );
        assert.equal(pricedResource({ type: "aws:sns/topic:Topic", properties: {} }), undefined);
    });
});

describe("the cost warning", function () {
    this.timeout(60_000);

    it("says nothing up to the threshold, and past it names the largest items and what lowers them", () => {
        const alarms = (count: number) =>
            Array.from({ length: count }, () => ({
                type: ALARM,
                region: "us-east-1",
                properties: { metricName: "SecondsUntilKeyMaterialExpiration" },
            }));
        const under = estimateCost({ resources: alarms(COST_WARNING_USD * 10) });
        assert.equal(costWarning(under), undefined);
        const over = estimateCost({ resources: alarms(COST_WARNING_USD * 10 + 1) });
        assert.match(
            costWarning(over) ?? "",
            /^The fixed cost of this stack is about \$50\.10 a month, over \$50: most of it is alarm metrics in us-east-1 \(\$50\.10\)\. To lower it: each watchedKeys entry has an alarm of its own/,
        );
    });

    it("pulumi up warns when the member accounts under the OUs cost more than the threshold, and not for a few", async () => {
        // The mock organization has two active members per OU: 24 accounts in 2 regions.
        const units = Array.from(
            { length: 12 },
            (_, index) => `ou-ab12-${String(index).padStart(8, "0")}`,
        );
        // One build at a time: the mocks are the process's.
        const many = await deploy({ organizationalUnitIds: units, observability: true });
        const few = await deploy({ observability: true });
        const warning = (warnings: readonly string[]) =>
            warnings.find((entry) => /^The fixed cost of \d+ member accounts/.test(entry));
        assert.match(
            warning(many.recorder.warnings) ?? "",
            /^The fixed cost of 24 member accounts is about \$\d+\.\d\d a month, over \$50: most of it is member accounts: alarm metrics, per member account and region/,
        );
        assert.equal(warning(few.recorder.warnings), undefined);
    });
});
