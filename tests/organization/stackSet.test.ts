import { strict as assert } from "assert";
import { MEMBER_OPERATION_PREFERENCES } from "../../components/organization";
import { KmsMonitoring } from "../../components/stack";
import { build, restoreWarnings } from "../harness";
import { CENTRAL, centralRecorder, ORGANIZATION } from "./fixtures";

afterEach(restoreWarnings);

describe("the StackSet and its instances", () => {
    it("are service-managed, deploy automatically, follow callAs and leave out the central account", async () => {
        const recorder = await centralRecorder();
        const stackSet = recorder.one("aws:cloudformation/stackSet:StackSet");
        assert.deepEqual(
            Object.fromEntries(
                Object.entries(stackSet.inputs).filter(([key]) => key !== "templateBody"),
            ),
            {
                name: "kms-monitoring-dev-member-forwarders",
                description: "KMS monitoring forwarders for every member account and region",
                permissionModel: "SERVICE_MANAGED",
                autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
                callAs: "DELEGATED_ADMIN",
                capabilities: ["CAPABILITY_NAMED_IAM"],
                managedExecution: { active: true },
                tags: { team: "security" },
            },
        );
        const instances = recorder.byType("aws:cloudformation/stackSetInstance:StackSetInstance");
        assert.deepEqual(
            instances.map((instance) => instance.inputs),
            ORGANIZATION.organizationalUnitIds.flatMap((ou) =>
                ["us-east-1", "eu-west-1"].map((region) => ({
                    stackSetName: "kms-monitoring-dev-member-forwarders",
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
                .byType("aws:cloudformation/stackSetInstance:StackSetInstance")
                .map((instance) => [instance.urn, JSON.stringify(instance.inputs)]);
        };
        const before = await names(["ou-ab12-cdef3456"]);
        const after = await names(["ou-ab12-cdef3456", "ou-ab12-ghij7890"]);
        assert.equal(after.length, before.length + 1);
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
        assert.equal(recorder.one("aws:cloudformation/stackSet:StackSet").inputs.callAs, "SELF");
        const instances = recorder.byType("aws:cloudformation/stackSetInstance:StackSetInstance");
        assert.equal(instances.length, 2, "one per OU in the one region");
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
