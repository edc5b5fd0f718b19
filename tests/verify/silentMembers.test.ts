import { strict as assert } from "assert";
import type { VerificationOutput } from "../../components/stack";
import { deployed, runVerify } from "./runVerify";
import { exactResult, nonPassing } from "./results";

describe("verify: observability and the silent members (org)", () => {
    it("names each member account the central account cannot see through a sink, and a sink that shows none", async () => {
        const { fake } = await deployed("org");
        const linked = fake.organization.linkedAccounts;
        linked.set(
            "us-east-1",
            linked.get("us-east-1")!.filter((id) => id !== "200000000012"),
        );
        linked.set("eu-west-1", []);
        const run = await runVerify("org", fake);
        const warnings = nonPassing(run, "observability");
        assert.equal(warnings.length, 7);
        assert.equal(warnings.filter((line) => line.includes("arn:aws:oam:us-east-1:")).length, 1);
        assert.match(
            warnings.find((line) => line.includes("arn:aws:oam:us-east-1:")) ?? "",
            /^WARN observability account 200000000012: shares no metrics with the sink arn:aws:oam:us-east-1:\S+: the central dashboard cannot show its keys$/,
        );
        assert.equal(
            run.results.filter((each) => each.id === "observability" && each.region === "eu-west-1")
                .length,
            6,
            "a sink no member reaches: every account named, and no PASS",
        );
        assert.equal(
            exactResult(
                run,
                "observability",
                fake.verification.organization!.observability!.sinks.find(
                    (sink) => sink.region === "us-east-1",
                )!.arn,
            ).message,
            "5 of 6 member account(s) share their metrics with it",
        );
        assert.equal(
            run.code,
            0,
            "the dashboard misses them, but alerts do not go through the sink",
        );
    });

    it("fails a silent member's alarm, named after the account, and says where to look", async () => {
        const { fake } = await deployed("org");
        const name = (fake.verification as VerificationOutput).alarms.find(
            (alarm) => alarm.kind === "silent-member",
        )!.name;
        Object.assign(fake.alarms.get(`us-east-1 ${name}`)!, {
            StateValue: "ALARM",
            StateReason: "Threshold Crossed: no datapoints were received for 2 periods",
        });
        const run = await runVerify("org", fake);
        const alarm = exactResult(run, "alarm", name);
        assert.equal(alarm.status, "FAIL");
        assert.match(name, /^kms-monitoring-org-silent-member-.+-\d{12}-(us-east-1|eu-west-1)$/);
        assert.match(alarm.fix ?? "", /check that account's StackSet instance/);
    });

    it("tests the silent members' rule with an alarm named as the deploy names them, and fails it when the prefix changed", async () => {
        const { fake } = await deployed("org");
        const [key, prefixed] = [...fake.rules].find(
            ([key, rule]) =>
                key.startsWith("us-east-1 default ") &&
                (rule.EventPattern ?? "").includes('"prefix":') &&
                rule.EventPattern!.includes('"ALARM"'),
        )!;
        const name = key.split(" ")[2];
        const healthy = await runVerify("org", fake);
        assert.match(
            exactResult(healthy, "rule-pattern", name).message,
            /^TestEventPattern accepts 1 documented sample\(s\) and rejects 3$/,
        );
        prefixed.EventPattern = prefixed.EventPattern!.replace("-silent-member-", "-quiet-member-");
        const run = await runVerify("org", fake);
        assert.match(
            exactResult(run, "rule-pattern", name).message,
            /rejects a change of kms-monitoring-org-silent-member-Example-Workload-444455556666-us-east-1 into ALARM in us-east-1/,
        );
    });

    it("names a channel rule of the organization bus after its bus", async () => {
        const { fake } = await deployed("org");
        const run = await runVerify("org", fake);
        assert.equal(
            exactResult(run, "rule", "kms-monitoring-org-members/kms-monitoring-org-alarms-firing")
                .status,
            "PASS",
        );
        assert.equal(exactResult(run, "rule", "kms-monitoring-org-alarms-firing").status, "PASS");
    });
});
