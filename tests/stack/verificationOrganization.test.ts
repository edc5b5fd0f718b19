import { strict as assert } from "assert";
import type { VerificationOutput } from "../../components/stack";
import { snapshotPlan } from "../../scripts/snapshots";
import { sorted } from "./verificationFixtures";

describe("the verification output's trail and organization parts", () => {
    it("names both StackSets, the member regions, where the member heartbeats are kept, and the sinks", async () => {
        const plan = await snapshotPlan("org");
        const organization = (plan.outputs.verification as VerificationOutput).organization;
        const logGroups = plan.recorded.filter(
            (resource) => resource.type === "aws:cloudwatch/logGroup:LogGroup",
        );
        assert.deepEqual(organization, {
            organizationId: "o-a1b2c3d4e5",
            organizationalUnitIds: ["ou-ab12-cdef3456", "ou-ab12-ghij7890"],
            stackSetName: plan.outputs.stackSetName,
            callAs: "DELEGATED_ADMIN",
            regions: ["us-east-1", "eu-west-1"],
            centralAccount: "111122223333",
            busName: "kms-monitoring-org-members",
            // org watches writes only (Pulumi.org.yaml).
            // org's alerts watch writes only, but the pending-deletion rule every call, read-only
            // ones included (Decrypt...), in every member region.
            memberTrail: ["us-east-1", "eu-west-1"].map((region) => ({
                region,
                readEvents: true,
                writeEvents: true,
            })),
            memberHeartbeats: {
                memberRuleName: "kms-monitoring-org-member-heartbeat",
                ruleName: "kms-monitoring-org-member-heartbeats",
                logGroupName: logGroups.find((group) => group.name.includes("member-heartbeats"))
                    ?.state.name,
                alarmName: "kms-monitoring-org-member-heartbeats",
            },
            observability: {
                linkStackSetName: plan.outputs.linkStackSetName,
                sinks: Object.entries(plan.outputs.observabilitySinkArns as object).map(
                    ([region, arn]) => ({ region, arn }),
                ),
                linkedMetric: {
                    namespace: "AWS/Events",
                    metricName: "Invocations",
                    dimensions: { RuleName: "kms-monitoring-org-member-heartbeat" },
                },
            },
        });
    });

    it("shares the linked metric from every member: a rule with a target, in a namespace the link lets through", async () => {
        const plan = await snapshotPlan("org");
        const { linkedMetric } = (plan.outputs.verification as VerificationOutput).organization!
            .observability!;
        const resources = plan.recorded
            .filter((resource) => resource.type === "aws:cloudformation/stackSet:StackSet")
            .map(
                (stackSet) =>
                    JSON.parse(stackSet.inputs.templateBody) as {
                        Resources: Record<string, { Type: string; Properties: any }>;
                    },
            )
            .flatMap((template) => Object.values(template.Resources));
        // Invocations is published per rule only for a rule with a target (EventBridge User Guide).
        const rule = resources.find(
            (each) =>
                each.Type === "AWS::Events::Rule" &&
                each.Properties.Name === linkedMetric.dimensions.RuleName,
        );
        assert.ok((rule?.Properties.Targets ?? []).length > 0);
        assert.equal(plan.outputs.linkStackSetName, "kms-monitoring-org-member-observability-link");
        assert.equal(plan.outputs.stackSetName, "kms-monitoring-org-member-forwarders");
        const link = resources.find((each) => each.Type === "AWS::Oam::Link");
        assert.match(
            link?.Properties.LinkConfiguration.MetricConfiguration.Filter,
            new RegExp(`'${linkedMetric.namespace}'`),
        );
    });

    it("tells each member account's silent-member alarm, named at deploy time, from the count alarm", async () => {
        const plan = await snapshotPlan("org");
        const verification = plan.outputs.verification as VerificationOutput;
        const perAccount = plan.recorded
            .filter((resource) => resource.type === "aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter((alarm) => alarm.inputs.dimensions?.Account !== undefined)
            .map((alarm) => alarm.inputs.name);
        assert.ok(perAccount.length >= 2);
        assert.deepEqual(
            sorted(
                verification.alarms
                    .filter((alarm) => alarm.kind === "silent-member")
                    .map((alarm) => alarm.name),
            ),
            sorted(perAccount),
        );
        assert.equal(
            verification.alarms.find(
                (alarm) => alarm.name === "kms-monitoring-org-member-heartbeats",
            )?.kind,
            "member-heartbeats",
        );
    });
});
