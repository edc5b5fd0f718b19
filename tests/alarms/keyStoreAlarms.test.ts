import { strict as assert } from "assert";
import {
    CERTIFICATE_WARNING_DAYS,
    KEY_STORE_SIGNALS,
    keyStoreAlarmSettings,
    METRICS_INSIGHTS_MAX_EVALUATION_SECONDS,
} from "../../components/alarms";
import { parseMetricsInsights, readsMetric } from "../support/metricsInsights";

const signal = (role: string) => KEY_STORE_SIGNALS.find((each) => each.role === role)!;
const query = (role: string) => parseMetricsInsights(signal(role).query);
const STORE = "cks-1234567890abcdef0";
const kms = (name: string, dimensions: Record<string, string>) => ({
    namespace: "AWS/KMS",
    name,
    dimensions: { CustomKeyStoreId: STORE, ...dimensions },
});

describe("the custom key store alarms", () => {
    it("watch every signal of the KMS Developer Guide, one series per store", () => {
        assert.deepEqual(
            KEY_STORE_SIGNALS.map((each) => query(each.role).metric),
            [
                "XksProxyCertificateDaysToExpire",
                "XksProxyErrors",
                "XksProxyLatency",
                "XksExternalKeyManagerStates",
                "ExternalKeyStoreThrottle",
                "CloudHSMKeyStoreThrottle",
            ],
        );
        for (const each of KEY_STORE_SIGNALS) {
            const parsed = query(each.role);
            assert.equal(parsed.namespace, "AWS/KMS");
            assert.deepEqual(parsed.groupBy, ["CustomKeyStoreId"], each.role);
            // A multi-time-series alarm needs ORDER BY; the worst series first.
            assert.equal(parsed.orderBy?.function, parsed.function, each.role);
        }
    });

    it("read the certificate under either dimension name the guide gives, where a SCHEMA would miss one", () => {
        const certificate = query("certificate");
        const table = kms("XksProxyCertificateDaysToExpire", {
            CertificateName: "proxy.example.com",
        });
        const console = kms("XksProxyCertificateDaysToExpire", {
            XksProxyCertificateName: "proxy.example.com",
        });
        assert.ok(readsMetric(certificate, table));
        assert.ok(readsMetric(certificate, console));
        const schema = parseMetricsInsights(
            'SELECT MIN(XksProxyCertificateDaysToExpire) FROM SCHEMA("AWS/KMS", CustomKeyStoreId, ' +
                "CertificateName) GROUP BY CustomKeyStoreId",
        );
        assert.ok(readsMetric(schema, table) && !readsMetric(schema, console));
        assert.deepEqual(
            [certificate.function, keyStoreAlarmSettings(signal("certificate")).comparisonOperator],
            ["MIN", "LessThanThreshold"],
        );
        assert.equal(
            keyStoreAlarmSettings(signal("certificate")).threshold,
            CERTIFICATE_WARNING_DAYS,
        );
        assert.equal(CERTIFICATE_WARNING_DAYS, 10);
    });

    it("keep a certificate that reports less than hourly in ALARM, so PagerDuty is not resolved and paged again", () => {
        const settings = keyStoreAlarmSettings(signal("certificate"));
        // M out of N (CloudWatch User Guide, "Evaluating an alarm"): ALARM while at least
        // datapointsToAlarm of the last evaluationPeriods hours breach; a missing hour is not
        // breaching (treatMissingData).
        const states = (hours: (number | undefined)[]) =>
            hours.map((_, hour) => {
                const window = hours.slice(
                    Math.max(0, hour + 1 - settings.evaluationPeriods),
                    hour + 1,
                );
                const breaching = window.filter(
                    (days) => days !== undefined && days < settings.threshold,
                ).length;
                return breaching >= settings.datapointsToAlarm ? "ALARM" : "OK";
            });
        const everyOtherHour = [9, undefined, 8, undefined, 8, undefined, 7];
        assert.deepEqual(new Set(states(everyOtherHour)), new Set(["ALARM"]));
        // A renewed certificate resolves it within the three hours.
        assert.equal(states([9, 8, 30, 30, 30]).at(-1), "OK");
    });

    it("count only errors: the successful requests XksProxyErrors records with ErrorType N/A are left out", () => {
        const errors = query("proxy-errors");
        const recorded = (ErrorType: string) =>
            kms("XksProxyErrors", {
                KmsOperation: "Decrypt",
                XksOperation: "Decrypt",
                KeySpec: "SYMMETRIC_DEFAULT",
                ErrorType,
                ExceptionName: ErrorType === "N/A" ? "None" : "XksProxyTimeoutException",
            });
        assert.equal(errors.function, "SUM");
        assert.ok(!readsMetric(errors, recorded("N/A")));
        assert.ok(readsMetric(errors, recorded("Retryable")));
        assert.ok(readsMetric(errors, recorded("Non-retryable")));
    });

    it("count external key manager instances that are Degraded or Unavailable, not Active ones", () => {
        const states = query("key-manager");
        const state = (value: string) =>
            kms("XksExternalKeyManagerStates", { XksExternalKeyManagerState: value });
        assert.ok(!readsMetric(states, state("Active")));
        assert.ok(
            readsMetric(states, state("Degraded")) && readsMetric(states, state("Unavailable")),
        );
        assert.deepEqual(
            [
                keyStoreAlarmSettings(signal("key-manager")).comparisonOperator,
                keyStoreAlarmSettings(signal("key-manager")).threshold,
            ],
            ["GreaterThanThreshold", 0],
        );
    });

    it("alarm within the three hours a Metrics Insights alarm may look back, quiet without a store", () => {
        for (const each of KEY_STORE_SIGNALS) {
            const settings = keyStoreAlarmSettings(each);
            const [only] = settings.metricQueries;
            assert.equal(settings.metricQueries.length, 1);
            assert.equal(only.returnData, true);
            assert.ok(each.period % 60 === 0 && only.period === each.period);
            assert.ok(
                each.period * settings.evaluationPeriods <= METRICS_INSIGHTS_MAX_EVALUATION_SECONDS,
            );
            assert.ok(settings.datapointsToAlarm <= settings.evaluationPeriods);
            assert.equal(settings.treatMissingData, "notBreaching");
            // The alert channels insert the description into JSON as it is.
            assert.ok(!/["\\\n]/.test(each.description) && each.description.length <= 1024);
        }
    });
});
