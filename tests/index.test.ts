import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { keyStoreAlarmNames, requestQuotaAlarmNames } from "../components/alarms";
import { installMocks, restoreWarnings, runProgram, settle, validToAfter } from "./harness";

afterEach(restoreWarnings);

describe("index.ts", () => {
    it("exports the stack outputs", async () => {
        const recorder = await installMocks({
            config: {
                "kms-monitoring:alertEmails": JSON.stringify(["ops@example.com"]),
                "kms-monitoring:importedKey": JSON.stringify({
                    alias: "alias/ImportedCMK",
                    validTo: validToAfter(90),
                }),
            },
        });
        const outputs = await runProgram(recorder);
        assert.deepEqual(Object.keys(outputs).sort(), [
            "alarmNames",
            "alertKeyArn",
            "auditLogGroupName",
            "centralDashboardUrl",
            "channels",
            "dashboardUrl",
            "deadLetterQueueUrl",
            "emailSubscriptions",
            "forwarding",
            "importedKeyArn",
            "importedKeyId",
            "linkStackSetName",
            "nextSteps",
            "observabilitySinkArns",
            "organizationBusArn",
            "ruleNames",
            "stackSetInstanceRegions",
            "stackSetName",
            "topicArn",
            "verification",
            "watchedRegions",
        ]);
        assert.deepEqual(outputs.emailSubscriptions, [
            { email: "ops@example.com", pendingConfirmation: true },
        ]);
        assert.equal(outputs.alertKeyArn, recorder.one("aws:kms/key:Key").state.arn);
        assert.equal(outputs.deadLetterQueueUrl, recorder.one("aws:sqs/queue:Queue").state.url);
        const key = recorder.one("aws:kms/externalKey:ExternalKey");
        assert.equal(outputs.importedKeyId, key.state.arn.split("/").pop());
        assert.equal(outputs.importedKeyArn, key.state.arn);
        assert.equal(outputs.topicArn, recorder.one("aws:sns/topic:Topic").state.arn);
        assert.deepEqual(outputs.alarmNames, [
            "kms-monitoring-dev-key-material-expiry-alias-ImportedCMK",
            "kms-monitoring-dev-expiring-key-material",
            ...requestQuotaAlarmNames("kms-monitoring-dev"),
            ...keyStoreAlarmNames("kms-monitoring-dev"),
            "kms-monitoring-dev-sns-failed-notifications",
            "kms-monitoring-dev-data-key-generation-failed-invocations",
            "kms-monitoring-dev-key-management-failed-invocations",
            "kms-monitoring-dev-key-lifecycle-failed-invocations",
            "kms-monitoring-dev-key-rotation-failed-invocations",
            "kms-monitoring-dev-pending-deletion-use-failed-invocations",
            "kms-monitoring-dev-expiring-keys-failed-invocations",
            "kms-monitoring-dev-key-stores-failed-invocations",
            "kms-monitoring-dev-dead-letters",
        ]);
        assert.deepEqual(outputs.watchedRegions, ["us-east-1"]);
        assert.deepEqual(outputs.forwarding, {});
        assert.match(String(outputs.nextSteps), /ops@example.com/);
    });

    it("logs config warnings", async () => {
        const soon = validToAfter(10);
        const recorder = await installMocks({
            config: {
                "kms-monitoring:alertEmails": JSON.stringify(["ops@example.com"]),
                "kms-monitoring:importedKey": JSON.stringify({
                    alias: "alias/ImportedCMK",
                    validTo: soon,
                }),
            },
        });
        await runProgram(recorder);
        assert.equal(recorder.warnings.length, 2);
        assert.match(
            recorder.warnings[0],
            /importedKey\.validTo .* within expiryWarningDays \(30\)/,
        );
        // No trail of the stack's own: the pending-deletion rule's one prerequisite, once.
        assert.match(
            recorder.warnings[1],
            /^kms-monitoring:pendingDeletionUseAlerts is on and auditTrail\.create is off: .* npm run verify -- --canary checks it/,
        );
    });

    it("stops on bad config before any resource registers", async () => {
        const recorder = await installMocks({
            config: {
                "kms-monitoring:expiryWarningDays": "0",
                "kms-monitoring:alertEmails": JSON.stringify(["nope"]),
                "kms-monitoring:quotaWarningPercent": "150",
            },
        });
        await assert.rejects(runProgram(recorder), (error: unknown) => {
            assert.ok(error instanceof pulumi.RunError);
            assert.match(error.message, /3 problems/);
            assert.match(error.message, /kms-monitoring:quotaWarningPercent: .* \(got 150\)/);
            return true;
        });
        await settle(recorder);
        assert.equal(recorder.resources.length, 0);
    });
});
