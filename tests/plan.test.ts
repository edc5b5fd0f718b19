import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planTree } from "../scripts/plan";
import { SNAPSHOT_NOW, snapshotPlan } from "../scripts/snapshots";
import { planCli as cli } from "./support/planCli";

function stackFile(content: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kms-plan-")), "Pulumi.test.yaml");
    fs.writeFileSync(file, content);
    return file;
}

describe("npm run plan", () => {
    it("prints the tree of components and resources with their key settings and totals", async () => {
        const { code, out, err } = await cli("--stack", "dev", "--now", SNAPSHOT_NOW.toISOString());
        assert.equal(code, 0);
        assert.equal(err, "");
        assert.match(out, /^Stack dev\n└─ kms-monitoring:index:KmsMonitoring {2}kms-monitoring\n/);
        assert.match(
            out,
            /aws:cloudwatch\/eventRule:EventRule {2}kms-monitoring-api-calls-data-key-generation-rule {2}\(kms-monitoring-dev-data-key-generation: GenerateDataKey \(not SNS's own calls for the stack's topics\); state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS\)/,
        );
        assert.match(
            out,
            /MetricAlarm {2}kms-monitoring-expiry-alias-ImportedCMK {2}\(AWS\/KMS SecondsUntilKeyMaterialExpiration <= 30 days \(Minimum\); notifies the topic; missing data breaching\)/,
        );
        assert.match(
            out,
            /ExternalKey {2}kms-monitoring-imported-key-key {2}\(alias\/ImportedCMK; origin EXTERNAL; validTo 2027-06-30T00:00:00Z; deletion window 7 days; protect no\)/,
        );
        assert.match(
            out,
            /MetricAlarm {2}kms-monitoring-request-quotas-symmetric {2}\(usage \/ PERIOD\(usage\) \/ SERVICE_QUOTA\(usage\) \* 100 over AWS\/Usage CallCount CryptographicOperationsSymmetric >= 80; notifies the topic; missing data notBreaching\)/,
        );
        assert.match(
            out,
            /EventRule {2}kms-monitoring-pending-deletion-use-rule {2}\(kms-monitoring-dev-pending-deletion-use: AWS API Call via CloudTrail \(failed with "\.\.\. is pending deletion\."\); state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS\)/,
        );
        assert.match(
            out,
            /EventRule {2}kms-monitoring-key-rotation-rule {2}\(kms-monitoring-dev-key-rotation: KMS CMK Rotation; state ENABLED\)/,
        );
        assert.match(out, /\n {2}aws:cloudwatch\/eventRule:EventRule +7\n/);
        assert.match(out, /\n {2}total +56\n/);
    });

    it("marks each resource outside the home region and counts resources by region", async () => {
        // The tree of the plan the snapshot test already made; the CLI prints this very text.
        const out = planTree(await snapshotPlan("prod"));
        assert.match(
            out,
            /EventRule {2}kms-monitoring-forwarding-us-east-1-forward-api-calls {2}\[us-east-1\] {2}\(kms-monitoring-prod-forward-api-calls: /,
        );
        assert.match(
            out,
            /EventTarget {2}kms-monitoring-forwarding-eu-central-1-heartbeat-target {2}\[eu-central-1\] {2}\(rule kms-monitoring-prod-heartbeat; to eu-west-1 event-bus\/default with a role;/,
        );
        const byRegion = out.slice(out.indexOf("Resources by region:"));
        assert.match(byRegion, /\n {2}eu-west-1 \(home\) +\d+\n/);
        assert.match(byRegion, /\n {2}eu-central-1 +\d+\n/);
        assert.match(byRegion, /\n {2}us-east-1 +\d+\n/);
        // The forwarding role and its policy; the chat role and guardrail; PagerDuty's role and policy.
        assert.match(byRegion, /\n {2}global \(IAM\) +6\n/);
        const counts = [...byRegion.matchAll(/ (\d+)\n/g)].map((match) => Number(match[1]));
        const total = Number(/\n {2}total +(\d+)\n/.exec(out)?.[1]);
        assert.equal(
            counts.reduce((sum, count) => sum + count, 0),
            total,
        );
    });

    it("shows no region breakdown for a one-region stack", async () => {
        const out = planTree(await snapshotPlan("dev"));
        assert.ok(!out.includes("Resources by region"));
        assert.ok(!out.includes("  ["));
    });

    it("prints one JSON document with secrets hidden", async () => {
        const file = stackFile(
            [
                "config:",
                "  aws:region: eu-central-1",
                "  kms-monitoring:importedKey:",
                "    alias: alias/with-material",
                "  kms-monitoring:importedKeyMaterial:",
                "    secure: v1:c2VjcmV0LWNpcGhlcnRleHQ=",
                "",
            ].join("\n"),
        );
        const { code, out } = await cli("--stack", "test", "--config", file, "--json");
        assert.equal(code, 0);
        const plan = JSON.parse(out) as {
            stack: string;
            resources: { type: string; parent: string | null; inputs: Record<string, unknown> }[];
        };
        assert.equal(plan.stack, "test");
        const key = plan.resources.find(
            (resource) => resource.type === "aws:kms/externalKey:ExternalKey",
        );
        assert.equal(key?.inputs.keyMaterialBase64, "[secret]");
        assert.equal(key?.parent, "kms-monitoring-imported-key");
        assert.ok(plan.resources.every((resource) => "type" in resource && "inputs" in resource));
        assert.ok(out.includes("arn:aws:sns:eu-central-1:"), "aws:region comes from the file");
        assert.ok(!out.includes("c2VjcmV0LWNpcGhlcnRleHQ="));
    });

    it("exits non-zero on bad config with the pulumi up message and no stack trace", async () => {
        const file = stackFile(
            "config:\n  kms-monitoring:alertEmails: [not-an-email]\n  kms-monitoring:expiryWarningDays: 0\n",
        );
        const { code, out, err } = await cli("--stack", "test", "--config", file);
        assert.equal(code, 1);
        assert.equal(out, "");
        assert.match(
            err,
            /^Invalid stack config for kms-monitoring \(stack "test"\): 2 problems\n/,
        );
        assert.match(err, /kms-monitoring:alertEmails\[0\]: is not an email address/);
        assert.ok(!/\n\s+at /.test(err), "no stack trace");
    });

    it("explains its usage", async () => {
        const { code, err } = await cli("--json");
        assert.equal(code, 1);
        assert.match(err, /--stack <name> is required\nusage: npm run plan -- --stack <name>/);
    });

    it("shows the organization's two StackSets: the forwarders without a link, the link alone", async () => {
        const out = planTree(await snapshotPlan("org"));
        assert.match(
            out,
            /StackSet {2}kms-monitoring-member-stack-set-stack-set {2}\(member forwarders: \d+ resources, no observability link\)/,
        );
        assert.match(
            out,
            /StackSet {2}kms-monitoring-member-link-stack-set-stack-set {2}\(members' observability link alone, to the sink of eu-west-1, us-east-1, sharing Namespace IN \('AWS\/KMS', 'AWS\/Events', 'AWS\/SQS', 'AWS\/Usage'\)\)/,
        );
    });
});
