import { strict as assert } from "assert";
import type { VerificationOutput } from "../../components/stack";
import { shippedStacks, snapshotPlan } from "../../scripts/snapshots";
import { isSecretWire, RecordedResource, SECRET_PLACEHOLDERS } from "../harness";

/** The outputs every stack had before the verification output: an interface, kept as it is. */
const EARLIER_OUTPUTS = [
    "topicArn",
    "importedKeyId",
    "importedKeyArn",
    "ruleNames",
    "alarmNames",
    "nextSteps",
    "emailSubscriptions",
    "alertKeyArn",
    "deadLetterQueueUrl",
    "dashboardUrl",
    "auditLogGroupName",
    "watchedRegions",
    "forwarding",
    "organizationBusArn",
    "stackSetName",
    "stackSetInstanceRegions",
];

const sorted = <T>(values: readonly T[]) => [...values].sort();
/** Resources without a region input are in the provider's region: the home region. */
const regionOf = (resource: RecordedResource, home: string): string =>
    resource.inputs.region ?? home;

for (const stack of shippedStacks()) {
    describe(`the verification output of Pulumi.${stack}.yaml`, () => {
        let verification: VerificationOutput;
        let recorded: RecordedResource[];
        let outputs: Record<string, unknown>;
        const byType = (type: string) => recorded.filter((resource) => resource.type === type);

        before(async () => {
            const plan = await snapshotPlan(stack);
            outputs = plan.outputs;
            recorded = plan.recorded;
            verification = plan.outputs.verification as VerificationOutput;
        });

        it("is added next to every earlier output, which keeps its name", () => {
            for (const name of EARLIER_OUTPUTS) {
                assert.ok(name in outputs, name);
            }
            assert.equal(verification.schemaVersion, 1);
            assert.equal(verification.account, "111122223333");
            assert.equal(verification.regions[0], verification.homeRegion);
            assert.deepEqual(verification.regions, outputs.watchedRegions);
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
                assert.equal(record?.metricsInsights, alarm.inputs.metricQueries !== undefined);
            }
        });

        it("lists every topic with its kind and key, and every dead-letter queue with its kind", () => {
            // The channels' resources are named after their component: `<name>-chat-...`, `<name>-webhooks-...`.
            const kindOf = (resource: RecordedResource) =>
                /-(chat|webhooks)-/.exec(resource.name)?.[1] ?? "alerts";
            const topics = byType("aws:sns/topic:Topic");
            assert.deepEqual(
                [...verification.topics].sort((a, b) => a.arn.localeCompare(b.arn)),
                topics
                    .map((topic) => ({
                        kind: kindOf(topic),
                        arn: topic.state.arn,
                        name: topic.state.name,
                        region: verification.homeRegion,
                        keyArn: topic.inputs.kmsMasterKeyId,
                    }))
                    .sort((a, b) => a.arn.localeCompare(b.arn)),
            );
            assert.equal(verification.topics[0].kind, "alerts", "the alert topic comes first");
            assert.deepEqual(
                sorted(
                    verification.queues.map(
                        (queue) => `${queue.kind} ${queue.region} ${queue.url} ${queue.arn}`,
                    ),
                ),
                sorted(
                    byType("aws:sqs/queue:Queue").map(
                        (queue) =>
                            `${kindOf(queue) === "webhooks" ? "sns" : "eventbridge"} ` +
                            `${regionOf(queue, verification.homeRegion)} ${queue.state.url} ${queue.state.arn}`,
                    ),
                ),
            );
        });

        it("lists the stack's subscriptions, a webhook's by position, and Amazon Q Developer's on the chat topic", () => {
            const stackMade = verification.subscriptions.filter((each) => !each.createdBy);
            const registered = byType("aws:sns/topicSubscription:TopicSubscription");
            const describe = (each: {
                topicArn: string;
                protocol: string;
                endpoint?: string;
                deadLetterQueueArn?: string;
                deliveryPolicy?: string;
            }) =>
                [
                    each.topicArn,
                    each.protocol,
                    each.endpoint,
                    each.deadLetterQueueArn,
                    each.deliveryPolicy,
                ].join(" ");
            assert.deepEqual(
                sorted(stackMade.map(describe)),
                sorted(
                    registered.map((each) =>
                        describe({
                            topicArn: each.inputs.topic,
                            protocol: each.inputs.protocol,
                            // A webhook's URL is a secret: the record leaves it out.
                            endpoint: isSecretWire(each.wireInputs.endpoint)
                                ? undefined
                                : each.inputs.endpoint,
                            deadLetterQueueArn:
                                each.inputs.redrivePolicy &&
                                JSON.parse(each.inputs.redrivePolicy).deadLetterTargetArn,
                            deliveryPolicy: each.inputs.deliveryPolicy,
                        }),
                    ),
                ),
            );
            const chatTopics = [
                ...byType("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration"),
                ...byType("aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration"),
            ].flatMap((configuration) => configuration.inputs.snsTopicArns as string[]);
            assert.deepEqual(
                verification.subscriptions
                    .filter((each) => each.createdBy === "amazon-q-developer")
                    .map((each) => `${each.topicArn} ${each.protocol}`),
                [...new Set(chatTopics)].map((arn) => `${arn} https`),
            );
        });

        it("lists every API destination with its connection, and holds no secret", () => {
            const connections = byType("aws:cloudwatch/eventConnection:EventConnection");
            assert.deepEqual(
                verification.apiDestinations.map(({ name, arn, endpoint, connectionName }) => ({
                    name,
                    arn,
                    endpoint,
                    connectionName,
                })),
                byType("aws:cloudwatch/eventApiDestination:EventApiDestination").map(
                    (destination) => ({
                        name: destination.inputs.name,
                        arn: destination.state.arn,
                        endpoint: destination.inputs.invocationEndpoint,
                        connectionName: connections.find(
                            (each) => each.state.arn === destination.inputs.connectionArn,
                        )?.inputs.name,
                    }),
                ),
            );
            const text = JSON.stringify(verification);
            for (const secret of Object.values(SECRET_PLACEHOLDERS)) {
                assert.ok(!text.includes(secret), secret);
            }
        });

        it("asks a region's trail for read-only events exactly where an API-call rule receiving its calls gets them", () => {
            // Home: the home alert rules; another region: its forwarders. Only a rule in this state
            // receives read-only management events.
            const receivesReadOnly = (region: string) =>
                verification.rules.some(
                    (rule) =>
                        rule.region === region &&
                        rule.busName === "default" &&
                        (region === verification.homeRegion
                            ? rule.kind === "alert"
                            : rule.kind === "forwarder") &&
                        (rule.eventPattern ?? "").includes("AWS API Call via CloudTrail") &&
                        rule.state === "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
                );
            assert.deepEqual(
                verification.trail.perRegion.map((each) => each.region),
                verification.trail.regions,
            );
            for (const each of verification.trail.perRegion) {
                assert.equal(each.readEvents, receivesReadOnly(each.region), each.region);
            }
        });

        it("ties each remote region's heartbeat to a listed rule and alarm", () => {
            for (const heartbeat of verification.heartbeats) {
                assert.ok(
                    verification.rules.some(
                        (rule) =>
                            rule.name === heartbeat.ruleName && rule.kind === "heartbeat-arrival",
                    ),
                );
                assert.ok(
                    verification.alarms.some(
                        (alarm) => alarm.name === heartbeat.alarmName && alarm.kind === "heartbeat",
                    ),
                );
            }
            assert.deepEqual(
                verification.heartbeats.map((heartbeat) => heartbeat.sourceRegion),
                verification.regions.slice(1),
            );
        });
    });
}

