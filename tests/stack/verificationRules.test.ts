import { strict as assert } from "assert";
import type { VerificationOutput } from "../../components/stack";
import { shippedStacks } from "../../scripts/snapshots";
import { regionOf, sorted, verifiedStack, VerifiedStack } from "./verificationFixtures";

for (const stack of shippedStacks()) {
    describe(`the verification output of Pulumi.${stack}.yaml`, () => {
        let verification: VerificationOutput;
        let outputs: Record<string, unknown>;
        let byType: VerifiedStack["byType"];

        before(async () => {
            ({ verification, outputs, byType } = await verifiedStack(stack));
        });

        it("lists every rule the stack registers, with its region, bus, state and pattern", () => {
            const home = verification.homeRegion;
            const registered = byType("aws:cloudwatch/eventRule:EventRule").map((rule) => ({
                name: rule.inputs.name,
                region: regionOf(rule, home),
                busName: rule.inputs.eventBusName ?? "default",
                state: rule.inputs.state,
                eventPattern: rule.inputs.eventPattern,
                scheduleExpression: rule.inputs.scheduleExpression,
            }));
            const listed = verification.rules.map((rule) => ({
                name: rule.name,
                region: rule.region,
                busName: rule.busName,
                state: rule.state,
                eventPattern: rule.eventPattern,
                scheduleExpression: rule.scheduleExpression,
            }));
            const key = (rule: { name: string; region: string; busName: string }) =>
                `${rule.region} ${rule.busName} ${rule.name}`;
            assert.deepEqual(sorted(listed.map(key)), sorted(registered.map(key)));
            for (const rule of listed) {
                const deployed = registered.find((each) => key(each) === key(rule));
                assert.deepEqual(rule, deployed, key(rule));
            }
        });

        it("gives each rule exactly its registered targets: ARN, role, dead-letter queue, retries", () => {
            const home = verification.homeRegion;
            const byArn = (a: { arn: string }, b: { arn: string }) => a.arn.localeCompare(b.arn);
            for (const rule of verification.rules) {
                const targets = byType("aws:cloudwatch/eventTarget:EventTarget").filter(
                    (target) =>
                        target.inputs.rule === rule.name &&
                        regionOf(target, home) === rule.region &&
                        (target.inputs.eventBusName ?? "default") === rule.busName,
                );
                assert.deepEqual(
                    rule.targets
                        .map((target) => ({
                            arn: target.arn,
                            roleArn: target.roleArn,
                            deadLetterQueueArn: target.deadLetterQueueArn,
                            retryPolicy: target.retryPolicy,
                        }))
                        .sort(byArn),
                    targets
                        .map((target) => ({
                            arn: target.inputs.arn,
                            roleArn: target.inputs.roleArn,
                            deadLetterQueueArn: target.inputs.deadLetterConfig?.arn,
                            retryPolicy: target.inputs.retryPolicy,
                        }))
                        .sort(byArn),
                    rule.name,
                );
                // An API destination is named by its ARN's resource type; any other ARN is a topic, bus or log group.
                for (const target of rule.targets) {
                    assert.equal(
                        target.kind === "api-destination",
                        target.arn.includes(":api-destination/"),
                        `${rule.name} ${target.arn}`,
                    );
                }
            }
        });

        it("names every alarm once with its region, unlike alarmNames, and says which notify the topic", () => {
            const home = verification.homeRegion;
            const alarms = byType("aws:cloudwatch/metricAlarm:MetricAlarm");
            const key = (name: string, region: string) => `${region} ${name}`;
            const listed = verification.alarms.map((alarm) => key(alarm.name, alarm.region));
            assert.equal(new Set(listed).size, listed.length, "each alarm is named once");
            assert.deepEqual(
                sorted(listed),
                sorted(alarms.map((alarm) => key(alarm.inputs.name, regionOf(alarm, home)))),
            );
            assert.deepEqual(
                sorted(verification.alarms.map((alarm) => alarm.name)),
                sorted(outputs.alarmNames as string[]),
            );
            for (const alarm of alarms) {
                const record = verification.alarms.find(
                    (each) =>
                        key(each.name, each.region) ===
                        key(alarm.inputs.name, regionOf(alarm, home)),
                );
                assert.equal(record?.notifies, alarm.inputs.alarmActions?.[0], alarm.inputs.name);
                // A Metrics Insights alarm's query is a SELECT; metric math (the quota alarms) is not.
                const insights = (alarm.inputs.metricQueries ?? []).some(
                    (query: { expression?: string }) => query.expression?.startsWith("SELECT"),
                );
                assert.equal(record?.metricsInsights, insights, alarm.inputs.name);
            }
        });
    });
}
