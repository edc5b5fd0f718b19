import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { planJson } from "../scripts/plan";
import { shippedStacks, SNAPSHOT_DIR, snapshotOf } from "../scripts/snapshots";
import { devWithRegions } from "./support/devWithRegions";
import { lineDiff } from "./support/textDiff";

describe("plan snapshots of the shipped stacks", () => {
    it("covers every shipped stack file", () => {
        assert.deepEqual(
            fs
                .readdirSync(SNAPSHOT_DIR)
                .filter((file) => file.endsWith(".json"))
                .sort(),
            shippedStacks().map((stack) => `${stack}.json`),
        );
    });

    for (const stack of shippedStacks()) {
        it(`Pulumi.${stack}.yaml plans exactly as tests/snapshots/${stack}.json`, async () => {
            const expected = fs.readFileSync(path.join(SNAPSHOT_DIR, `${stack}.json`), "utf8");
            const actual = await snapshotOf(stack);
            if (actual !== expected) {
                assert.fail(
                    `The plan of ${stack} changed. If the change is intended, run: npm run snapshots:update\n${lineDiff(expected, actual)}`,
                );
            }
        });
    }

    it("plans a stack whose regions are just its aws:region exactly as one without regions", async () => {
        const withRegions = planJson(await devWithRegions());
        assert.equal(withRegions, fs.readFileSync(path.join(SNAPSHOT_DIR, "dev.json"), "utf8"));
    });

    it("never shows a secret's value", async () => {
        const dev = JSON.parse(await snapshotOf("dev")) as {
            resources: { type: string; inputs: Record<string, unknown> }[];
        };
        const key = dev.resources.find(
            (resource) => resource.type === "aws:kms/externalKey:ExternalKey",
        );
        assert.equal(key?.inputs.keyMaterialBase64, "[secret]");
    });
});

describe("the snapshot diff", () => {
    it("shows the changed lines with context", () => {
        const diff = lineDiff("a\nb\nc\nd\ne", "a\nb\nX\nd\ne", 1);
        assert.equal(diff, "@@ line 3 @@\n  b\n- c\n+ X\n  d");
    });
});
