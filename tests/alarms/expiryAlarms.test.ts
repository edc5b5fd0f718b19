import { strict as assert } from "assert";
import {
    expiryAlarmSettings,
    expiryThresholdSeconds,
    keyLabel,
    KeyMaterialExpiryAlarms,
} from "../../components/alarms/expiryAlarms";
import { build, fakeUuid, restoreWarnings, TEST_TOPIC_ARN } from "../harness";

afterEach(restoreWarnings);

describe("expiry alarm settings", () => {
    it("converts days to seconds", () => {
        assert.equal(expiryThresholdSeconds(30), 2_592_000);
        assert.equal(expiryThresholdSeconds(1), 86_400);
    });

    it("alarms on the minimum at or below the threshold and treats missing data as breaching", () => {
        const settings = expiryAlarmSettings(45);
        assert.equal(settings.namespace, "AWS/KMS");
        assert.equal(settings.metricName, "SecondsUntilKeyMaterialExpiration");
        assert.equal(settings.statistic, "Minimum");
        assert.equal(settings.comparisonOperator, "LessThanOrEqualToThreshold");
        assert.equal(settings.threshold, 45 * 86_400);
        assert.equal(settings.treatMissingData, "breaching");
        assert.ok(
            settings.period % 60 === 0 && settings.period * settings.evaluationPeriods <= 86_400,
        );
    });

    it("makes key references safe for names", () => {
        assert.equal(keyLabel("alias/ImportedCMK"), "alias-ImportedCMK");
        assert.equal(
            keyLabel("arn:aws:kms:us-east-1:111122223333:key/abc"),
            "arn-aws-kms-us-east-1-111122223333-key-abc",
        );
    });
});

describe("KeyMaterialExpiryAlarms", () => {
    it("alarms on a managed key by its UUID and notifies the topic on ALARM and OK", async () => {
        const keyId = fakeUuid("managed");
        const recorder = await build(
            () =>
                new KeyMaterialExpiryAlarms("expiry", {
                    keys: [{ label: "alias/ImportedCMK", keyId }],
                    warningDays: 10,
                    alarmNamePrefix: "p",
                    topicArn: TEST_TOPIC_ARN,
                }),
        );
        const alarm = recorder.one("aws:cloudwatch/metricAlarm:MetricAlarm");
        assert.equal(alarm.inputs.name, "p-key-material-expiry-alias-ImportedCMK");
        assert.deepEqual(alarm.inputs.dimensions, { KeyId: keyId });
        assert.equal(alarm.inputs.threshold, 864_000);
        assert.equal(alarm.inputs.statistic, "Minimum");
        assert.equal(alarm.inputs.treatMissingData, "breaching");
        assert.deepEqual(alarm.inputs.alarmActions, [TEST_TOPIC_ARN]);
        assert.deepEqual(alarm.inputs.okActions, [TEST_TOPIC_ARN]);
        assert.match(alarm.inputs.alarmDescription, /alias\/ImportedCMK.*Re-import/);
        // The channels show the description, not the dimensions: it names the key ID.
        assert.ok(alarm.inputs.alarmDescription.includes(`(key ID ${keyId})`));
    });

    it("resolves every watched key reference to its UUID with kms.getKey", async () => {
        const uuid = "1234abcd-12ab-34cd-56ef-1234567890ab";
        const recorder = await build(
            () =>
                new KeyMaterialExpiryAlarms("expiry", {
                    watchedKeys: ["alias/legacy", `arn:aws:kms:us-east-1:111122223333:key/${uuid}`],
                    alarmNamePrefix: "p",
                    topicArn: TEST_TOPIC_ARN,
                }),
        );
        const lookups = recorder.invokes
            .filter((invoke) => invoke.token === "aws:kms/getKey:getKey")
            .map((invoke) => invoke.inputs.keyId);
        assert.deepEqual(lookups, [
            "alias/legacy",
            `arn:aws:kms:us-east-1:111122223333:key/${uuid}`,
        ]);
        const dimensions = recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .map((alarm) => alarm.inputs.dimensions.KeyId);
        assert.deepEqual(dimensions, [fakeUuid("alias/legacy"), uuid]);
        for (const alarm of recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
            assert.equal(alarm.inputs.threshold, 30 * 86_400, "default warning days");
        }
    });
});

describe("watched keys without expiring material", () => {
    it("warns that the alarm would stay in ALARM", async () => {
        const recorder = await build(
            () =>
                new KeyMaterialExpiryAlarms("expiry", {
                    watchedKeys: ["alias/aws-generated-key"],
                    alarmNamePrefix: "p",
                    topicArn: TEST_TOPIC_ARN,
                }),
        );
        assert.equal(recorder.warnings.length, 1);
        assert.match(
            recorder.warnings[0],
            /alias\/aws-generated-key \(origin AWS_KMS.*has no expiring imported key material/,
        );
    });
});
