import { strict as assert } from "assert";
import type { FakeTrail } from "./fakeAccount";
import { deployed, editedOutputs, runVerify } from "./runVerify";
import { nonPassing } from "./results";

/** org's member regions; ap-southeast-2 is watched in the central account only (Pulumi.org.yaml). */
const MEMBER_REGIONS = ["us-east-1", "eu-west-1"];

/** This account's own multi-region trail, recording every management event: no organization trail. */
function accountTrail(organizationTrail: FakeTrail): FakeTrail {
    const arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/central-audit";
    return {
        ...organizationTrail,
        trail: {
            ...organizationTrail.trail,
            Name: "central-audit",
            TrailARN: arn,
            IsOrganizationTrail: false,
        },
    };
}

describe("verify: the organization trail the member accounts need", () => {
    it("fails each member region without an organization trail, naming it, while this account's own trail passes", async () => {
        const { fake } = await deployed("org");
        for (const [region, trails] of fake.trails) {
            fake.trails.set(region, [accountTrail(trails[0])]);
        }
        const run = await runVerify("org", fake);
        assert.deepEqual(nonPassing(run, "trail"), []);
        assert.deepEqual(
            nonPassing(run, "organization-trail"),
            MEMBER_REGIONS.map(
                (region) =>
                    `FAIL organization-trail member accounts' KMS management events: no organization ` +
                    `trail logs the member accounts' management events in ${region}: their API-call ` +
                    "alerts cannot fire",
            ),
        );
        const fix = run.results.find((each) => each.id === "organization-trail")?.fix ?? "";
        assert.match(fix, /management account.*create an organization trail/);
        assert.equal(run.code, 1);
    });

    it("reads the outputs of an earlier deploy, without memberTrail, as asking the member regions for what this account's trail records", async () => {
        const { fake } = await deployed("org");
        for (const [region, trails] of fake.trails) {
            fake.trails.set(region, [accountTrail(trails[0])]);
        }
        const outputs = await editedOutputs("org", "no-member-trail", (verification) => {
            const { memberTrail: _, ...earlier } = verification.organization!;
            return { ...verification, organization: earlier as typeof verification.organization };
        });
        const run = await runVerify("org", fake, [], outputs);
        assert.deepEqual(
            run.results
                .filter((each) => each.id === "organization-trail")
                .map((each) => `${each.status} ${each.region}`),
            MEMBER_REGIONS.map((region) => `FAIL ${region}`),
        );
    });

    it("warns when the organization trail's status and selectors cannot be read here: its owner must check", async () => {
        const { fake } = await deployed("org");
        for (const trails of fake.trails.values()) {
            // The management account's trail: a member account may see it, not read it.
            delete trails[0].selectors;
        }
        const run = await runVerify("org", fake);
        const warnings = run.results.filter((each) => each.id === "organization-trail");
        assert.deepEqual(
            warnings.map((each) => `${each.status} ${each.region}`),
            MEMBER_REGIONS.map((region) => `WARN ${region}`),
        );
        assert.match(warnings[0].message, /cannot read its status or selectors/);
        assert.match(warnings[0].fix ?? "", /from the organization's management account/);
    });

    it("fails an organization trail that stopped logging, or that drops the read-only calls the members' alerts watch", async () => {
        const { fake } = await deployed("org");
        const [usEast] = fake.trails.get("us-east-1")!;
        usEast.logging = false;
        const stopped = await runVerify("org", fake);
        assert.match(
            nonPassing(stopped, "organization-trail")[0],
            /member accounts' API-call alerts in us-east-1 cannot fire: organization trail .* is not logging/,
        );
        usEast.logging = true;
        for (const trails of fake.trails.values()) {
            trails[0].selectors = {
                EventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }],
            };
        }
        // As if an apiCallAlerts entry watched Decrypt: the members' forwarders need read-only events.
        const outputs = await editedOutputs("org", "member-reads", (verification) => ({
            ...verification,
            organization: {
                ...verification.organization!,
                memberTrail: verification.organization!.memberTrail.map((each) => ({
                    ...each,
                    readEvents: true,
                })),
            },
        }));
        const reads = await runVerify("org", fake, [], outputs);
        assert.deepEqual(
            nonPassing(reads, "organization-trail").map((line) =>
                line.replace(/: organization trail .*? does/, ": does"),
            ),
            MEMBER_REGIONS.map(
                (region) =>
                    `FAIL organization-trail member accounts' KMS management events: the member ` +
                    `accounts' API-call alerts in ${region} cannot fire: does not record read-only ` +
                    "KMS management events, which the rules here watch",
            ),
        );
    });
});
