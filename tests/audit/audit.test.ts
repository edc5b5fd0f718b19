import { strict as assert } from "assert";
import { auditQueries, CIS_KMS_PATTERN } from "../../components/audit/auditQueries";
import { KmsMonitoring } from "../../components/stack";
import { installMocks, restoreWarnings, settle } from "../harness";
import { deploy } from "./fixtures";
import { parseQuery } from "../support/logsInsights";

afterEach(restoreWarnings);

describe("the test Logs Insights checker", () => {
    it("accepts a pipeline and splits it outside quotes and parentheses", () => {
        const parsed = parseQuery(
            '# c\nfields a\n| filter b = "x|y" and ispresent(c)\n| stats count(*) as n by bin(1h)\n| sort n desc\n| limit 10',
        );
        assert.deepEqual(parsed.comments, ["# c"]);
        assert.deepEqual(
            parsed.commands.map((command) => command.name),
            ["fields", "filter", "stats", "sort", "limit"],
        );
    });

    it("rejects unknown commands, bad sorts and limits, and unbalanced text", () => {
        assert.throws(() => parseQuery("fields a\n| where b"), /unknown command/);
        assert.throws(() => parseQuery("fields a\n| sort a"), /asc or desc/);
        assert.throws(() => parseQuery("fields a\n| limit 20000"), /1..10000/);
        assert.throws(() => parseQuery('fields a\n| filter b = "x'), /unterminated/);
        assert.throws(() => parseQuery("fields a\n| stats a by b"), /aggregate function/);
    });
});

describe("saved audit queries", () => {
    it("are valid Logs Insights pipelines with a header saying what to replace", () => {
        const queries = auditQueries("arn:aws:kms:us-east-1:111122223333:key/k");
        assert.equal(queries.length, 6);
        for (const each of queries) {
            const parsed = parseQuery(each.query);
            assert.ok(each.query.startsWith("# "), each.name);
            assert.match(parsed.comments[0], /Replace|Nothing to replace/, each.name);
            assert.equal(parsed.commands[0].name, "fields", each.name);
            assert.ok(
                parsed.commands.some((command) => command.name === "filter"),
                each.name,
            );
        }
    });

    it("answer the workshop's questions", () => {
        const [byEvent, byUser, byAccessKey, bySource, failed, byKey] = auditQueries(
            "arn:aws:kms:us-east-1:111122223333:key/k",
        ).map((each) => each.query);
        assert.match(
            byEvent,
            /eventName = "GenerateDataKey"[\s\S]*stats count\(\*\) as calls by bin\(1h\)/,
        );
        assert.match(byUser, /userIdentity\.arn like "Alice"/);
        assert.match(byAccessKey, /userIdentity\.accessKeyId = "AKIAIOSFODNN7EXAMPLE"/);
        assert.match(bySource, /by userIdentity\.invokedBy, userAgent, sourceIPAddress/);
        assert.match(failed, /ispresent\(errorCode\)/);
        assert.match(byKey, /resources\.0\.ARN = "arn:aws:kms:us-east-1:111122223333:key\/k"/);
        for (const query of [byEvent, byUser, bySource, failed, byKey]) {
            assert.match(query, /eventSource = "kms\.amazonaws\.com"/);
        }
    });

    it("start the per-key query from an example ARN without an imported key", () => {
        assert.match(auditQueries()[5].query, /Replace arn:aws:kms:.*key\/1234abcd/);
    });
});

