import { strict as assert } from "assert";
import { Recorder, restoreWarnings } from "../harness";
import { evaluate } from "../../verify/policyEvaluator";
import * as samples from "../../verify/samples";
import { HOME, HOME_BUS, matching, multiRegionStack, REMOTE, rulesIn, targetOf } from "./fixtures";

afterEach(restoreWarnings);

describe("events from another region reach the topic", () => {
    let recorder: Recorder;
    before(async () => {
        recorder = await multiRegionStack();
    });

    it("counts each region's heartbeat at home with its own rule, and no other", () => {
        for (const region of [REMOTE, "ap-southeast-2"]) {
            const [heartbeat] = rulesIn(recorder, region).filter(
                (rule) => rule.inputs.scheduleExpression !== undefined,
            );
            assert.equal(
                heartbeat.inputs.state,
                "ENABLED",
                "a scheduled rule rejects ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
            );
            assert.equal(targetOf(recorder, heartbeat).inputs.arn, HOME_BUS);
            const arrived = matching(
                rulesIn(recorder, HOME),
                samples.scheduledEvent(heartbeat.state.arn, region),
            );
            assert.deepEqual(
                arrived.map((rule) => rule.inputs.name),
                [`kms-monitoring-dev-heartbeat-${region}`],
            );
            const alarm = recorder.one(
                "aws:cloudwatch/metricAlarm:MetricAlarm",
                `heartbeats-${region}-alarm`,
            );
            assert.deepEqual(alarm.inputs.dimensions, {
                RuleName: `kms-monitoring-dev-heartbeat-${region}`,
            });
            // Invocations is published for a rule with a target; the log group is that target.
            assert.equal(alarm.inputs.metricName, "Invocations");
            const [arrival] = arrived;
            const logGroup = recorder.one("aws:cloudwatch/logGroup:LogGroup", "heartbeats-log");
            assert.equal(targetOf(recorder, arrival).inputs.arn, logGroup.state.arn);
            assert.equal(targetOf(recorder, arrival).inputs.roleArn, undefined);
            const policy = JSON.parse(
                recorder.one(
                    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
                    "heartbeats-log-policy",
                ).inputs.policyDocument,
            );
            assert.equal(
                evaluate(policy, {
                    principal: { type: "Service", id: "events.amazonaws.com" },
                    action: "logs:PutLogEvents",
                    resource: `${logGroup.state.arn}:log-stream:x`,
                    context: { "aws:SourceArn": arrival.state.arn },
                }),
                "Allow",
            );
            assert.equal(alarm.inputs.treatMissingData, "breaching");
            assert.deepEqual(alarm.inputs.alarmActions, [
                recorder.one("aws:sns/topic:Topic").state.arn,
            ]);
            assert.match(
                alarm.inputs.alarmDescription,
                new RegExp(`No heartbeat from ${region}.*forwarding role`),
            );
        }
    });
});
