import { strict as assert } from "assert";
import type { VerificationTrail } from "../../components/stack";
import { regionNeeds } from "../../verify/checks/trails";
import { deployed, runVerify } from "./runVerify";
import { result } from "./results";

describe("verify: trails", () => {
    it("fails a region whose trail excludes KMS, one whose trail stopped logging, and one without a trail", async () => {
        const { fake } = await deployed("prod");
        const [euWest, euCentral] = [
            fake.trails.get("eu-west-1")![0],
            fake.trails.get("eu-central-1")![0],
        ];
        fake.trails.set("eu-west-1", [
            {
                ...euWest,
                selectors: {
                    EventSelectors: [
                        {
                            ReadWriteType: "All",
                            IncludeManagementEvents: true,
                            ExcludeManagementEventSources: ["kms.amazonaws.com"],
                        },
                    ],
                },
            },
        ]);
        fake.trails.set("eu-central-1", [{ ...euCentral, logging: false }]);
        fake.trails.set("us-east-1", []);
        const run = await runVerify("prod", fake);
        assert.match(result(run, "trail", "", "eu-west-1").message, /excludes kms.amazonaws.com/);
        const stopped = result(run, "trail", "", "eu-central-1");
        assert.match(stopped.message, /is not logging/);
        assert.match(
            stopped.fix ?? "",
            /aws cloudtrail start-logging --name arn:aws:cloudtrail:eu-west-1:111122223333:trail\/kms-monitoring-prod-audit/,
        );
        assert.match(
            result(run, "trail", "", "us-east-1").message,
            /no trail records management events here/,
        );
    });

    it("reads advanced selectors, and asks each region only for what its own rules watch", async () => {
        const { fake } = await deployed("prod");
        const advanced = (
            fields: { Field: string; Equals?: string[]; NotEquals?: string[] }[],
        ) => ({
            AdvancedEventSelectors: [
                { FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }, ...fields] },
            ],
        });
        const trail = fake.trails.get("eu-west-1")![0];
        const writeOnly = advanced([{ Field: "readOnly", Equals: ["false"] }]);
        fake.trails.set("us-east-1", [
            {
                ...trail,
                selectors: advanced([{ Field: "eventSource", NotEquals: ["kms.amazonaws.com"] }]),
            },
        ]);
        fake.trails.set("eu-west-1", [{ ...trail, selectors: writeOnly }]);
        fake.trails.set("eu-central-1", [{ ...trail, selectors: writeOnly }]);
        const run = await runVerify("prod", fake);
        assert.match(result(run, "trail", "", "us-east-1").message, /excludes kms.amazonaws.com/);
        // prod watches Decrypt on a key of eu-west-1, its home: a write-only trail drops it there,
        assert.match(
            result(run, "trail", "", "eu-west-1").message,
            /does not record read-only KMS management events/,
        );
        // and in eu-central-1 too, whose forwarders watch writes and calls on keys pending
        // deletion, Decrypt and the other read-only ones included (tests/stack/verification.test.ts
        // holds a region without such a rule to writes only).
        assert.match(
            result(run, "trail", "", "eu-central-1").message,
            /does not record read-only KMS management events/,
        );
    });

    it("counts two trails that each record half, one read-only and one write, as one that records all", async () => {
        const { fake } = await deployed("prod");
        const trail = fake.trails.get("eu-west-1")![0];
        const half = (name: string, ReadWriteType: "ReadOnly" | "WriteOnly") => ({
            ...trail,
            trail: { ...trail.trail, Name: name, TrailARN: `${trail.trail.TrailARN}-${name}` },
            selectors: { EventSelectors: [{ ReadWriteType, IncludeManagementEvents: true }] },
        });
        fake.trails.set("eu-west-1", [half("reads", "ReadOnly"), half("writes", "WriteOnly")]);
        const run = await runVerify("prod", fake);
        const both = result(run, "trail", "", "eu-west-1");
        assert.equal(both.status, "PASS");
        assert.match(both.resource, /trail reads .* and trail writes/);
        // The half that reads stopped logging: what is left records writes only.
        fake.trails.set("eu-west-1", [
            { ...half("reads", "ReadOnly"), logging: false },
            half("writes", "WriteOnly"),
        ]);
        const stopped = result(await runVerify("prod", fake), "trail", "", "eu-west-1");
        assert.equal(stopped.status, "FAIL");
        assert.match(stopped.message, /trail reads .* is not logging/);
        assert.match(stopped.fix ?? "", /aws cloudtrail start-logging --name .*-reads/);
    });

    it("reads the outputs of an earlier deploy, which asked every region for the same events", () => {
        const earlier = {
            regions: ["eu-west-1", "us-east-1"],
            readEvents: true,
            writeEvents: true,
        };
        assert.deepEqual(regionNeeds(earlier as unknown as VerificationTrail), [
            { region: "eu-west-1", readEvents: true, writeEvents: true },
            { region: "us-east-1", readEvents: true, writeEvents: true },
        ]);
    });

    it("fails, not warns, when the account's own trail cannot be read", async () => {
        const { fake } = await deployed("prod");
        fake.trails.get("eu-central-1")![0].selectors = undefined;
        const run = await runVerify("prod", fake);
        const unreadable = run.results.filter(
            (each) => each.id === "trail" && each.region === "eu-central-1",
        );
        assert.deepEqual(
            unreadable.map((each) => `${each.status} ${each.resource}: ${each.message}`),
            [
                "FAIL trail kms-monitoring-prod-audit (home eu-west-1): could not check: " +
                    "TrailNotFoundException: Unknown trail",
            ],
        );
    });

    it("warns about an organization trail whose selectors this account may not read", async () => {
        const { fake } = await deployed("org");
        for (const trails of fake.trails.values()) {
            trails[0].selectors = undefined;
        }
        const run = await runVerify("org", fake);
        const trail = result(run, "trail", "", "eu-west-1");
        assert.equal(trail.status, "WARN");
        assert.match(trail.message, /organization trail organization-trail .* cannot read/);
    });
});
