// The member template's alarms: the same failed-invocation, dead-letter and expiring-material
// alarms a remote region of the central account has, built by the same functions; no actions.
import {
    expiringKeysAlarmDescription,
    expiringKeysAlarmName,
    expiringKeysAlarmSettings,
} from "../alarms";
import {
    deadLettersAlarmName,
    deliveryAlarmDescription,
    deliveryAlarmSettings,
    DeliveryFailure,
    failedInvocationsAlarmName,
} from "../delivery";
import { ForwardingPlan } from "../forwarding";
import { logicalId, Resources } from "./memberResources";
import { MemberTemplateInputs } from "./memberNames";

/** The same failed-invocation and dead-letter alarms a remote region of the central account has; no actions. */
export function deliveryAlarmResources(
    inputs: MemberTemplateInputs,
    plan: ForwardingPlan,
): Resources {
    const alarm = (
        alarmName: string,
        failure: DeliveryFailure,
        subject: unknown,
        subjectText: string,
    ) => {
        const {
            dimension,
            namespace,
            metricName,
            statistic,
            period,
            evaluationPeriods,
            comparisonOperator,
            threshold,
            treatMissingData,
        } = deliveryAlarmSettings(failure);
        return {
            Type: "AWS::CloudWatch::Alarm",
            Properties: {
                AlarmName: alarmName,
                AlarmDescription: deliveryAlarmDescription(failure, subjectText),
                Namespace: namespace,
                MetricName: metricName,
                Statistic: statistic,
                Period: period,
                EvaluationPeriods: evaluationPeriods,
                ComparisonOperator: comparisonOperator,
                Threshold: threshold,
                TreatMissingData: treatMissingData,
                Dimensions: [{ Name: dimension, Value: subject }],
            },
        };
    };
    const resources: Resources = {};
    for (const rule of plan.rules) {
        resources[`${logicalId(rule.role)}FailedInvocations`] = alarm(
            failedInvocationsAlarmName(rule.ruleName),
            "failed-forwarding",
            rule.ruleName,
            rule.ruleName,
        );
    }
    if (inputs.deadLetterQueue) {
        resources.DeadLetters = alarm(
            deadLettersAlarmName(inputs.memberPrefix),
            "dead-letters",
            { "Fn::GetAtt": ["DeadLetterQueue", "QueueName"] },
            `${inputs.memberPrefix} (this stack's dead-letter queue)`,
        );
    }
    return resources;
}

/** The Metrics Insights alarm on the region's keys with expiring imported material; no actions. */
export function expiringKeysAlarmResource(inputs: MemberTemplateInputs): Resources {
    const settings = expiringKeysAlarmSettings(inputs.warningDays);
    return {
        ExpiringKeyMaterial: {
            Type: "AWS::CloudWatch::Alarm",
            Properties: {
                AlarmName: expiringKeysAlarmName(inputs.memberPrefix),
                AlarmDescription: expiringKeysAlarmDescription(inputs.warningDays),
                ComparisonOperator: settings.comparisonOperator,
                Threshold: settings.threshold,
                EvaluationPeriods: settings.evaluationPeriods,
                DatapointsToAlarm: settings.datapointsToAlarm,
                TreatMissingData: settings.treatMissingData,
                Metrics: settings.metricQueries.map((query) => ({
                    Id: query.id,
                    Expression: query.expression,
                    Period: query.period,
                    ReturnData: query.returnData,
                })),
            },
        },
    };
}
