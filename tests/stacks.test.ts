import { strict as assert } from "assert";
import { PROD_ALARM_NAMES } from "./prodAlarmNames";
import { matchesPattern } from "./support/eventMatcher";
import * as misuse from "../verify/misuseSamples";
import * as samples from "../verify/samples";
import * as path from "path";
import { KmsMonitoring } from "../components/stack";
import { parseStackConfig } from "../components/config";
import { shippedStacks, snapshotPlan } from "../scripts/snapshots";
import {
    installMocks,
    loadStackConfig,
    projectConfig,
    Recorder,
    REPO_ROOT,
    restoreWarnings,
    settle,
    valueOf,
} from "./harness";

/** The shipped stack files are checked as of this date, so they never fail on a calendar day. */
const PINNED_NOW = new Date("2026-11-28T00:00:00Z");

interface EvaluatedStack {
    readonly recorder: Recorder;
    readonly monitoring: KmsMonitoring;
}

async function evaluateStackFile(stack: string): Promise<EvaluatedStack> {
    const { config, secretKeys } = loadStackConfig(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`));
    const recorder = await installMocks({
        stack,
        config,
        secretKeys,
        region: config["aws:region"],
    });
    const monitoring = KmsMonitoring.fromConfig(
        parseStackConfig(projectConfig(config), {
            project: "kms-monitoring",
            stack,
            now: PINNED_NOW,
            homeRegion: config["aws:region"],
        }),
    );
    await valueOf(monitoring.nextSteps);
    await settle(recorder);
    return { recorder, monitoring };
}

afterEach(restoreWarnings);

describe("shipped stack files", () => {
    const stacks = shippedStacks();

    it("ships dev, org and prod", () => {
        assert.deepEqual([...stacks].sort(), ["dev", "org", "prod"]);
    });

    for (const stack of stacks) {
        it(`evaluates Pulumi.${stack}.yaml cleanly`, async () => {
            const { recorder, monitoring } = await evaluateStackFile(stack);
            assert.ok(recorder.resources.length > 10);
            // An organization stack says once what no resource of it provides: the members' trail,
            // read-only events included for the calls on keys pending deletion (memberTrailWarning).
            const expected =
                stack === "org"
                    ? [
                          /^kms-monitoring:organization: member accounts' API-call alerts fire only where a CloudTrail trail .* every member region \(us-east-1, eu-west-1\), kms.amazonaws.com not excluded, read-only events included \(pendingDeletionUseAlerts watches every call on a key pending deletion\)\./,
                      ]
                    : [];
            assert.equal(recorder.warnings.length, expected.length, recorder.warnings.join("\n"));
            expected.forEach((pattern, index) => assert.match(recorder.warnings[index], pattern));
            assert.match((await valueOf(monitoring.topicArn)) ?? "", /^arn:aws:sns:/);
        });
    }

    it("dev reproduces the workshop", async () => {
        const { recorder, monitoring } = await evaluateStackFile("dev");
        assert.equal(recorder.one("aws:sns/topic:Topic").inputs.name, "snsworkshop");
        assert.deepEqual(
            recorder
                .byType("aws:sns/topicSubscription:TopicSubscription")
                .map((each) => each.inputs.endpoint),
            ["kms-workshop@example.com"],
        );
        assert.deepEqual(await valueOf(monitoring.ruleNames), [
            "kms-monitoring-dev-data-key-generation",
            "kms-monitoring-dev-key-management",
            "kms-monitoring-dev-key-lifecycle",
            "kms-monitoring-dev-key-rotation",
            "kms-monitoring-dev-pending-deletion-use",
            "kms-monitoring-dev-expiring-keys",
            "kms-monitoring-dev-key-stores",
        ]);
        const key = recorder.one("aws:kms/externalKey:ExternalKey");
        assert.equal(key.inputs.deletionWindowInDays, 7);
        assert.equal(key.inputs.validTo, "2027-06-30T00:00:00Z");
        assert.equal(
            recorder.one("aws:kms/alias:Alias", "imported-key-alias").inputs.name,
            "alias/ImportedCMK",
        );
        assert.equal(key.protect, false);
        assert.equal(recorder.one("aws:kms/key:Key").protect, false);
        const alarm = recorder.one(
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "expiry-alias-ImportedCMK",
        );
        assert.deepEqual(alarm.inputs.dimensions, { KeyId: key.state.arn.split("/").pop() });
        assert.equal(
            recorder.one("aws:cloudwatch/eventRule:EventRule", "data-key-generation-rule").inputs
                .state,
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
    });

    it("prod protects the key, keeps a 30-day window, mails several people and watches keys in three regions", async () => {
        const { recorder, monitoring } = await evaluateStackFile("prod");
        const key = recorder.one("aws:kms/externalKey:ExternalKey");
        assert.equal(key.protect, true);
        assert.equal(key.inputs.deletionWindowInDays, 30);
        assert.equal(recorder.one("random:index/randomBytes:RandomBytes").protect, true);
        assert.equal(
            recorder.one("aws:kms/key:Key").protect,
            true,
            "the alert key is protected by default on prod",
        );
        assert.ok(recorder.byType("aws:sns/topicSubscription:TopicSubscription").length >= 2);
        assert.deepEqual(await valueOf(monitoring.alarmNames), PROD_ALARM_NAMES);
        assert.deepEqual(await valueOf(monitoring.watchedRegions), [
            "eu-west-1",
            "eu-central-1",
            "us-east-1",
        ]);
        const forwarding = await valueOf(monitoring.forwarding);
        assert.deepEqual(Object.keys(forwarding ?? {}), ["eu-central-1", "us-east-1"]);
        assert.deepEqual(forwarding?.["us-east-1"].ruleNames, [
            "kms-monitoring-prod-forward-api-calls",
            "kms-monitoring-prod-forward-key-lifecycle",
            "kms-monitoring-prod-forward-contributors",
            "kms-monitoring-prod-heartbeat",
            "kms-monitoring-prod-forward-alarms",
        ]);
        assert.match(
            forwarding?.["us-east-1"].deadLetterQueueUrl ?? "",
            /^https:\/\/sqs\.us-east-1\.amazonaws\.com\//,
        );
        assert.equal(
            forwarding?.["us-east-1"].heartbeatAlarmName,
            "kms-monitoring-prod-forwarding-heartbeat-us-east-1",
        );
        for (const alarm of recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter((each) => each.inputs.namespace === "AWS/KMS")) {
            assert.equal(alarm.inputs.threshold, 45 * 86_400);
        }
        assert.equal(
            recorder.one("aws:cloudwatch/eventRule:EventRule", "payments-key-decrypt-rule").inputs
                .state,
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
        assert.equal(
            recorder.one("aws:cloudwatch/eventRule:EventRule", "-key-management-rule").inputs.state,
            "ENABLED",
        );
        assert.equal(
            recorder.one("aws:sns/topic:Topic", "-alerts-topic").inputs.tags["cost-center"],
            "security",
        );
    });
});

describe("prod's example of denied calls", () => {
    // KMS refuses a Decrypt "on the resource associated with this ciphertext" (IAM Identity Center
    // User Guide, "Troubleshoot customer managed keys"): its record may name no key.
    it("catches a denied Decrypt of the payments key whose CloudTrail record names no key", async () => {
        const { recorded } = await snapshotPlan("prod");
        const payments =
            "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const denied = samples.placed(misuse.deniedDecryptEvent, "111122223333", "eu-west-1");
        const withoutKey = { ...denied, detail: { ...denied.detail, resources: undefined } };
        const onPayments = {
            ...denied,
            detail: {
                ...denied.detail,
                resources: [{ ...denied.detail.resources[0], ARN: payments }],
            },
        };
        const homeRules = recorded.filter(
            (each) =>
                each.type === "aws:cloudwatch/eventRule:EventRule" &&
                each.inputs.region === undefined &&
                each.inputs.eventBusName === undefined,
        );
        const catching = (event: object) =>
            homeRules
                .filter((rule) =>
                    matchesPattern(JSON.parse(rule.inputs.eventPattern ?? "{}"), event),
                )
                .map((rule) => rule.inputs.name as string)
                .filter((name) => !name.includes("-pagerduty-"));
        assert.deepEqual(catching(withoutKey), ["kms-monitoring-prod-denied-key-use"]);
        assert.ok(catching(onPayments).includes("kms-monitoring-prod-denied-key-use"));
        const succeeded = samples.placed(samples.decryptEvent, "111122223333", "eu-west-1");
        assert.ok(!catching(succeeded).includes("kms-monitoring-prod-denied-key-use"));
    });
});

describe("the metrics the alarms of every shipped stack watch", () => {
    // MatchedEvents per rule is a fact no AWS page confirms (older revisions of the EventBridge
    // metrics table list it with no dimension): an alarm on it could sit in ALARM for ever.
    it("include no MatchedEvents, in the stack or in a template the StackSets roll out", async () => {
        let templates = 0;
        for (const stack of shippedStacks()) {
            const { recorded } = await snapshotPlan(stack);
            for (const alarm of recorded.filter((each) =>
                each.type.startsWith("aws:cloudwatch/metricAlarm:"),
            )) {
                assert.doesNotMatch(
                    JSON.stringify(alarm.inputs),
                    /MatchedEvents/,
                    `${stack}: ${alarm.name}`,
                );
            }
            for (const stackSet of recorded.filter(
                (each) => each.type === "aws:cloudformation/stackSet:StackSet",
            )) {
                templates += 1;
                const template = JSON.parse(stackSet.inputs.templateBody) as {
                    Resources: Record<string, { Type: string }>;
                };
                for (const [logicalId, resource] of Object.entries(template.Resources)) {
                    if (resource.Type === "AWS::CloudWatch::Alarm") {
                        assert.doesNotMatch(
                            JSON.stringify(resource),
                            /MatchedEvents/,
                            `${stack}: ${logicalId}`,
                        );
                    }
                }
            }
        }
        assert.ok(templates > 0, "the org stack's member template is among them");
    });
});
