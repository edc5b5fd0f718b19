/**
 * The yardstick of `npm run bench`: the program's resources registered one by one with
 * @pulumi/aws, with the same invokes, and no components and no validation.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RawConfig } from "./benchConfigs";
import { Alarm, auditTrail, expiryAlarms, importedKey, PREFIX } from "./benchBareKeys";

export interface BareSettings {
    readonly topicName?: string;
    readonly emails: string[];
    readonly alerts: { name: string; eventNames: string[] }[];
    readonly watched: string[];
    readonly imported: { alias: string; validTo?: string; deletionWindowInDays?: number };
}

/** The config is read but not validated; the bare script trusts it. */
function readSettings(raw: RawConfig): BareSettings {
    const read = (key: string) => JSON.parse(raw[`kms-monitoring:${key}`] ?? "null");
    return {
        topicName: raw["kms-monitoring:topicName"],
        emails: read("alertEmails") ?? [],
        alerts: read("apiCallAlerts") ?? [
            { name: "data-key-generation", eventNames: ["GenerateDataKey"] },
            { name: "key-management", eventNames: ["DisableKey", "ScheduleKeyDeletion"] },
        ],
        watched: read("watchedKeys") ?? [],
        imported: read("importedKey"),
    };
}

/** The same resources as the program for `raw`, registered one by one. */
export function bare(raw: RawConfig): void {
    const settings = readSettings(raw);
    const identity = aws.getCallerIdentityOutput();
    const region = aws.getRegionOutput();
    const ruleNames = [
        ...settings.alerts.map((alert) => `${PREFIX}-${alert.name}`),
        `${PREFIX}-key-lifecycle`,
        `${PREFIX}-expiring-keys`,
    ];
    const topic = alertTopic(settings, identity.accountId, ruleNames);
    const queue = deadLetterQueue(ruleNames);
    const alarm: Alarm = (name, args) =>
        new aws.cloudwatch.MetricAlarm(name, { ...args, alarmActions: [topic.arn] });
    const alarms = [
        ...ruleAlarms(ruleNames, settings.alerts, topic, queue, alarm),
        ...deliveryAlarms(topic, queue, alarm),
    ];
    const key = importedKey(settings.imported);
    alarms.push(...expiryAlarms(key, settings.watched, alarm));
    alarms.push(auditTrail(key, alarm));
    new aws.cloudwatch.Dashboard("dashboard", {
        dashboardName: PREFIX,
        dashboardBody: pulumi
            .all([region.region, ...alarms.map((each) => each.arn)])
            .apply((values) => JSON.stringify({ widgets: values })),
    });
}

/** The topic with its own key, its policy and the email subscriptions. */
function alertTopic(
    settings: BareSettings,
    accountId: pulumi.Output<string>,
    ruleNames: string[],
): aws.sns.Topic {
    const topicKey = new aws.kms.Key("key", {
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: accountId.apply((account) => JSON.stringify({ account })),
    });
    new aws.kms.Alias("key-alias", { name: `alias/${PREFIX}-alerts`, targetKeyId: topicKey.keyId });
    const topic = new aws.sns.Topic("topic", {
        name: settings.topicName,
        kmsMasterKeyId: topicKey.arn,
    });
    new aws.sns.TopicPolicy("topic-policy", {
        arn: topic.arn,
        policy: pulumi
            .all([topic.arn, accountId])
            .apply(([arn, account]) => JSON.stringify({ arn, account, ruleNames })),
    });
    settings.emails.forEach(
        (email) =>
            new aws.sns.TopicSubscription(`email-${email}`, {
                topic: topic.arn,
                protocol: "email",
                endpoint: email,
            }),
    );
    return topic;
}

function deadLetterQueue(ruleNames: string[]): aws.sqs.Queue {
    const queue = new aws.sqs.Queue("queue", {
        sqsManagedSseEnabled: true,
        messageRetentionSeconds: 1_209_600,
    });
    new aws.sqs.QueuePolicy("queue-policy", {
        queueUrl: queue.url,
        policy: queue.arn.apply((arn) => JSON.stringify({ arn, ruleNames })),
    });
    return queue;
}

/** Each rule, its target and the alarm on its failed deliveries. */
function ruleAlarms(
    ruleNames: string[],
    alerts: BareSettings["alerts"],
    topic: aws.sns.Topic,
    queue: aws.sqs.Queue,
    alarm: Alarm,
): aws.cloudwatch.MetricAlarm[] {
    return ruleNames.map((ruleName, index) => {
        const rule = new aws.cloudwatch.EventRule(ruleName, {
            name: ruleName,
            eventPattern: JSON.stringify({
                source: ["aws.kms"],
                detail: { eventName: alerts[index]?.eventNames },
            }),
        });
        new aws.cloudwatch.EventTarget(`${ruleName}-target`, {
            rule: rule.name,
            arn: topic.arn,
            deadLetterConfig: { arn: queue.arn },
            retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
        });
        return alarm(`${ruleName}-failed`, {
            comparisonOperator: "GreaterThanThreshold",
            evaluationPeriods: 1,
            metricName: "FailedInvocations",
            namespace: "AWS/Events",
            period: 300,
            statistic: "Sum",
            threshold: 0,
            dimensions: { RuleName: ruleName },
        });
    });
}

function deliveryAlarms(
    topic: aws.sns.Topic,
    queue: aws.sqs.Queue,
    alarm: Alarm,
): aws.cloudwatch.MetricAlarm[] {
    const failed = { comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1 } as const;
    return [
        alarm("sns-failed", {
            ...failed,
            metricName: "NumberOfNotificationsFailed",
            namespace: "AWS/SNS",
            period: 300,
            statistic: "Sum",
            threshold: 0,
            dimensions: { TopicName: topic.name },
        }),
        alarm("dead-letters", {
            ...failed,
            metricName: "ApproximateNumberOfMessagesVisible",
            namespace: "AWS/SQS",
            period: 300,
            statistic: "Maximum",
            threshold: 0,
            dimensions: { QueueName: queue.name },
        }),
    ];
}
