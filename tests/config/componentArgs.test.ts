import { strict as assert } from "assert";
import type { KmsMonitoringArgs } from "../../components/stack";
import { validateComponentArgs } from "../../components/config";
import { installMocks } from "../harness";

const NOW = new Date("2026-11-28T00:00:00Z");

function problems(args: object, stack = "dev"): Promise<string> {
    return installMocks({ stack }).then(() => {
        try {
            validateComponentArgs("acme", args, NOW);
        } catch (error) {
            return (error as Error).message;
        }
        assert.fail("accepted");
    });
}

describe("component arguments", () => {
    it("name the component and say how to fix them", async () => {
        const message = await problems({ namePrefix: "acme", alertEmails: ["x"] });
        assert.match(
            message,
            /^Invalid arguments of kms-monitoring:index:KmsMonitoring "acme": 1 problem\n/,
        );
        assert.match(message, /\nFix the arguments and run pulumi up again\.$/);
    });

    it("need a namePrefix of at most 40 name characters", async () => {
        assert.match(await problems({}), /kms-monitoring:namePrefix: must be a string/);
        assert.match(
            await problems({ namePrefix: "has spaces" }),
            /kms-monitoring:namePrefix: must be 1 to 40 of A-Z a-z 0-9 \. _ - \(got "has spaces"\)/,
        );
    });

    it("take any tag name within AWS's limits, but only string values", async () => {
        assert.match(
            await problems({ namePrefix: "acme", tags: { project: 3 } }),
            /kms-monitoring:tags\.project: tag values must be strings/,
        );
        assert.match(
            await problems({ namePrefix: "acme", tags: "team=security" }),
            /kms-monitoring:tags: must be a map of tag names to string values/,
        );
        const beyondAws = await problems({
            namePrefix: "acme",
            tags: { "": "x", ["k".repeat(129)]: "v", team: "v".repeat(257), "aws:team": "x" },
        });
        assert.match(beyondAws, /: 4 problems\n/);
        assert.match(beyondAws, /kms-monitoring:tags\[""\]: tag keys must not be empty/);
        assert.match(beyondAws, /kms-monitoring:tags\.k{129}: tag keys are at most 128 characters/);
        assert.match(beyondAws, /kms-monitoring:tags\.team: tag values are at most 256 characters/);
        assert.match(beyondAws, /kms-monitoring:tags\.aws:team: tag keys may not start with aws:/);
        assert.deepEqual(
            validateComponentArgs(
                "acme",
                { namePrefix: "acme", tags: { project: "acme", stack: "x" } },
                NOW,
            ).tags,
            { project: "acme", stack: "x" },
        );
    });

    it("get the stack config's defaults, stack-dependent ones included", async () => {
        await installMocks({ stack: "prod" });
        const production = validateComponentArgs<KmsMonitoringArgs>(
            "acme",
            { namePrefix: "acme", importedKey: { alias: "alias/acme" } },
            NOW,
        );
        assert.equal(production.alertKeyProtect, true);
        assert.equal(production.importedKey?.protect, true);
        await installMocks({ stack: "dev" });
        assert.equal(
            validateComponentArgs<KmsMonitoringArgs>("acme", { namePrefix: "acme" }, NOW)
                .alertKeyProtect,
            false,
        );
    });

    it("check a homeRegion like a region entry", async () => {
        assert.match(
            await problems({ namePrefix: "acme", homeRegion: "Ireland" }),
            /kms-monitoring:homeRegion: is not an AWS region code/,
        );
    });
});