describe("audit trail wiring", () => {
    it("creates nothing of the audit when create is false", async () => {
        const recorder = await deploy({ create: false });
        assert.equal(recorder.byType("awsx:cloudtrail:Trail").length, 0);
        assert.equal(recorder.byType("aws:cloudwatch/logMetricFilter:LogMetricFilter").length, 0);
        assert.equal(recorder.byType("aws:cloudwatch/queryDefinition:QueryDefinition").length, 0);
    });

    it("hands awsx a multi-region, validated trail of all management events, KMS included, with logs", async () => {
        const recorder = await deploy({
            create: true,
            logsRetentionDays: 30,
            forceDestroyBucket: true,
        });
        const trail = recorder.one("awsx:cloudtrail:Trail");
        assert.equal(trail.custom, false, "awsx components are remote components");
        assert.deepEqual(trail.inputs, {
            name: "kms-monitoring-dev-audit",
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            enableLogFileValidation: true,
            eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
            cloudWatchLogsGroup: {
                enable: true,
                args: {
                    name: "/aws/cloudtrail/kms-monitoring-dev",
                    retentionInDays: 30,
                    tags: { stack: "dev" },
                },
            },
            s3Bucket: { args: { forceDestroy: true, tags: { stack: "dev" } } },
            tags: { stack: "dev" },
        });
    });

    it("defaults to 90 days of logs, and keeps a bucket that holds logs on a production stack only, as the stack config does", async () => {
        const trail = (await deploy({ create: true })).one("awsx:cloudtrail:Trail");
        assert.equal(trail.inputs.cloudWatchLogsGroup.args.retentionInDays, 90);
        assert.equal(trail.inputs.s3Bucket.args.forceDestroy, true);
        const production = await installMocks({ stack: "prod" });
        new KmsMonitoring("kms-monitoring", {
            namePrefix: "kms-monitoring-prod",
            auditTrail: { create: true },
        });
        await settle(production);
        assert.equal(
            production.one("awsx:cloudtrail:Trail").inputs.s3Bucket.args.forceDestroy,
            false,
        );
    });

    it("adds the CIS metric filter with the exact pattern, and its alarm", async () => {
        const recorder = await deploy({ create: true });
        const filter = recorder.one("aws:cloudwatch/logMetricFilter:LogMetricFilter", "cis-filter");
        assert.equal(
            filter.inputs.pattern,
            "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
        );
        assert.equal(filter.inputs.pattern, CIS_KMS_PATTERN);
        assert.equal(filter.inputs.logGroupName, "/aws/cloudtrail/kms-monitoring-dev");
        assert.deepEqual(filter.inputs.metricTransformation, {
            name: "kms-monitoring-dev-KmsKeyDisabledOrScheduledForDeletion",
            namespace: "LogMetrics",
            value: "1",
        });
        const alarm = recorder.one("aws:cloudwatch/metricAlarm:MetricAlarm", "cis-alarm");
        assert.equal(alarm.inputs.namespace, "LogMetrics");
        assert.equal(alarm.inputs.metricName, filter.inputs.metricTransformation.name);
        assert.equal(alarm.inputs.comparisonOperator, "GreaterThanOrEqualToThreshold");
        assert.equal(alarm.inputs.threshold, 1);
        assert.deepEqual(alarm.inputs.alarmActions, [
            recorder.one("aws:sns/topic:Topic").state.arn,
        ]);
    });

    it("leaves the CIS filter out when asked", async () => {
        const recorder = await deploy({ create: true, cisMetricFilter: false });
        assert.deepEqual(
            recorder
                .byType("aws:cloudwatch/logMetricFilter:LogMetricFilter")
                .map((filter) => filter.name),
            ["kms-monitoring-audit-pending-deletion-filter"],
        );
    });

    it("saves the queries on the trail's log group, in a folder named after the stack", async () => {
        const recorder = await deploy(
            { create: true },
            { importedKey: { alias: "alias/ImportedCMK" } },
        );
        const queries = recorder.byType("aws:cloudwatch/queryDefinition:QueryDefinition");
        assert.deepEqual(
            queries.map((query) => query.inputs.name).sort(),
            auditQueries()
                .map((query) => `kms-monitoring-dev/${query.name}`)
                .sort(),
        );
        for (const query of queries) {
            assert.deepEqual(query.inputs.logGroupNames, ["/aws/cloudtrail/kms-monitoring-dev"]);
        }
        const keyArn = recorder.one("aws:kms/externalKey:ExternalKey").state.arn;
        assert.ok(
            queries.some((query) =>
                query.inputs.queryString.includes(`resources.0.ARN = "${keyArn}"`),
            ),
        );
    });
});
