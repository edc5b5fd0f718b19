import { strict as assert } from "assert";
import {
    deliveryAlarmDescription,
    deliveryAlarmSettings,
} from "../../components/delivery/deliveryFailures";
import { TARGET_RETRY_POLICY } from "../../components/alerts/topicRule";

describe("delivery failure alarms and retries", () => {
    it("watches the three places delivery can fail", () => {
        assert.deepEqual(
            (["dead-letters", "failed-invocations", "failed-notifications"] as const).map(
                (failure) => {
                    const settings = deliveryAlarmSettings(failure);
                    return [
                        settings.namespace,
                        settings.metricName,
                        settings.dimension,
                        settings.comparisonOperator,
                        settings.threshold,
                        settings.treatMissingData,
                    ];
                },
            ),
            [
                [
                    "AWS/SQS",
                    "ApproximateNumberOfMessagesVisible",
                    "QueueName",
                    "GreaterThanThreshold",
                    0,
                    "notBreaching",
                ],
                [
                    "AWS/Events",
                    "FailedInvocations",
                    "RuleName",
                    "GreaterThanThreshold",
                    0,
                    "notBreaching",
                ],
                [
                    "AWS/SNS",
                    "NumberOfNotificationsFailed",
                    "TopicName",
                    "GreaterThanThreshold",
                    0,
                    "notBreaching",
                ],
            ],
        );
    });

    it("tells the on-call what broke", () => {
        assert.match(
            deliveryAlarmDescription("failed-invocations", "kms-monitoring-dev-key-management"),
            /rule kms-monitoring-dev-key-management .* could not publish/,
        );
        assert.match(deliveryAlarmDescription("dead-letters", "q"), /SQS queue q/);
        assert.match(
            deliveryAlarmDescription("failed-notifications", "snsworkshop"),
            /topic snsworkshop could not deliver/,
        );
    });

    it("retries within EventBridge's limits", () => {
        assert.ok(
            TARGET_RETRY_POLICY.maximumEventAgeInSeconds >= 60 &&
                TARGET_RETRY_POLICY.maximumEventAgeInSeconds <= 86_400,
        );
        assert.ok(
            TARGET_RETRY_POLICY.maximumRetryAttempts >= 0 &&
                TARGET_RETRY_POLICY.maximumRetryAttempts <= 185,
        );
    });
});
