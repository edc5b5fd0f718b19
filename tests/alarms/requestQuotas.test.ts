import { strict as assert } from "assert";
import {
    KMS_REQUEST_QUOTAS,
    quotaUtilizationExpression,
    requestQuotaAlarmDescription,
    requestQuotaAlarmSettings,
} from "../../components/alarms";
import { parseStackConfig } from "../../components/config";

const [SYMMETRIC] = KMS_REQUEST_QUOTAS;
const CONTEXT = {
    project: "kms-monitoring",
    stack: "dev",
    now: new Date("2026-11-28T00:00:00Z"),
    homeRegion: "us-east-1",
};

/**
 * Evaluates the metric math of the stack's quota expression for one data point: `usage` is the
 * metric's value (a minute's Sum of CallCount), `PERIOD(usage)` its period in seconds,
 * `SERVICE_QUOTA(usage)` the applied quota; `*` and `/` left to right, as metric math does.
 */
function evaluate(expression: string, usage: number, period: number, quota: number): number {
    const tokens = expression
        .replace("PERIOD(usage)", String(period))
        .replace("SERVICE_QUOTA(usage)", String(quota))
        .replace(/\busage\b/, String(usage))
        .split(" ");
    let value = Number(tokens[0]);
    for (let index = 1; index < tokens.length; index += 2) {
        const operand = Number(tokens[index + 1]);
        assert.ok(!Number.isNaN(operand), `a number after ${tokens[index]}: ${expression}`);
        value = tokens[index] === "/" ? value / operand : value * operand;
    }
    return value;
}

describe("the request quota alarms", () => {
    it("read each shared quota's AWS/Usage CallCount for KMS, summed per minute", () => {
        assert.deepEqual(
            KMS_REQUEST_QUOTAS.map(
                (quota) => requestQuotaAlarmSettings(quota, 80).metricQueries[0],
            ),
            KMS_REQUEST_QUOTAS.map((quota) => ({
                id: "usage",
                returnData: false,
                metric: {
                    namespace: "AWS/Usage",
                    metricName: "CallCount",
                    dimensions: {
                        Service: "KMS",
                        Type: "API",
                        Resource: quota.resource,
                        Class: "None",
                    },
                    period: 60,
                    stat: "Sum",
                },
            })),
        );
        assert.deepEqual(
            KMS_REQUEST_QUOTAS.map((quota) => quota.resource),
            [
                "CryptographicOperationsSymmetric",
                "CryptographicOperationsRsa",
                "CryptographicOperationsEcc",
            ],
        );
    });

    it("compare the per-second rate with the per-second quota: 8,000 calls a second of 10,000 is 80%", () => {
        const [, utilization] = requestQuotaAlarmSettings(SYMMETRIC, 80).metricQueries;
        assert.equal(utilization.returnData, true);
        const expression = utilization.expression ?? "";
        assert.equal(expression, quotaUtilizationExpression("usage"));
        // 8,000 calls a second for a minute are 480,000 in the minute's Sum.
        assert.equal(evaluate(expression, 480_000, 60, 10_000), 80);
        assert.equal(evaluate(expression, 2_400_000, 300, 10_000), 80, "any period");
        // The console's m1/SERVICE_QUOTA(m1)*100 would read the same minute as 4,800%.
        assert.equal(evaluate("usage / SERVICE_QUOTA(usage) * 100", 480_000, 60, 10_000), 4_800);
    });

    it("fire at the percent, sustained for 3 of 5 minutes, and stay OK without calls", () => {
        const settings = requestQuotaAlarmSettings(SYMMETRIC, 65);
        assert.deepEqual(
            [
                settings.comparisonOperator,
                settings.threshold,
                settings.datapointsToAlarm,
                settings.evaluationPeriods,
                settings.treatMissingData,
            ],
            ["GreaterThanOrEqualToThreshold", 65, 3, 5, "notBreaching"],
        );
        assert.equal(settings.metricQueries.filter((query) => query.returnData).length, 1);
    });

    it("describe the account, region, quota and percent, and link to Service Quotas of the partition", () => {
        const text = requestQuotaAlarmDescription(SYMMETRIC, 80, {
            accountId: "111122223333",
            partition: "aws-cn",
            region: "cn-north-1",
        });
        assert.match(text, /account 111122223333, region cn-north-1/);
        assert.match(
            text,
            /80% or more of the applied quota Cryptographic operations \(symmetric\) request rate/,
        );
        assert.match(
            text,
            /https:\/\/console\.amazonaws\.cn\/servicequotas\/home\/services\/kms\/quotas\?region=cn-north-1/,
        );
        // The channels insert it into JSON as it is; CloudWatch takes at most 1,024 characters.
        assert.ok(!/["\\\n]/.test(text));
        assert.ok(text.length <= 1024);
    });
});

describe("requestQuotaAlarms, quotaWarningPercent and customKeyStoreAlarms in the stack config", () => {
    it("default to on and 80%", () => {
        const config = parseStackConfig({}, CONTEXT);
        assert.deepEqual(
            [config.requestQuotaAlarms, config.quotaWarningPercent, config.customKeyStoreAlarms],
            [true, 80, true],
        );
        const off = parseStackConfig(
            {
                requestQuotaAlarms: "false",
                customKeyStoreAlarms: "false",
                quotaWarningPercent: "1",
            },
            CONTEXT,
        );
        assert.deepEqual(
            [off.requestQuotaAlarms, off.quotaWarningPercent, off.customKeyStoreAlarms],
            [false, 1, false],
        );
    });

    it("refuse a percent outside 1-100 or not whole, naming the key and the value", () => {
        assert.throws(
            () => parseStackConfig({ quotaWarningPercent: "150" }, CONTEXT),
            /kms-monitoring:quotaWarningPercent: must be a whole percent from 1 to 100: an alarm above 100% fires only after KMS throttles \(got 150\)/,
        );
        for (const bad of ["0", "80.5", '"high"']) {
            assert.throws(
                () => parseStackConfig({ quotaWarningPercent: bad }, CONTEXT),
                /kms-monitoring:quotaWarningPercent: must be a whole percent from 1 to 100 \(got /,
                bad,
            );
        }
        assert.throws(
            () => parseStackConfig({ customKeyStoreAlarms: "yes" }, CONTEXT),
            /kms-monitoring:customKeyStoreAlarms: must be true or false \(got "yes"\)/,
        );
    });
});
