import { strict as assert } from "assert";
import { observabilitySinkPolicy } from "../../components/organization";
import { KmsMonitoring } from "../../components/stack";
import { foreignSinkWarnings } from "../../components/stack/observability";
import { Recorder, restoreWarnings, valueOf } from "../harness";
import { findInMap } from "../support/cloudFormationSpec";
import {
    CENTRAL,
    centralStack,
    deploy,
    ORG,
    OU,
    REGIONS,
    ROOT,
    SINK_POLICY_TYPE,
    SINK_TYPE,
    LINK_STACK_SET,
    STACK_SET_TYPE,
    linkTemplate,
} from "./fixtures";

afterEach(restoreWarnings);

describe("the central account's sinks", () => {
    let recorder: Recorder;
    let component: KmsMonitoring;
    before(async () => {
        ({ recorder, component } = await centralStack());
    });

    it("are one per member region, each with the organization's policy for the OUs", () => {
        const sinks = recorder.byType(SINK_TYPE);
        assert.deepEqual(
            sinks.map((sink) => [sink.inputs.name, sink.inputs.region]),
            REGIONS.map((region) => ["kms-monitoring-dev-members", region]),
        );
        const policies = recorder.byType(SINK_POLICY_TYPE);
        assert.deepEqual(
            policies.map((policy) => [policy.inputs.sinkIdentifier, policy.inputs.region]),
            sinks.map((sink) => [sink.state.arn, sink.inputs.region]),
        );
        for (const policy of policies) {
            assert.deepEqual(
                JSON.parse(policy.inputs.policy),
                observabilitySinkPolicy(ORG, [OU, ROOT]),
            );
        }
    });

    it("exist with their policies before the link's StackSet or any of its instances rolls a link out", () => {
        const policyUrns = recorder.byType(SINK_POLICY_TYPE).map((policy) => policy.urn);
        assert.equal(policyUrns.length, REGIONS.length);
        const instances = recorder
            .byType("aws:cloudformation/stackSetInstance:StackSetInstance")
            .filter((instance) => instance.name.includes("-member-link-stack-set-"));
        assert.equal(instances.length, 2 * REGIONS.length);
        // The StackSet too: on a stack with members already, the update of its template is what
        // rolls the new link out to every existing instance.
        for (const resource of [recorder.one(STACK_SET_TYPE, LINK_STACK_SET), ...instances]) {
            for (const urn of policyUrns) {
                assert.ok(
                    resource.dependencies?.includes(urn),
                    `${resource.name} waits for ${urn}`,
                );
            }
        }
    });

    it("are the observabilitySinkArns output, by region", async () => {
        assert.deepEqual(
            await valueOf(component.observabilitySinkArns),
            Object.fromEntries(
                recorder.byType(SINK_TYPE).map((sink) => [sink.inputs.region, sink.state.arn]),
            ),
        );
    });
});

describe("organization.sinkArns: a region's existing sink", () => {
    const existing = `arn:aws:oam:us-east-1:${CENTRAL}:sink/f00dcafe-1234-4abc-8def-0123456789ab`;

    it("is linked to as it is: no sink and no policy there, a new one in the other region", async () => {
        const { recorder, component } = await deploy({ sinkArns: { "us-east-1": existing } });
        assert.deepEqual(
            recorder.byType(SINK_TYPE).map((sink) => sink.inputs.region),
            ["eu-west-1"],
        );
        assert.deepEqual(
            recorder.byType(SINK_POLICY_TYPE).map((policy) => policy.inputs.region),
            ["eu-west-1"],
        );
        const body = linkTemplate(recorder);
        const link = body.Resources.ObservabilityLink.Properties.SinkIdentifier;
        assert.equal(findInMap(body as any, link, "us-east-1"), existing);
        assert.equal(findInMap(body as any, link, "eu-west-1"), recorder.one(SINK_TYPE).state.arn);
        assert.deepEqual(await valueOf(component.observabilitySinkArns), {
            "eu-west-1": recorder.one(SINK_TYPE).state.arn,
            "us-east-1": existing,
        });
    });
});

describe("organization.sinkArns: another account's sink", () => {
    it("is named with its account, once per such region", () => {
        const sink = (region: string, account: string) =>
            `arn:aws:oam:${region}:${account}:sink/f00dcafe-1234-4abc-8def-0123456789ab`;
        assert.deepEqual(
            foreignSinkWarnings(
                {
                    "eu-west-1": sink("eu-west-1", "999988887777"),
                    "us-east-1": sink("us-east-1", CENTRAL),
                    "ap-southeast-2": sink("ap-southeast-2", "555566667777"),
                },
                CENTRAL,
            ).map((warning) =>
                /^kms-monitoring:organization\.sinkArns\.(\S+) is a sink of account (\d+),/
                    .exec(warning)
                    ?.slice(1),
            ),
            [
                ["eu-west-1", "999988887777"],
                ["ap-southeast-2", "555566667777"],
            ],
        );
        assert.deepEqual(foreignSinkWarnings({}, CENTRAL), []);
    });

    it("is used, with a warning that the central dashboard cannot show that region", async () => {
        const other =
            "arn:aws:oam:eu-west-1:999988887777:sink/f00dcafe-1234-4abc-8def-0123456789ab";
        // The sinks' warnings; the members' trail has one of its own (tests/stack/memberTrail.test.ts).
        const sinks = (warnings: string[]) =>
            warnings.filter((each) => each.includes(".sinkArns."));
        const { recorder } = await deploy({ sinkArns: { "eu-west-1": other } });
        assert.deepEqual(sinks(recorder.warnings), [
            "kms-monitoring:organization.sinkArns.eu-west-1 is a sink of account 999988887777, not of " +
                `this account (${CENTRAL}); the members link to it, but the central dashboard cannot ` +
                "show them in that region",
        ]);
        const own = await deploy({
            sinkArns: { "eu-west-1": other.replace("999988887777", CENTRAL) },
        });
        assert.deepEqual(sinks(own.recorder.warnings), []);
    });
});
