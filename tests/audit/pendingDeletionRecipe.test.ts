import { strict as assert } from "assert";
import { restoreWarnings } from "../harness";
import { matchesFilterPattern } from "../support/logsFilterPattern";
import * as samples from "../../verify/samples";
import * as misuse from "../../verify/misuseSamples";
import { deploy } from "./fixtures";

afterEach(restoreWarnings);

describe("the KMS guide's pending-deletion recipe on the trail", () => {
    it("adds the KMS guide's pending-deletion filter and alarm exactly as documented", async () => {
        const recorder = await deploy({ create: true });
        const filter = recorder.one(
            "aws:cloudwatch/logMetricFilter:LogMetricFilter",
            "pending-deletion-filter",
        );
        assert.equal(
            filter.inputs.pattern,
            '{ $.eventSource = kms* && $.errorMessage = "* is pending deletion."}',
        );
        assert.deepEqual(filter.inputs.metricTransformation, {
            name: "KMSKeyPendingDeletionErrorCount",
            namespace: "CloudTrailLogMetrics",
            value: "1",
        });
        // CloudTrail writes the record (the event's detail) to the log group.
        const record = (event: { detail: object }) => event.detail;
        assert.ok(
            matchesFilterPattern(filter.inputs.pattern, record(misuse.pendingDeletionDecryptEvent)),
        );
        for (const other of [
            samples.decryptEvent,
            misuse.notPendingDeletionEvent,
            misuse.deniedDecryptEvent,
        ]) {
            assert.ok(!matchesFilterPattern(filter.inputs.pattern, record(other)));
        }
        const alarm = recorder.one(
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "pending-deletion-alarm",
        );
        assert.deepEqual(
            [
                alarm.inputs.name,
                alarm.inputs.namespace,
                alarm.inputs.metricName,
                alarm.inputs.comparisonOperator,
                alarm.inputs.threshold,
                alarm.inputs.evaluationPeriods,
                alarm.inputs.treatMissingData,
            ],
            [
                "kms-monitoring-dev-KMSKeyPendingDeletionErrorAlarm",
                "CloudTrailLogMetrics",
                "KMSKeyPendingDeletionErrorCount",
                "GreaterThanOrEqualToThreshold",
                1,
                1,
                "notBreaching",
            ],
        );
        assert.deepEqual(alarm.inputs.alarmActions, [
            recorder.one("aws:sns/topic:Topic").state.arn,
        ]);
        assert.match(alarm.inputs.alarmDescription, /kms-monitoring-dev-pending-deletion-use/);
    });

    it("leaves the pending-deletion filter out with pendingDeletionUseAlerts off", async () => {
        const recorder = await deploy({ create: true }, { pendingDeletionUseAlerts: false });
        assert.deepEqual(
            recorder
                .byType("aws:cloudwatch/logMetricFilter:LogMetricFilter")
                .map((filter) => filter.name),
            ["kms-monitoring-audit-cis-filter"],
        );
    });
});
