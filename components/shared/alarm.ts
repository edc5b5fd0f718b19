import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export type AlarmArgs = Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions">;

/**
 * A CloudWatch alarm that tells the alert topic when it fires and when it clears. Without a topic
 * it has no actions: an alarm outside the topic's region cannot notify it ("Invalid region"), so
 * its state changes reach the topic through EventBridge instead.
 */
export function createAlarm(
    parent: pulumi.Resource,
    name: string,
    args: AlarmArgs,
    topicArn: pulumi.Input<string> | undefined,
): aws.cloudwatch.MetricAlarm {
    const actions =
        topicArn === undefined ? {} : { alarmActions: [topicArn], okActions: [topicArn] };
    return new aws.cloudwatch.MetricAlarm(name, { ...args, ...actions }, { parent });
}
