/**
 * The cost estimate of `npm run plan` (issue 26), on the shipped stacks: items that add up, one more
 * region priced by what it adds, member accounts priced per account and region, and the same
 * member price in `pulumi up`'s warning as in the plan.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { CostEstimate, estimateCost, PRICES } from "../../components/cost";
import { planMonitoring } from "../../components/stack";
import { memberShare } from "../../components/stack/memberCost";
import { parseStackConfig } from "../../components/config";
import { memberTemplate } from "../../components/organization";
import { Plan, planJson } from "../../scripts/plan";
import { devWithRegions } from "../support/devWithRegions";
import { costOfPlan } from "../../scripts/planCost";
import { SNAPSHOT_NOW, snapshotPlan } from "../../scripts/snapshots";
import { loadStackConfig, REPO_ROOT } from "../harness";

const sum = (values: readonly number[]) =>
    Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
const PER_MEMBER = /per member account and region/;

/** The alarms the plan registered, by region and name, but Metrics Insights alarms (priced apart). */
function standardAlarms(plan: Plan): Map<string, string> {
    return new Map(
        plan.recorded
            .filter((resource) => resource.type === "aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter(
                (resource) =>
                    !JSON.stringify(resource.inputs.metricQueries ?? []).includes("SELECT"),
            )
            .map((resource) => {
                const region = String(resource.inputs.region ?? plan.homeRegion);
                return [`${region} ${String(resource.inputs.name)}`, region];
            }),
    );
}

describe("the monthly cost estimate", () => {
    it("npm run plan -- --json has cost.monthlyUsd, and its items add up to it", async () => {
        const dev = JSON.parse(planJson(await snapshotPlan("dev"))) as { cost: CostEstimate };
        assert.equal(dev.cost.currency, "USD");
        assert.ok(dev.cost.monthlyUsd > 0);
        assert.equal(sum(dev.cost.items.map((item) => item.monthlyUsd)), dev.cost.monthlyUsd);
        for (const item of dev.cost.items) {
            assert.equal(
                item.monthlyUsd,
                Math.round(item.count * item.unitUsd * 100) / 100,
                item.what,
            );
        }
        assert.deepEqual(
            dev.cost.items.map((item) => item.monthlyUsd),
            [...dev.cost.items.map((item) => item.monthlyUsd)].sort((a, b) => b - a),
            "largest first",
        );
        assert.ok(dev.cost.perUse.some((entry) => /email/.test(entry.what)));
        assert.ok(dev.cost.assumptions.some((entry) => /other regions differ/.test(entry)));
    });

    it("prices every key, dashboard and alarm metric the dev stack registers", async () => {
        const dev = await snapshotPlan("dev");
        const count = (what: string) =>
            sum(dev.cost.items.filter((item) => item.what === what).map((item) => item.count));
        const of = (type: string) =>
            dev.recorded.filter((resource) => resource.type === type).length;
        assert.equal(count("alarm metrics"), standardAlarms(dev).size);
        assert.equal(count("dashboards"), of("aws:cloudwatch/dashboard:Dashboard"));
        assert.equal(
            count("customer managed KMS keys"),
            of("aws:kms/key:Key") + of("aws:kms/externalKey:ExternalKey"),
        );
        // The imported key's alarm: the expiring-key query analyzes at least that key.
        assert.equal(
            count(
                "Metrics Insights metrics analyzed (the keys with expiring material the stack knows)",
            ),
            1,
        );
    });

    it("one more watched region raises the estimate by what it adds: its alarms there, and the ones at home that watch it", async () => {
        // One plan at a time: the mocks are the process's.
        const before = await snapshotPlan("dev");
        const after = await devWithRegions("eu-west-1");
        const old = standardAlarms(before);
        const added = [...standardAlarms(after)].filter(([name]) => !old.has(name));
        assert.ok(added.some(([, region]) => region === "eu-west-1"));
        assert.ok(
            added.some(([, region]) => region === "us-east-1"),
            "the region's heartbeat alarm at home",
        );
        assert.equal(
            sum([after.cost.monthlyUsd - before.cost.monthlyUsd]),
            sum([added.length * PRICES.alarmMetric.usd]),
        );
        const there = after.cost.items.filter((item) => item.region === "eu-west-1");
        assert.equal(
            sum(there.map((item) => item.count)),
            added.filter(([, region]) => region === "eu-west-1").length,
        );
    });

    it("prices the member accounts per member account and region, scaled by --member-accounts", async () => {
        const org = await snapshotPlan("org");
        const one = costOfPlan(org, 1);
        const ten = costOfPlan(org, 10);
        const memberPart = (estimate: CostEstimate) =>
            sum(
                estimate.items
                    .filter((item) => PER_MEMBER.test(item.what))
                    .map((item) => item.monthlyUsd),
            );
        const rest = (estimate: CostEstimate) => sum([estimate.monthlyUsd - memberPart(estimate)]);
        assert.ok(memberPart(one) > 0);
        assert.equal(memberPart(ten), sum([memberPart(one) * 10]));
        assert.equal(rest(ten), rest(one));
        const regions = (org.outputs.verification as { organization: { regions: string[] } })
            .organization.regions;
        assert.equal(sum([one.perMemberAccountAndRegionUsd! * regions.length]), memberPart(one));
        assert.equal(ten.memberAccounts, 10);
        assert.ok(ten.assumptions.some((entry) => /10 per member region/.test(entry)));
    });

    it("prices a member account and region in pulumi up's warning exactly as the plan does", async () => {
        const org = await snapshotPlan("org");
        const raw = loadStackConfig(path.join(REPO_ROOT, "Pulumi.org.yaml")).config;
        const own = Object.fromEntries(
            Object.entries(raw)
                .filter(([key]) => key.startsWith("kms-monitoring:"))
                .map(([key, value]) => [key.slice("kms-monitoring:".length), value]),
        );
        const { project, stack, warnings, ...settings } = parseStackConfig(own, {
            project: "kms-monitoring",
            stack: "org",
            now: SNAPSHOT_NOW,
            homeRegion: raw["aws:region"],
        });
        void [project, stack, warnings];
        const plan = planMonitoring({ ...settings, namePrefix: "kms-monitoring-org" });
        const organization = plan.organization!;
        const busArn = `arn:aws:events:us-east-1:111122223333:event-bus/${organization.busName}`;
        const program = estimateCost({
            resources: [],
            members: memberShare({
                templates: [
                    memberTemplate(organization.templateInputs, busArn, organization.forwarding),
                ],
                observability: organization.observability !== undefined,
                accounts: 1,
                regions: organization.regions,
                centralRegion: "us-east-1",
            }),
        });
        assert.equal(
            program.perMemberAccountAndRegionUsd,
            costOfPlan(org, 1).perMemberAccountAndRegionUsd,
        );
    });
});
