// Which member went silent, by name: a metric per member account and region from the heartbeats'
// log group, and one alarm on each expected pair.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAlarm } from "../shared";

/** An account the StackSet deploys to, as AWS Organizations lists it at `pulumi up`. */
export interface ExpectedMember {
    readonly accountId: string;
    readonly accountName: string;
}

/** The heartbeats' metric: one series per member account and region. */
export const MEMBER_HEARTBEATS_METRIC = "MemberHeartbeats";

export function memberHeartbeatsNamespace(namePrefix: string): string {
    return `KmsMonitoring/${namePrefix}`;
}

/**
 * Every heartbeat as EventBridge writes it into the log group (the whole event, as JSON). The
 * selectors of the dimensions are in the pattern too, so an event without them is not counted
 * (CloudWatch Logs User Guide, "Filter pattern syntax": property selectors take hyphens, and `*`
 * is a wildcard in a string).
 */
export const MEMBER_HEARTBEAT_FILTER_PATTERN =
    '{ ($.source = "aws.events") && ($.detail-type = "Scheduled Event") && ' +
    '($.account = "*") && ($.region = "*") }';

/**
 * Account and region of the member that sent the heartbeat: two of the three dimensions a metric
 * filter may have ("Publishing dimensions with metrics from values in JSON or space-delimited log
 * events"). A filter with dimensions cannot have a default value, so a silent member has no data
 * at all, which its alarm treats as breaching.
 */
export const MEMBER_HEARTBEAT_DIMENSIONS = { Account: "$.account", Region: "$.region" } as const;

/** Alarm names allow more, but a readable name keeps to what every console and CLI shows as is. */
function nameSafe(text: string): string {
    return text
        .replace(/[^A-Za-z0-9_.-]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 40);
}

/** What every silent-member alarm's name starts with: the channels' alarm rules match on it. */
export function silentMemberAlarmNamePrefix(namePrefix: string): string {
    return `${namePrefix}-silent-member-`;
}

/** `<prefix>-silent-member-<account name>-<account ID>-<region>`: the email subject names the account. */
export function silentMemberAlarmName(
    namePrefix: string,
    member: ExpectedMember,
    region: string,
): string {
    const readable = nameSafe(member.accountName);
    const rest = [readable, member.accountId, region].filter((part) => part.length > 0);
    return silentMemberAlarmNamePrefix(namePrefix) + rest.join("-");
}

/**
 * No heartbeat from the pair for two hours in a row (each heartbeat is 5 minutes apart, so a
 * working member region sends 12 an hour). Two hours, as the count alarm, because EventBridge
 * metrics and schedules are best effort. Missing data is breaching: a silent member has no series.
 */
export function silentMemberAlarmSettings() {
    return {
        metricName: MEMBER_HEARTBEATS_METRIC,
        statistic: "Sum",
        period: 3600,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        treatMissingData: "breaching",
    } as const;
}

export function silentMemberAlarmDescription(member: ExpectedMember, region: string): string {
    return (
        `Member account ${member.accountName} (${member.accountId}) sent no heartbeat from ` +
        `${region} for two hours: its KMS events in ${region} no longer reach the organization ` +
        "bus. Check that account's StackSet instance in that region, its forwarding rules and role."
    );
}

export interface SilentMemberAlarmsArgs {
    readonly namePrefix: string;
    readonly logGroupName: pulumi.Input<string>;
    /** The accounts under the OUs at `pulumi up`, less the management and the central account. */
    readonly expectedMembers: pulumi.Input<ExpectedMember[]>;
    readonly memberRegions: readonly string[];
    readonly topicArn: pulumi.Input<string>;
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
    new aws.cloudwatch.LogMetricFilter(
        `${name}-filter`,
        {
            name: `${args.namePrefix}-member-heartbeats`,
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
    const alarms = pulumi.output(args.expectedMembers).apply((members) =>
        members.flatMap((member) =>
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
        ),
    );
    return {
        alarmNames: alarms.apply((list) => pulumi.all(list.map((alarm) => alarm.name))),
        alarmArns: alarms.apply((list) => pulumi.all(list.map((alarm) => alarm.arn))),
    };
}
