import { strict as assert } from "assert";
import { planMonitoring, VerificationOutput } from "../../components/stack";
import {
    memberTrailRequirement,
    trailRequirement,
} from "../../components/stack/verificationTrails";
import { shippedStacks, snapshotPlan } from "../../scripts/snapshots";
import { verifiedStack } from "./verificationFixtures";

const PAYMENTS_KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

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

for (const stack of shippedStacks()) {
    describe(`the verification output of Pulumi.${stack}.yaml`, () => {
        let verification: VerificationOutput;
        let outputs: Record<string, unknown>;

        before(async () => {
            ({ verification, outputs } = await verifiedStack(stack));
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

        it("asks a region's trail for read-only events exactly where an API-call rule receiving its calls gets them", () => {
            // Home: the home alert rules; another region: its forwarders. Only a rule in this state
            // is sure to receive read-only management events.
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
        // The pending-deletion rule watches calls of every operation, read-only ones included
        // (Decrypt...), in every region: org's rules watch writes only, but its trails must record both.
        const org = (await snapshotPlan("org")).outputs.verification as VerificationOutput;
        assert.deepEqual(
            org.trail.perRegion,
            ["us-east-1", "eu-west-1", "ap-southeast-2"].map((region) => ({
                region,
                readEvents: true,
                writeEvents: true,
            })),
        );
        assert.equal(dev.organization, undefined);
    });

    it("asks for read-only events only where a rule watches one, without the pending-deletion rule", () => {
        // prod's Decrypt alerts name a key in eu-west-1 (home) only: the other regions' forwarders
        // watch writes only, so their trails need not record read-only events.
        const plan = planMonitoring({
            namePrefix: "p",
            homeRegion: "eu-west-1",
            regions: ["eu-west-1", "eu-central-1", "us-east-1"],
            apiCallAlerts: [
                { name: "key-management", eventNames: ["DisableKey"] },
                { name: "payments", eventNames: ["Decrypt"], keyArns: [PAYMENTS_KEY] },
            ],
            pendingDeletionUseAlerts: false,
        });
        const trail = trailRequirement(plan, "eu-west-1");
        assert.deepEqual(trail.regions, ["eu-west-1", "eu-central-1", "us-east-1"]);
        assert.deepEqual(trail.perRegion, [
            { region: "eu-west-1", readEvents: true, writeEvents: true },
            { region: "eu-central-1", readEvents: false, writeEvents: true },
            { region: "us-east-1", readEvents: false, writeEvents: true },
        ]);
        assert.equal(trail.readEvents, true, "some region needs them, as before");
    });

    it("asks the member accounts' trail, in each member region, for what the member template's forwarders watch", async () => {
        const plan = await snapshotPlan("org");
        // The forwarders' StackSet; the link's has a template of its own.
        const stackSet = plan.recorded.find(
            (resource) =>
                resource.type === "aws:cloudformation/stackSet:StackSet" &&
                resource.inputs.name === plan.outputs.stackSetName,
        );
        const rules = Object.values(
            JSON.parse(stackSet?.inputs.templateBody).Resources as Record<string, any>,
        ).filter(
            (each) =>
                each.Type === "AWS::Events::Rule" &&
                JSON.stringify(each.Properties.EventPattern ?? "").includes("AWS API Call"),
        );
        assert.ok(rules.length > 0);
        const readOnly = rules.some(
            (rule) => rule.Properties.State === "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
        const verification = plan.outputs.verification as VerificationOutput;
        assert.deepEqual(
            verification.organization?.memberTrail,
            ["us-east-1", "eu-west-1"].map((region) => ({
                region,
                readEvents: readOnly,
                writeEvents: true,
            })),
        );
    });

    it("leaves out of the members' trail an alert on keys of the central account only", () => {
        const central = "111122223333";
        const key = (account: string, region: string) =>
            `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        const plan = planMonitoring({
            namePrefix: "kms-monitoring-test",
            homeRegion: "us-east-1",
            regions: ["us-east-1", "eu-west-1"],
            organization: { id: "o-a1b2c3d4e5", organizationalUnitIds: ["ou-ab12-cdef3456"] },
            apiCallAlerts: [
                { name: "writes", eventNames: ["DisableKey"] },
                {
                    name: "own-decrypt",
                    eventNames: ["Decrypt"],
                    keyArns: [key(central, "eu-west-1")],
                },
                {
                    name: "member-decrypt",
                    eventNames: ["Encrypt"],
                    keyArns: [key("444455556666", "us-east-1")],
                },
            ],
            // On, it watches every call of the members, read-only ones included, everywhere.
            pendingDeletionUseAlerts: false,
        });
        assert.deepEqual(memberTrailRequirement(plan, central), [
            { region: "us-east-1", readEvents: true, writeEvents: true },
            { region: "eu-west-1", readEvents: false, writeEvents: true },
        ]);
    });
});
