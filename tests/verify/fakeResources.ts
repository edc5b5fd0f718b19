/**
 * The rules with their targets, the alarms and the trails of a fake account, as the stack's plan
 * registers them.
 */
import type { MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { VerificationOutput } from "../../components/stack";
import type { Plan } from "../../scripts/plan";
import type { RecordedResource } from "../harness";
import type { FakeRule, FakeTrail } from "./fakeAccount";

export const byType = (plan: Plan, type: string) =>
    plan.recorded.filter((resource) => resource.type === type);
const regionOf = (plan: Plan, resource: RecordedResource) =>
    resource.inputs.region ?? plan.homeRegion;

export function fakeRules(plan: Plan): Map<string, FakeRule> {
    const rules = new Map<string, FakeRule>();
    for (const rule of byType(plan, "aws:cloudwatch/eventRule:EventRule")) {
        const region = regionOf(plan, rule);
        const bus = rule.inputs.eventBusName ?? "default";
        const targets = byType(plan, "aws:cloudwatch/eventTarget:EventTarget")
            .filter(
                (target) =>
                    target.inputs.rule === rule.inputs.name &&
                    regionOf(plan, target) === region &&
                    (target.inputs.eventBusName ?? "default") === bus,
            )
            .map((target) => ({
                Id: target.state.targetId,
                Arn: target.inputs.arn,
                RoleArn: target.inputs.roleArn,
                DeadLetterConfig: target.inputs.deadLetterConfig && {
                    Arn: target.inputs.deadLetterConfig.arn,
                },
                RetryPolicy: target.inputs.retryPolicy && {
                    MaximumEventAgeInSeconds: target.inputs.retryPolicy.maximumEventAgeInSeconds,
                    MaximumRetryAttempts: target.inputs.retryPolicy.maximumRetryAttempts,
                },
            }));
        rules.set(`${region} ${bus} ${rule.inputs.name}`, {
            State: rule.inputs.state,
            EventPattern: rule.inputs.eventPattern,
            ScheduleExpression: rule.inputs.scheduleExpression,
            Targets: targets,
        });
    }
    return rules;
}

type MetricQueryInput = {
    id: string;
    expression?: string;
    label?: string;
    returnData?: boolean;
    metric?: {
        namespace: string;
        metricName: string;
        dimensions?: Record<string, string>;
        period: number;
        stat: string;
    };
};

/** An alarm's metric queries as DescribeAlarms returns them (`Metrics`). */
function describedQueries(queries: MetricQueryInput[] | undefined) {
    return queries?.map((query) => ({
        Id: query.id,
        Expression: query.expression,
        Label: query.label,
        ReturnData: query.returnData,
        MetricStat: query.metric && {
            Metric: {
                Namespace: query.metric.namespace,
                MetricName: query.metric.metricName,
                Dimensions: Object.entries(query.metric.dimensions ?? {}).map(([Name, Value]) => ({
                    Name,
                    Value,
                })),
            },
            Period: query.metric.period,
            Stat: query.metric.stat,
        },
    }));
}

export function fakeAlarms(plan: Plan): Map<string, MetricAlarm> {
    return new Map(
        byType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => [
            `${regionOf(plan, alarm)} ${alarm.inputs.name}`,
            {
                AlarmName: alarm.inputs.name,
                AlarmArn: alarm.state.arn,
                AlarmActions: alarm.inputs.alarmActions ?? [],
                ActionsEnabled: true,
                StateValue: "OK",
                StateReason:
                    "Threshold Crossed: 1 datapoint [0.0] was not greater than the threshold (0.0).",
                EvaluationState: undefined,
                Metrics: describedQueries(alarm.inputs.metricQueries),
            },
        ]),
    );
}

/** A trail that records every management event, seen in every watched region. */
export function fakeTrails(plan: Plan, verification: VerificationOutput): Map<string, FakeTrail[]> {
    const own = byType(plan, "awsx:cloudtrail:Trail")[0];
    const name = own?.inputs.name ?? "organization-trail";
    const trail: FakeTrail = {
        trail: {
            Name: name,
            TrailARN: `arn:aws:cloudtrail:${plan.homeRegion}:${own ? verification.account : "123456789012"}:trail/${name}`,
            HomeRegion: plan.homeRegion,
            IsMultiRegionTrail: true,
            IsOrganizationTrail: own === undefined,
        },
        logging: true,
        selectors: { EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true }] },
    };
    return new Map(verification.regions.map((region) => [region, [{ ...trail }]]));
}