describe("the verification output's trail and organization parts", () => {
    it("asks each region's trail for read-only events only where the rules there watch one", async () => {
        const dev = (await snapshotPlan("dev")).outputs.verification as VerificationOutput;
        assert.deepEqual(dev.trail, {
            regions: ["us-east-1"],
            readEvents: true,
            writeEvents: true,
            perRegion: [{ region: "us-east-1", readEvents: true, writeEvents: true }],
        });
        const org = (await snapshotPlan("org")).outputs.verification as VerificationOutput;
        assert.deepEqual(
            org.trail.perRegion,
            ["us-east-1", "eu-west-1", "ap-southeast-2"].map((region) => ({
                region,
                readEvents: false,
                writeEvents: true,
            })),
        );
        // prod's Decrypt alert names a key in eu-west-1 (home) only: the other regions' forwarders
        // watch writes only, so their trails need not record read-only events.
        const prod = (await snapshotPlan("prod")).outputs.verification as VerificationOutput;
        assert.deepEqual(prod.trail.regions, ["eu-west-1", "eu-central-1", "us-east-1"]);
        assert.deepEqual(prod.trail.perRegion, [
            { region: "eu-west-1", readEvents: true, writeEvents: true },
            { region: "eu-central-1", readEvents: false, writeEvents: true },
            { region: "us-east-1", readEvents: false, writeEvents: true },
        ]);
        assert.equal(prod.trail.readEvents, true, "some region needs them, as before");
        assert.equal(dev.organization, undefined);
    });

    it("names the StackSet, the member regions, where the member heartbeats are kept, and the sinks", async () => {
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
            memberHeartbeats: {
                memberRuleName: "kms-monitoring-org-member-heartbeat",
                ruleName: "kms-monitoring-org-member-heartbeats",
                logGroupName: logGroups.find((group) => group.name.includes("member-heartbeats"))
                    ?.state.name,
                alarmName: "kms-monitoring-org-member-heartbeats",
            },
            observability: {
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
        const stackSet = plan.recorded.find(
            (resource) => resource.type === "aws:cloudformation/stackSet:StackSet",
        );
        const template = JSON.parse(stackSet?.inputs.templateBody) as {
            Resources: Record<string, { Type: string; Properties: any }>;
        };
        const resources = Object.values(template.Resources);
        // Invocations is published per rule only for a rule with a target (EventBridge User Guide).
        const rule = resources.find(
            (each) =>
                each.Type === "AWS::Events::Rule" &&
                each.Properties.Name === linkedMetric.dimensions.RuleName,
        );
        assert.ok((rule?.Properties.Targets ?? []).length > 0);
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
