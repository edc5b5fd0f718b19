import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export type TopicAlarmArgs = Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions">;

/** A CloudWatch alarm that tells the alert topic when it fires and when it clears. */
export function createTopicAlarm(parent: pulumi.Resource, name: string, args: TopicAlarmArgs, topicArn: pulumi.Input<string>): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(name, { ...args, alarmActions: [topicArn], okActions: [topicArn] }, { parent });
}
