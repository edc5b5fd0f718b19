/** How `npm run plan` shows the estimate: last, the total, the three largest items, by region. */
import { strict as assert } from "assert";
import { SNAPSHOT_NOW } from "../../scripts/snapshots";
import { planCli as cli } from "../support/planCli";

describe("npm run plan's cost estimate", () => {
    it("ends the text with the total, the three largest items, the total by region, per use and the assumptions", async () => {
        const { code, out } = await cli("--stack", "org", "--now", SNAPSHOT_NOW.toISOString());
        assert.equal(code, 0);
        const estimate = out.slice(out.indexOf("\nMonthly cost estimate"));
        assert.match(
            estimate,
            /^\nMonthly cost estimate \(USD, us-east-1 list prices of \d{4}-\d\d-\d\d\): about \$\d+\.\d\d a month fixed\n {2}largest:\n( {2} *\$\d+\.\d\d {2}\d+ × \$\d+\.\d\d {2}.+\n){3} {2}by region:\n/,
        );
        assert.match(
            estimate,
            /per member account and region \(priced for 1 account\(s\) in each member region/,
        );
        assert.match(estimate, / {2}per use, not included:\n/);
        assert.match(estimate, / {2}assumptions:\n {4}- List prices in us-east-1/);
        assert.ok(out.trimEnd().endsWith(estimate.trimEnd()), "the estimate comes last");
    });

    it("takes --member-accounts as a whole number of accounts, 1 or more", async () => {
        for (const bad of ["0", "2.5", "many"]) {
            const { code, err } = await cli("--stack", "org", "--member-accounts", bad);
            assert.equal(code, 1, bad);
            assert.match(
                err,
                /^--member-accounts takes a whole number of accounts, 1 or more\nusage: /,
            );
        }
    });
});
