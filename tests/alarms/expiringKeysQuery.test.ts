import { strict as assert } from "assert";
import {
    EXPIRING_KEYS_BY_ACCOUNT_QUERY,
    EXPIRING_KEYS_QUERY,
    expiringKeysAlarmSettings,
    METRICS_INSIGHTS_MAX_EVALUATION_SECONDS,
} from "../../components/alarms";
import { parseMetricsInsights } from "../support/metricsInsights";

describe("the expiring-material query", () => {
    it("selects the least time left per key from every key of the region, soonest first", () => {
        assert.deepEqual(parseMetricsInsights(EXPIRING_KEYS_QUERY), {
            function: "MIN",
            metric: "SecondsUntilKeyMaterialExpiration",
            namespace: "AWS/KMS",
            schemaDimensions: ["KeyId"],
            where: [],
            groupBy: ["KeyId"],
            orderBy: { function: "MIN", direction: "ASC" },
        });
    });

    it("has a monitoring-account form that groups every linked account's keys by account and key", () => {
        assert.equal(
            EXPIRING_KEYS_BY_ACCOUNT_QUERY,
            'SELECT MIN(SecondsUntilKeyMaterialExpiration) FROM SCHEMA("AWS/KMS", KeyId) ' +
                "GROUP BY AWS.AccountId, KeyId ORDER BY MIN() ASC",
        );
        assert.deepEqual(parseMetricsInsights(EXPIRING_KEYS_BY_ACCOUNT_QUERY), {
            ...parseMetricsInsights(EXPIRING_KEYS_QUERY),
            groupBy: ["AWS.AccountId", "KeyId"],
        });
    });

    it("is a parser that refuses what Metrics Insights refuses or ignores", () => {
        const schema = 'SELECT SUM(FailedInvocations) FROM SCHEMA("AWS/Events", RuleName)';
        assert.deepEqual(
            parseMetricsInsights(`${schema} WHERE RuleName = 'r' GROUP BY AWS.AccountId`).where,
            [{ key: "RuleName", operator: "=", value: "r" }],
        );
        // Double quotes are for names, not values; OR and LIKE are not WHERE operators.
        assert.throws(() => parseMetricsInsights(`${schema} WHERE RuleName = "r"`), /not a query/);
        assert.throws(
            () => parseMetricsInsights(`${schema} WHERE RuleName = 'a' OR RuleName = 'b'`),
            /not a query/,
        );
        assert.throws(
            () => parseMetricsInsights(`${schema} WHERE RuleName LIKE 'a%'`),
            /not a query/,
        );
        // A key outside the SCHEMA would group everything under Other.
        assert.throws(
            () => parseMetricsInsights(`${schema} GROUP BY AWS.AccountId, QueueName`),
            /QueueName is not a dimension/,
        );
        assert.throws(() => parseMetricsInsights(`${schema} GROUP BY AWS.Account`), /not a query/);
    });

    it("is rejected by the parser when it is not a multi-time-series query", () => {
        assert.throws(() => parseMetricsInsights("SELECT MIN(x) FROM KMS"), /not a query/);
        assert.equal(
            parseMetricsInsights('SELECT MIN(x) FROM SCHEMA("AWS/KMS", KeyId)').groupBy.length,
            0,
        );
    });

    it("fires at or below the warning days, within the three hours Metrics Insights alarms may look back", () => {
        const settings = expiringKeysAlarmSettings(21);
        assert.equal(settings.comparisonOperator, "LessThanOrEqualToThreshold");
        assert.equal(settings.threshold, 21 * 86_400);
        const [query] = settings.metricQueries;
        const period = query.period ?? 0;
        assert.ok(period > 0 && period % 60 === 0);
        assert.ok(period * settings.evaluationPeriods <= METRICS_INSIGHTS_MAX_EVALUATION_SECONDS);
        assert.ok(settings.datapointsToAlarm <= settings.evaluationPeriods);
    });
});
