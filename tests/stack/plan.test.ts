import { strict as assert } from "assert";
import { keyStoreAlarmNames } from "../../components/alarms";
import { KmsMonitoringArgs, MonitoringPlan, planMonitoring } from "../../components/stack";
import { snapshotPlan } from "../../scripts/snapshots";

const PREFIX = "kms-monitoring-test";
const MRK_IN_US_EAST_1 =
    "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

/** A plain copy whose every object is frozen: planning must not write to its arguments. */
function frozen<T>(value: T): T {
    const copy = JSON.parse(JSON.stringify(value)) as T;
    const freeze = (item: unknown): void => {
        if (typeof item === "object" && item !== null) {
            Object.values(item).forEach(freeze);
            Object.freeze(item);
        }
    };
    freeze(copy);
    return copy;
}

const ONE_REGION: KmsMonitoringArgs = { namePrefix: PREFIX, homeRegion: "eu-west-1" };

const THREE_REGIONS: KmsMonitoringArgs = {
    namePrefix: PREFIX,
    homeRegion: "eu-west-1",
    regions: ["eu-west-1", "eu-central-1", "us-east-1"],
    watchedKeys: ["alias/legacy", MRK_IN_US_EAST_1],
};

const ORGANIZATION: KmsMonitoringArgs = {
    ...THREE_REGIONS,
    organization: { id: "o-a1b2c3d4e5", organizationalUnitIds: ["ou-ab12-cdef3456"] },
};

describe("planMonitoring", () => {
    it("plans the default rules of a one-region stack on the default bus", () => {
        const plan = planMonitoring(frozen(ONE_REGION));
        const expected = ["data-key-generation", "key-management", "key-lifecycle", "key-rotation"];
        expected.push("pending-deletion-use", "expiring-keys", "key-stores");
        assert.deepEqual(
            plan.homeRules.ruleNames,
            expected.map((role) => `${PREFIX}-${role}`),
        );
        assert.deepEqual(
            plan.topicRules,
            plan.homeRules.ruleNames.map((ruleName) => ({ ruleName, busName: "default" })),
        );
        assert.deepEqual(plan.otherRegions, []);
        assert.equal(plan.topicKeyAlias, `alias/${PREFIX}-alerts`);
        const [expiring, stores] = plan.homeRules.contributors;
        assert.deepEqual(expiring.alarmNames, [`${PREFIX}-expiring-key-material`]);
        assert.deepEqual(stores.alarmNames, keyStoreAlarmNames(PREFIX));
        assert.deepEqual([expiring.regions, stores.regions], [["eu-west-1"], ["eu-west-1"]]);
        assert.equal(plan.organization, undefined);
    });

    it("applies every default to the switches", () => {
        assert.deepEqual(planMonitoring(ONE_REGION).features, {
            encryptTopic: true,
            deadLetterQueue: true,
            selfMonitoring: true,
            keyLifecycleEvents: true,
            pendingDeletionUseAlerts: true,
            discoverExpiringKeys: true,
            requestQuotaAlarms: true,
            customKeyStoreAlarms: true,
            readableAlerts: true,
            dashboard: true,
            auditTrail: false,
            importedKey: false,
            importedKeyExpiry: false,
            organization: false,
        });
        assert.equal(planMonitoring(ONE_REGION).warningDays, 30);
        assert.equal(planMonitoring(ONE_REGION).quotaWarningPercent, 80);
    });

    it("turns parts off, and leaves out the dead-letter queue when no rule would use it", () => {
        const plan = planMonitoring({
            ...ONE_REGION,
            apiCallAlerts: [],
            keyLifecycleEvents: false,
            pendingDeletionUseAlerts: false,
            discoverExpiringKeys: false,
            customKeyStoreAlarms: false,
            encryptTopic: false,
        });
        assert.deepEqual(plan.homeRules.ruleNames, [], "no API-call, event or contributor rule");
        assert.equal(plan.features.deadLetterQueue, false);
        assert.equal(plan.topicKeyAlias, undefined);
    });

    it("puts each watched key in its own region and forwards that region's alarms home", () => {
        const plan = planMonitoring(frozen(THREE_REGIONS));
        assert.deepEqual(plan.homeWatchedKeys, ["alias/legacy"]);
        assert.deepEqual(
            plan.otherRegions.map((other) => [other.region, other.watchedKeys]),
            [
                ["eu-central-1", []],
                ["us-east-1", [MRK_IN_US_EAST_1]],
            ],
        );
        const usEast = plan.otherRegions[1].forwarding;
        const keyAlarm = `${PREFIX}-key-material-expiry-${MRK_IN_US_EAST_1.replace(/[:/]/g, "-")}`;
        assert.ok(usEast.alarmNames.includes(keyAlarm), usEast.alarmNames.join(", "));
        for (const rule of plan.homeRules.contributors) {
            assert.deepEqual(rule.regions, ["eu-west-1", "eu-central-1", "us-east-1"]);
        }
        // The home rule on the other regions' alarms names every one of them.
        const alarmPatterns = JSON.stringify(
            plan.homeRules.alarmRules.map((rule) => rule.eventPattern),
        );
        for (const alarmName of plan.otherRegions.flatMap((other) => other.forwarding.alarmNames)) {
            assert.ok(alarmPatterns.includes(JSON.stringify(alarmName)), alarmName);
        }
        assert.deepEqual(
            plan.homeRules.alarmRules.map((rule) => rule.ruleName),
            [`${PREFIX}-remote-alarms`],
        );
    });

    it("plans the organization bus, its rules and the member StackSet", () => {
        const plan = planMonitoring(frozen(ORGANIZATION));
        const organization = plan.organization;
        assert.ok(organization !== undefined);
        assert.equal(organization.busName, `${PREFIX}-members`);
        assert.equal(organization.memberPrefix, `${PREFIX}-member`);
        assert.equal(organization.stackSetName, `${PREFIX}-member-forwarders`);
        assert.equal(organization.callAs, "DELEGATED_ADMIN");
        assert.deepEqual(organization.regions, THREE_REGIONS.regions);
        assert.equal(organization.senderRoleNamePattern, `${PREFIX}-member-forwarder-*`);
        assert.equal(organization.memberHeartbeatRuleName, `${PREFIX}-member-heartbeat`);
        assert.deepEqual(organization.rules.ruleNames.slice(0, 2), [
            `${PREFIX}-data-key-generation`,
            `${PREFIX}-key-management`,
        ]);
        assert.deepEqual(organization.rules.contributors[0].alarmNames, [
            `${PREFIX}-member-expiring-key-material`,
        ]);
        const orgRules = plan.topicRules.filter((rule) => rule.busName === organization.busName);
        assert.deepEqual(
            orgRules.map((rule) => rule.ruleName),
            organization.rules.ruleNames,
        );
        assert.equal(plan.features.organization, true);
    });

    it("plans observability: a sink per member region unless reused, the link, the central dashboard", () => {
        const observability = planMonitoring(frozen(ORGANIZATION)).organization?.observability;
        assert.deepEqual(observability, {
            sinkName: `${PREFIX}-members`,
            sinkRegions: ["eu-west-1", "eu-central-1", "us-east-1"],
            existingSinkArns: {},
            link: {
                resourceTypes: ["AWS::CloudWatch::Metric"],
                metricFilter: "Namespace IN ('AWS/KMS', 'AWS/Events', 'AWS/SQS', 'AWS/Usage')",
                labelTemplate: "$AccountName",
            },
            linkStackSetName: `${PREFIX}-member-observability-link`,
            dashboardName: `${PREFIX}-organization`,
            memberDeadLetterQueueName: `${PREFIX}-member-dead-letters`,
        });
        assert.equal(
            planMonitoring(frozen(ORGANIZATION)).organization?.stackSetName,
            `${PREFIX}-member-forwarders`,
            "the forwarders keep their StackSet; the link has its own",
        );
        const sink = "arn:aws:oam:us-east-1:111122223333:sink/abcd1234";
        const reused = planMonitoring(
            frozen({
                ...ORGANIZATION,
                deadLetterQueue: false,
                dashboard: false,
                requestQuotaAlarms: false,
                organization: { ...ORGANIZATION.organization!, sinkArns: { "us-east-1": sink } },
            }),
        ).organization?.observability;
        assert.deepEqual(reused?.sinkRegions, ["eu-west-1", "eu-central-1"]);
        assert.deepEqual(reused?.existingSinkArns, { "us-east-1": sink });
        assert.equal(reused?.link.metricFilter, "Namespace IN ('AWS/KMS', 'AWS/Events')");
        assert.equal(reused?.dashboardName, undefined);
        assert.equal(reused?.memberDeadLetterQueueName, undefined);
        const off = planMonitoring(
            frozen({
                ...ORGANIZATION,
                organization: { ...ORGANIZATION.organization!, observability: false },
            }),
        ).organization;
        assert.equal(off?.observability, undefined);
    });

    it("is pure: the same arguments give the same plan", () => {
        const plans: MonitoringPlan[] = [
            planMonitoring(ORGANIZATION),
            planMonitoring(ORGANIZATION),
        ];
        assert.deepEqual(plans[0], plans[1]);
    });
});

