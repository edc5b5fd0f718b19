// The member template's alarms: the same failed-invocation, dead-letter, expiring-material, request
// quota and key store alarms a remote region of the central account has, built by the same
// functions; no actions.
import {
    expiringKeysAlarmDescription,
    expiringKeysAlarmName,
    expiringKeysAlarmSettings,
    KEY_STORE_SIGNALS,
    keyStoreAlarmName,
    keyStoreAlarmSettings,
    KMS_REQUEST_QUOTAS,
    QueryAlarmSettings,
    requestQuotaAlarmDescription,
    requestQuotaAlarmName,
    requestQuotaAlarmSettings,
} from "../alarms";
import {
    deadLettersAlarmName,
    deliveryAlarmDescription,
    deliveryAlarmSettings,
    DeliveryFailure,
    failedInvocationsAlarmName,
} from "../delivery";
import { ForwardingPlan } from "../forwarding";
import { logicalId, Resources, substituted } from "./memberResources";
import { MEMBER_ENVIRONMENT, MemberTemplateInputs } from "./memberNames";

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

/** A planned query alarm as CloudFormation takes it (AWS::CloudWatch::Alarm MetricDataQuery); no actions. */
function queryAlarmResource(name: string, description: string, settings: QueryAlarmSettings) {
    return {
        Type: "AWS::CloudWatch::Alarm",
        Properties: substituted({
            AlarmName: name,
            AlarmDescription: description,
            ComparisonOperator: settings.comparisonOperator,
            Threshold: settings.threshold,
            EvaluationPeriods: settings.evaluationPeriods,
            DatapointsToAlarm: settings.datapointsToAlarm,
            TreatMissingData: settings.treatMissingData,
            Metrics: settings.metricQueries.map(
                ({ id, expression, metric, period, label, returnData }) => ({
                    Id: id,
                    ...(expression === undefined ? {} : { Expression: expression }),
                    ...(metric === undefined
                        ? {}
                        : {
                              MetricStat: {
                                  Metric: {
                                      Namespace: metric.namespace,
                                      MetricName: metric.metricName,
                                      Dimensions: Object.entries(metric.dimensions).map(
                                          ([Name, Value]) => ({
                                              Name,
                                              Value,
                                          }),
                                      ),
                                  },
                                  Period: metric.period,
                                  Stat: metric.stat,
                              },
                          }),
                    ...(period === undefined ? {} : { Period: period }),
                    ...(label === undefined ? {} : { Label: label }),
                    ReturnData: returnData,
                }),
            ),
        }) as Record<string, unknown>,
    };
}

/** The Metrics Insights alarm on the region's keys with expiring imported material; no actions. */
export function expiringKeysAlarmResource(inputs: MemberTemplateInputs): Resources {
    return {
        ExpiringKeyMaterial: queryAlarmResource(
            expiringKeysAlarmName(inputs.memberPrefix),
            expiringKeysAlarmDescription(inputs.warningDays),
            expiringKeysAlarmSettings(inputs.warningDays),
        ),
    };
}

/**
 * One alarm per shared KMS request quota of the member account and region; no actions, like every
 * member alarm: the forwarders send their state changes to the central bus by name. The
 * description names the member's account and region through pseudo parameters.
 */
export function requestQuotaAlarmResources(
    inputs: MemberTemplateInputs,
    warningPercent: number,
    partition: string,
): Resources {
    const where = { ...MEMBER_ENVIRONMENT, partition };
    return Object.fromEntries(
        KMS_REQUEST_QUOTAS.map((quota) => [
            `${logicalId(`kms-quota-${quota.role}`)}Alarm`,
            queryAlarmResource(
                requestQuotaAlarmName(inputs.memberPrefix, quota),
                requestQuotaAlarmDescription(quota, warningPercent, where),
                requestQuotaAlarmSettings(quota, warningPercent),
            ),
        ]),
    );
}

/** The Metrics Insights alarms on the member region's custom key stores; no actions. */
export function keyStoreAlarmResources(inputs: MemberTemplateInputs): Resources {
    return Object.fromEntries(
        KEY_STORE_SIGNALS.map((signal) => [
            `${logicalId(`key-store-${signal.role}`)}Alarm`,
            queryAlarmResource(
                keyStoreAlarmName(inputs.memberPrefix, signal),
                signal.description,
                keyStoreAlarmSettings(signal),
            ),
        ]),
    );
}
