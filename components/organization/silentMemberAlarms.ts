// The per-account silent-member alarms: the heartbeats' metric filter and one alarm per expected
// member account and region, built from the names and settings in silentMembers.ts.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAlarm } from "../shared";
import {
    ExpectedMember,
    MEMBER_HEARTBEAT_DIMENSIONS,
    MEMBER_HEARTBEAT_FILTER_PATTERN,
    MEMBER_HEARTBEATS_METRIC,
    memberHeartbeatsFilterName,
    memberHeartbeatsNamespace,
    silentMemberAlarmDescription,
    silentMemberAlarmName,
    silentMemberAlarmSettings,
    silentMemberFilterWarning,
} from "./silentMembers";

export interface SilentMemberAlarmsArgs {
    /** Prefix of the filter, namespace and alarm names, e.g. `kms-monitoring-prod`. Required. */
    readonly namePrefix: string;
    /** The log group the heartbeats are kept in, which the metric filter reads. Required. */
    readonly logGroupName: pulumi.Input<string>;
    /** The accounts under the OUs at `pulumi up`, less the management and the central account. Required. */
    readonly expectedMembers: pulumi.Input<ExpectedMember[]>;
    /** The member regions every expected account sends heartbeats from. Required. */
    readonly memberRegions: readonly string[];
    /** ARN of the topic the alarms notify when they fire and when they clear. Required. */
    readonly topicArn: pulumi.Input<string>;
    /** Tags for the alarms. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The metric filter and one alarm per expected account and region. The accounts come from the
 * AWS Organizations invokes, which Pulumi runs in preview too, so the alarms are known and shown
 * in `pulumi preview` although they are created from the invoke's result ("Accessing single
 * outputs with Apply": resources made in an apply appear in preview when the value is known).
 */
export function createSilentMemberAlarms(
    parent: pulumi.Resource,
    name: string,
    args: SilentMemberAlarmsArgs,
): { alarmNames: pulumi.Output<string[]>; alarmArns: pulumi.Output<string[]> } {
    const namespace = memberHeartbeatsNamespace(args.namePrefix);
    const filter = new aws.cloudwatch.LogMetricFilter(
        `${name}-filter`,
        {
            name: memberHeartbeatsFilterName(args.namePrefix),
            logGroupName: args.logGroupName,
            pattern: MEMBER_HEARTBEAT_FILTER_PATTERN,
            metricTransformation: {
                namespace,
                name: MEMBER_HEARTBEATS_METRIC,
                value: "1",
                dimensions: { ...MEMBER_HEARTBEAT_DIMENSIONS },
            },
        },
        { parent },
    );
    const settings = silentMemberAlarmSettings();
    const alarms = pulumi.output(args.expectedMembers).apply((members) => {
        // Known only once the invokes answer, so the warning comes from here, on the filter.
        const warning = silentMemberFilterWarning(
            args.namePrefix,
            members.length,
            args.memberRegions.length,
        );
        if (warning !== undefined) {
            void pulumi.log.warn(warning, filter);
        }
        return members.flatMap((member) =>
            args.memberRegions.map((region) =>
                createAlarm(
                    parent,
                    // Keyed by ID: renaming the account renames the alarm, not its identity.
                    `${name}-silent-${member.accountId}-${region}`,
                    {
                        name: silentMemberAlarmName(args.namePrefix, member, region),
                        alarmDescription: silentMemberAlarmDescription(member, region),
                        namespace,
                        ...settings,
                        dimensions: { Account: member.accountId, Region: region },
                        tags: args.tags,
                    },
                    args.topicArn,
                ),
            ),
        );
    });
    return {
        alarmNames: alarms.apply((list) => pulumi.all(list.map((alarm) => alarm.name))),
        alarmArns: alarms.apply((list) => pulumi.all(list.map((alarm) => alarm.arn))),
    };
}