describe("what the builders create from the plan", () => {
    for (const stack of ["dev", "prod", "org"]) {
        it(`${stack}: the rules that target the topic are exactly the planned rules its policy names`, async () => {
            const resources = (await snapshotPlan(stack)).recorded;
            const topicArn = resources.find((resource) => resource.type === "aws:sns/topic:Topic")
                ?.state.arn;
            const targetRules = new Set(
                resources
                    .filter(
                        (resource) => resource.type === "aws:cloudwatch/eventTarget:EventTarget",
                    )
                    .filter((resource) => resource.inputs.arn === topicArn)
                    // A rule ARN names its bus unless it is the default one: rule/<bus>/<name>.
                    .map((resource) =>
                        [resource.inputs.eventBusName, resource.inputs.rule]
                            .filter(Boolean)
                            .join("/"),
                    ),
            );
            const policy = resources.find(
                (resource) => resource.type === "aws:sns/topicPolicy:TopicPolicy",
            );
            const named = [
                ...JSON.stringify(policy?.inputs.policy).matchAll(/rule\/([^"\\,]+)/g),
            ].map((match) => match[1]);
            assert.ok(targetRules.size > 0);
            assert.deepEqual([...targetRules].sort(), [...new Set(named)].sort());
        });
    }
});

describe("planMonitoring's defaults", () => {
    it("puts the members in the home region when neither regions nor organization.regions say", () => {
        const plan = planMonitoring({
            namePrefix: PREFIX,
            homeRegion: "eu-west-1",
            organization: { id: "o-a1b2c3d4e5", organizationalUnitIds: ["ou-ab12-cdef3456"] },
        });
        assert.deepEqual(plan.organization?.regions, ["eu-west-1"]);
        assert.deepEqual(plan.otherRegions, []);
    });
});
