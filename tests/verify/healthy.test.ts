import { strict as assert } from "assert";
import { deployed, runVerify } from "./runVerify";

describe("npm run verify on a stack deployed as planned", () => {
    for (const stack of ["dev", "prod", "org"]) {
        it(`passes every check of ${stack}, with nothing to warn about`, async () => {
            const { fake } = await deployed(stack);
            const run = await runVerify(stack, fake);
            assert.deepEqual(run.problems, []);
            assert.equal(run.code, 0, run.stderr);
            assert.ok(run.results.length > 10);
        });
    }
});
