import { strict as assert } from "assert";
import { samplesFor } from "../../verify/checks/patternSamples";
import { matchesPattern } from "../support/eventMatcher";
import { deployed, runVerify } from "./runVerify";
import { exactResult, result } from "./results";

const home = "eu-west-1 default";
const PLACE = { account: "111122223333", region: "eu-west-1" };
const ROLE = "arn:aws:iam::111122223333:role/payments-app";

/** The samples verify sends TestEventPattern for a rule of prod, by what they are. */
async function samplesOf(ruleName: string) {
    const { fake } = await deployed("prod");
    const pattern = fake.rules.get(`${home} ${ruleName}`)!.EventPattern!;
    const samples = samplesFor(pattern, PLACE);
    assert.ok(samples, ruleName);
    return { pattern: JSON.parse(pattern), samples };
}

describe("verify: the misuse rules' samples", () => {
    it("tries exceptCallers with a session of the excepted role and with every documented kind of caller", async () => {
        const { pattern, samples } = await samplesOf("kms-monitoring-prod-payments-key-decrypt");
        const accepted = samples.accept.map((sample) => sample.kind);
        const rejected = samples.reject.map((sample) => sample.kind);
        for (const caller of [
            "a role session",
            "an AWS service",
            "the root user",
            "another account",
        ]) {
            assert.ok(
                accepted.some((kind) => kind.endsWith(`by ${caller}`)),
                caller,
            );
        }
        assert.ok(rejected.some((kind) => kind.endsWith(`by a session of ${ROLE}`)));
        // The matcher of tests/support agrees with every expectation: the samples can fail.
        for (const sample of samples.accept) {
            assert.ok(matchesPattern(pattern, sample.event), sample.kind);
        }
        for (const sample of samples.reject) {
            assert.ok(!matchesPattern(pattern, sample.event), sample.kind);
        }
    });

    it("tries errorCodes with a denied call and a successful one, and the pending-deletion rule with both refusals", async () => {
        for (const [rule, accepted, rejected] of [
            [
                "kms-monitoring-prod-denied-key-use",
                /failed with AccessDeniedException/,
                /, successful$/,
            ],
            [
                "kms-monitoring-prod-pending-deletion-use",
                /refused: key pending deletion/,
                /refused: key not pending deletion/,
            ],
        ] as const) {
            const { pattern, samples } = await samplesOf(rule);
            assert.ok(
                samples.accept.some((sample) => accepted.test(sample.kind)),
                rule,
            );
            assert.ok(
                samples.reject.some((sample) => rejected.test(sample.kind)),
                rule,
            );
            assert.ok(
                samples.reject.some((sample) => /successful/.test(sample.kind)),
                rule,
            );
            for (const sample of samples.accept) {
                assert.ok(matchesPattern(pattern, sample.event), `${rule}: ${sample.kind}`);
            }
            for (const sample of samples.reject) {
                assert.ok(!matchesPattern(pattern, sample.event), `${rule}: ${sample.kind}`);
            }
        }
    });

    it("passes the deployed rules, and fails one that lost its filter, naming the call it lets through", async () => {
        const { fake } = await deployed("prod");
        const healthy = await runVerify("prod", fake);
        for (const rule of ["payments-key-decrypt", "denied-key-use", "pending-deletion-use"]) {
            assert.equal(
                exactResult(healthy, "rule-pattern", `kms-monitoring-prod-${rule}`).status,
                "PASS",
                rule,
            );
        }
        for (const rule of ["payments-key-decrypt", "pending-deletion-use"]) {
            const deployedRule = fake.rules.get(`${home} kms-monitoring-prod-${rule}`)!;
            const pattern = JSON.parse(deployedRule.EventPattern!);
            delete pattern.detail.userIdentity;
            delete pattern.detail.errorMessage;
            deployedRule.EventPattern = JSON.stringify(pattern);
        }
        const run = await runVerify("prod", fake);
        assert.match(
            result(run, "rule-pattern", "kms-monitoring-prod-payments-key-decrypt").message,
            new RegExp(`matches Decrypt on \\S+, by a session of ${ROLE}`),
        );
        assert.match(
            result(run, "rule-pattern", "kms-monitoring-prod-pending-deletion-use").message,
            /matches a successful ListAliases/,
        );
    });
});
