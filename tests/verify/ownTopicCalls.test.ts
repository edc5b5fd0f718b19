import { strict as assert } from "assert";
import { samplesFor } from "../../verify/checks/patternSamples";
import { matchesPattern } from "../support/eventMatcher";
import { deployed, runVerify } from "./runVerify";
import { exactResult, result } from "./results";

const home = "us-east-1 default";
const RULE = "kms-monitoring-dev-data-key-generation";

describe("verify: the stack's own topic deliveries", () => {
    it("tries the data-key rule with SNS's own call for the topic, which it must refuse", async () => {
        const { fake } = await deployed("dev");
        const pattern = fake.rules.get(`${home} ${RULE}`)!.EventPattern!;
        const samples = samplesFor(pattern, { account: "111122223333", region: "us-east-1" })!;
        const own = samples.reject.find((sample) => /by SNS with alias\//.test(sample.kind));
        assert.equal(
            own?.kind,
            "GenerateDataKey by SNS with alias/kms-monitoring-dev-alerts for the stack's topic",
        );
        assert.equal(matchesPattern(JSON.parse(pattern), own.event), false);
        // The rules of writes only never see such a call: no such sample.
        const writes = fake.rules.get(`${home} kms-monitoring-dev-key-management`)!.EventPattern!;
        const management = samplesFor(writes, { account: "111122223333", region: "us-east-1" })!;
        assert.ok(management.reject.every((sample) => !/by SNS/.test(sample.kind)));
    });

    it("passes the deployed rule and fails one that alerts on the deliveries again", async () => {
        const { fake } = await deployed("dev");
        const healthy = await runVerify("dev", fake);
        assert.equal(exactResult(healthy, "rule-pattern", RULE).status, "PASS");
        const rule = fake.rules.get(`${home} ${RULE}`)!;
        const pattern = JSON.parse(rule.EventPattern!);
        delete pattern.detail.$or;
        rule.EventPattern = JSON.stringify(pattern);
        const tested = result(await runVerify("dev", fake), "rule-pattern", RULE);
        assert.equal(tested.status, "FAIL");
        assert.match(
            tested.message,
            /matches GenerateDataKey by SNS with alias\/kms-monitoring-dev-alerts/,
        );
    });
});
