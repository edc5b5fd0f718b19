import { strict as assert } from "assert";
import { MEMBER_OPERATION_PREFERENCES } from "../../components/organization";
import { KmsMonitoring } from "../../components/stack";
import { build, restoreWarnings } from "../harness";
import {
    CENTRAL,
    centralRecorder,
    FORWARDERS_STACK_SET,
    LINK_STACK_SET,
    ORGANIZATION,
    STACK_SET_TYPE,
} from "./fixtures";

const INSTANCE_TYPE = "aws:cloudformation/stackSetInstance:StackSetInstance";

afterEach(restoreWarnings);

describe("the StackSets and their instances", () => {
    it("are service-managed, deploy automatically, follow callAs and leave out the central account", async () => {
        const recorder = await centralRecorder();
        const inputsOf = (suffix: string) =>
            Object.fromEntries(
                Object.entries(recorder.one(STACK_SET_TYPE, suffix).inputs).filter(
                    ([key]) => key !== "templateBody",
                ),
            );
        const common = {
            permissionModel: "SERVICE_MANAGED",
            autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
            callAs: "DELEGATED_ADMIN",
            managedExecution: { active: true },
            tags: { team: "security" },
        };
        assert.deepEqual(inputsOf(FORWARDERS_STACK_SET), {
            ...common,
            name: "kms-monitoring-dev-member-forwarders",
            description: "KMS monitoring forwarders for every member account and region",
            capabilities: ["CAPABILITY_NAMED_IAM"],
        });
        // The link names no IAM role, so it acknowledges no IAM capability.
        assert.deepEqual(inputsOf(LINK_STACK_SET), {
            ...common,
            name: "kms-monitoring-dev-member-observability-link",
            description:
                "KMS monitoring: every member account and region's observability link to the " +
                "central account's sink",
        });
        const instances = recorder.byType(INSTANCE_TYPE);
        assert.deepEqual(
            instances.map((instance) => instance.inputs),
            [
                "kms-monitoring-dev-member-forwarders",
                "kms-monitoring-dev-member-observability-link",
            ].flatMap((stackSetName) =>
                ORGANIZATION.organizationalUnitIds.flatMap((ou) =>
                    ["us-east-1", "eu-west-1"].map((region) => ({
                        stackSetName,
                        callAs: "DELEGATED_ADMIN",
                        stackSetInstanceRegion: region,
                        deploymentTargets: {
                            organizationalUnitIds: [ou],
                            accountFilterType: "DIFFERENCE",
                            accounts: [CENTRAL],
                        },
                        operationPreferences: MEMBER_OPERATION_PREFERENCES,
                    })),
                ),
            ),
        );
    });

    it("roll the links out only after the forwarders' StackSet, so an upgrade first takes out the links it had", async () => {
        const recorder = await centralRecorder();
        const forwarders = recorder.one(STACK_SET_TYPE, FORWARDERS_STACK_SET);
        const link = [
            recorder.one(STACK_SET_TYPE, LINK_STACK_SET),
            ...recorder
                .byType(INSTANCE_TYPE)
                .filter((instance) => instance.name.includes("-member-link-stack-set-")),
        ];
        assert.equal(link.length, 5);
        for (const resource of link) {
            assert.ok(resource.dependencies?.includes(forwarders.urn), resource.name);
        }
        assert.ok(
            !forwarders.dependencies?.some((urn) => urn.includes("SinkPolicy")),
            "the forwarders wait for no sink",
        );
    });

    it("adds instances, and keeps the existing ones, when an OU is added", async () => {
        const names = async (organizationalUnitIds: string[]) => {
            const recorder = await build(
                () =>
                    new KmsMonitoring("kms-monitoring", {
                        namePrefix: "p",
                        homeRegion: "us-east-1",
                        organization: {
                            ...ORGANIZATION,
                            organizationalUnitIds,
                            regions: ["us-east-1"],
                        },
                    }),
            );
            return recorder
                .byType(INSTANCE_TYPE)
                .map((instance) => [instance.urn, JSON.stringify(instance.inputs)]);
        };
        const before = await names(["ou-ab12-cdef3456"]);
        const after = await names(["ou-ab12-cdef3456", "ou-ab12-ghij7890"]);
        assert.equal(after.length, before.length + 2, "one per StackSet");
        for (const instance of before) {
            assert.ok(
                after.some((other) => other[0] === instance[0] && other[1] === instance[1]),
                "same URN, same inputs: no replacement",
            );
        }
    });

    it("passes callAs SELF to both", async () => {
        const recorder = await build(
            () =>
                new KmsMonitoring("kms-monitoring", {
                    namePrefix: "p",
                    homeRegion: "us-east-1",
                    organization: { ...ORGANIZATION, regions: ["us-east-1"], callAs: "SELF" },
                }),
        );
        const stackSets = recorder.byType(STACK_SET_TYPE);
        assert.equal(stackSets.length, 2, "the forwarders' and the link's");
        assert.ok(stackSets.every((stackSet) => stackSet.inputs.callAs === "SELF"));
        const instances = recorder.byType(INSTANCE_TYPE);
        assert.equal(instances.length, 4, "one per StackSet and OU in the one region");
        assert.ok(instances.every((instance) => instance.inputs.callAs === "SELF"));
    });
});

describe("stacks without organization", () => {
    it("create no bus, StackSet or member rule", async () => {
        const recorder = await build(
            () => new KmsMonitoring("kms-monitoring", { namePrefix: "p", homeRegion: "us-east-1" }),
        );
        for (const type of [
            "aws:cloudwatch/eventBus:EventBus",
            "aws:cloudformation/stackSet:StackSet",
            "aws:cloudformation/stackSetInstance:StackSetInstance",
        ]) {
            assert.equal(recorder.byType(type).length, 0, type);
        }
        assert.ok(
            recorder
                .byType("aws:cloudwatch/eventRule:EventRule")
                .every((rule) => rule.inputs.eventBusName === undefined),
        );
    });
});
