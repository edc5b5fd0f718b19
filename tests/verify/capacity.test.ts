import { strict as assert } from "assert";
import { USAGE_DIMENSIONS } from "./fakeAccount";
import { metricKey, steady } from "./fakeMetrics";
import { deployed, runVerify } from "./runVerify";
import { result } from "./results";

const QUOTA = "kms-monitoring-prod-kms-quota-symmetric";
const CERTIFICATE = "kms-monitoring-prod-key-store-certificate";

describe("verify: request quota and custom key store alarms", () => {
    it("warns of one in ALARM as a real condition, and fails one that cannot alert", async () => {
        const { fake } = await deployed("prod");
        const alarm = (region: string, name: string) => fake.alarms.get(`${region} ${name}`)!;
        const reason = "Threshold Crossed: 3 out of the last 5 datapoints were >= 80.0";
        for (const region of ["eu-west-1", "us-east-1"]) {
            Object.assign(alarm(region, QUOTA), { StateValue: "ALARM", StateReason: reason });
        }
        Object.assign(alarm("eu-central-1", CERTIFICATE), {
            StateValue: "ALARM",
            StateReason: "1 out of 1 time series evaluated to ALARM",
        });
        alarm("eu-west-1", "kms-monitoring-prod-kms-quota-rsa").ActionsEnabled = false;
        alarm("eu-west-1", "kms-monitoring-prod-kms-quota-ecc").AlarmActions = [];
        alarm("us-east-1", "kms-monitoring-prod-key-store-proxy-errors").EvaluationState =
            "EVALUATION_ERROR";
        fake.alarms.delete("eu-central-1 kms-monitoring-prod-key-store-xks-throttle");
        const run = await runVerify("prod", fake);

        for (const region of ["eu-west-1", "us-east-1"]) {
            const quota = result(run, "alarm", QUOTA, region);
            assert.equal(quota.status, "WARN", region);
            assert.equal(quota.message, `is in ALARM: ${reason}`);
            assert.match(quota.fix ?? "", /a real condition; act on it as its description says/);
        }
        assert.equal(result(run, "alarm", CERTIFICATE, "eu-central-1").status, "WARN");
        // At home the quota alarms notify the topic themselves: they must be able to.
        const disabled = result(run, "alarm", "kms-monitoring-prod-kms-quota-rsa", "eu-west-1");
        assert.equal(disabled.status, "FAIL");
        assert.match(disabled.message, /actions disabled/);
        assert.match(
            result(run, "alarm", "kms-monitoring-prod-kms-quota-ecc", "eu-west-1").message,
            /^does not notify arn:aws:sns:eu-west-1:/,
        );
        const broken = result(
            run,
            "alarm",
            "kms-monitoring-prod-key-store-proxy-errors",
            "us-east-1",
        );
        assert.equal(broken.status, "FAIL");
        assert.match(broken.message, /cannot evaluate its query/);
        assert.equal(
            result(run, "alarm", "kms-monitoring-prod-key-store-xks-throttle", "eu-central-1")
                .message,
            "does not exist",
        );
        // Elsewhere they have no actions: their changes are forwarded home.
        assert.equal(
            result(run, "alarm", "kms-monitoring-prod-kms-quota-rsa", "us-east-1").status,
            "PASS",
        );
    });

    it("compares the usage KMS publishes with the names the quota alarms read", async () => {
        const { fake } = await deployed("prod");
        const usage = (region: string, resource: string) =>
            metricKey(region, "AWS/Usage", "CallCount", {
                ...USAGE_DIMENSIONS,
                Resource: resource,
            });
        fake.metrics.set(usage("eu-west-1", "CryptographicOperationsSm"), steady(5, 60_000));
        fake.metrics.set(usage("eu-west-1", "GenerateDataKey"), steady(5, 60_000));
        fake.metrics.delete(usage("us-east-1", "CryptographicOperationsSymmetric"));
        const run = await runVerify("prod", fake);
        const unwatched = result(run, "request-quota", "AWS/Usage CallCount KMS", "eu-west-1");
        assert.equal(unwatched.status, "WARN");
        assert.match(unwatched.message, /^KMS publishes usage for CryptographicOperationsSm here/);
        assert.match(unwatched.fix ?? "", /aws cloudwatch list-metrics --namespace AWS\/Usage/);
        const read = result(run, "request-quota", "AWS/Usage CallCount KMS", "eu-central-1");
        assert.equal(read.status, "PASS");
        assert.equal(
            read.message,
            "KMS publishes CryptographicOperationsSymmetric: the quota alarms read them",
        );
        assert.match(
            result(run, "request-quota", "AWS/Usage CallCount KMS", "us-east-1").message,
            /^no cryptographic call in two weeks/,
        );
    });

    it("warns of a quota alarm whose usage has data but whose utilization has none: no quota to compare", async () => {
        const { fake } = await deployed("prod");
        const healthy = await runVerify("prod", fake);
        assert.equal(
            result(healthy, "request-quota", QUOTA, "eu-west-1").message,
            "its utilization has data",
        );
        assert.equal(
            result(healthy, "request-quota", "kms-monitoring-prod-kms-quota-rsa", "eu-west-1")
                .message,
            "no call in the last hour",
        );
        fake.withoutServiceQuotas = new Set(["eu-west-1"]);
        const run = await runVerify("prod", fake);
        const blind = result(run, "request-quota", QUOTA, "eu-west-1");
        assert.equal(blind.status, "WARN");
        assert.match(
            blind.message,
            /SERVICE_QUOTA gave no utilization: .* the alarm stays OK whatever the rate$/,
        );
        assert.match(
            blind.fix ?? "",
            /aws service-quotas list-service-quotas --service-code kms --region eu-west-1/,
        );
        assert.equal(result(run, "request-quota", QUOTA, "us-east-1").status, "PASS");
        // No calls, nothing to compare: no warning.
        assert.equal(
            result(run, "request-quota", "kms-monitoring-prod-kms-quota-rsa", "eu-west-1").status,
            "PASS",
        );
    });
});
