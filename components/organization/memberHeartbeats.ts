import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EventPattern } from "../alerts";
import { HEARTBEATS_PER_HOUR } from "../forwarding";
import {
    createAlarm,
    createEventLogGroup,
    eventBridgeLogGroupPolicy,
    PolicyDocument,
} from "../shared";
import { createSilentMemberAlarms } from "./silentMemberAlarms";
import { ExpectedMember, SILENT_MEMBERS_QUERY_ROWS } from "./silentMembers";

/** The rule on the organization bus that keeps the members' heartbeats. */
export function memberHeartbeatsRuleName(namePrefix: string): string {
    return `${namePrefix}-member-heartbeats`;
}

/** The alarm on the members' heartbeat count. */
export function memberHeartbeatsAlarmName(namePrefix: string): string {
    return `${namePrefix}-member-heartbeats`;
}

/** Any member's heartbeat as it arrives on the organization bus: its rule ARN ends in the rule's fixed name. */
export function memberHeartbeatPattern(memberHeartbeatRuleName: string): EventPattern {
    return {
        source: ["aws.events"],
        "detail-type": ["Scheduled Event"],
        resources: [{ suffix: `:rule/${memberHeartbeatRuleName}` }],
    };
}

/**
 * Fires when two hours in a row each bring fewer heartbeats than every expected member account and
 * region sends, with half a member's hour of slack for a heartbeat that lands on the other side of
 * the hour. Two hours, because the first hour after a rollout is a partial one and EventBridge
 * metrics are best effort ("Monitoring Amazon EventBridge"): one short hour is not a silent member.
 * No data is breaching: silence from everyone is the worst case. With no member expected it
 * cannot fire.
 *
 * It counts the rule's `Invocations`, as the home heartbeats do: "the number of times a target is
 * invoked by a rule in response to an event. This includes successful and failed invocations"
 * (EventBridge User Guide, "Monitoring Amazon EventBridge", dimension RuleName), published for a
 * rule with a target; this rule has one, the log group, so one heartbeat is one invocation. Not
 * `MatchedEvents`, which older revisions of that page list with no dimensions at all: per rule it
 * might never be published, and with missing data breaching the alarm would sit in ALARM for ever.
 */
export function memberHeartbeatAlarmSettings(expectedMemberRegions: number) {
    return {
        namespace: "AWS/Events",
        metricName: "Invocations",
        statistic: "Sum",
        period: 3600,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        comparisonOperator: "LessThanThreshold",
        threshold: Math.max(
            0,
            expectedMemberRegions * HEARTBEATS_PER_HOUR - HEARTBEATS_PER_HOUR / 2,
        ),
        treatMissingData: expectedMemberRegions > 0 ? "breaching" : "notBreaching",
    } as const;
}

/**
 * Lets EventBridge write the heartbeats into the log group, and only the heartbeat rule: its ARN
 * on the organization bus is the one `aws:SourceArn` admitted (see eventBridgeLogGroupPolicy).
 */
export function memberHeartbeatLogPolicy(
    logGroupArn: string,
    heartbeatsRuleArn: string,
): PolicyDocument {
    return eventBridgeLogGroupPolicy(logGroupArn, heartbeatsRuleArn, "OnlyTheHeartbeatRuleWrites");
}

/** Which member account and region went silent: the last heartbeat of each, oldest first. */
export const SILENT_MEMBERS_QUERY = [
    "# The last heartbeat of each member account and region, oldest first: a silent one stands at the top.",
    "fields account, region",
    "| stats max(@timestamp) as lastHeartbeat, count(*) as heartbeats by account, region",
    "| sort lastHeartbeat asc",
    `| limit ${SILENT_MEMBERS_QUERY_ROWS}`,
].join("\n");

export interface MemberHeartbeatsArgs {
    /** Prefix of the rule, log group, alarm and query names, e.g. `kms-monitoring-prod`. Required. */
    readonly namePrefix: string;
    /** The organization bus. Required. */
    readonly busName: pulumi.Input<string>;
    /** The fixed name of the members' heartbeat rule. Required. */
    readonly memberHeartbeatRuleName: string;
    /** The member accounts that should send heartbeats, read from the OUs at `pulumi up`. Required. */
    readonly expectedMembers: pulumi.Input<ExpectedMember[]>;
    /** The member regions every expected account sends from. Required. */
    readonly memberRegions: readonly string[];
    /** One alarm per expected account and region, named after the account. Default: false. */
    readonly silentMemberAlarms?: boolean;
    /** ARN of the topic the alarm notifies. Required. */
    readonly topicArn: pulumi.Input<string>;
    /** Tags for the rule, log group and alarm. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Catches a member account or region going silent. A Metrics Insights alarm cannot: a silent
 * member has no series, so it is no contributor. Instead every heartbeat is kept in a log group
 * (account and region are fields of each event); with `silentMemberAlarms`, a metric filter counts
 * them per account and region and one alarm per expected pair names the silent one. The hourly
 * total against the count the organization's accounts should send stays, for accounts that joined
 * after the last `pulumi up`, and a saved query lists every pair's last heartbeat.
 */
export class MemberHeartbeats extends pulumi.ComponentResource {
    public readonly ruleName: pulumi.Output<string>;
    /** The alarm on the hourly count of heartbeats. */
    public readonly countAlarmName: pulumi.Output<string>;
    public readonly countAlarmArn: pulumi.Output<string>;
    /** One alarm per expected member account and region, with `silentMemberAlarms`; else none. */
    public readonly silentMemberAlarmNames: pulumi.Output<string[]>;
    public readonly silentMemberAlarmArns: pulumi.Output<string[]>;
    public readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: MemberHeartbeatsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:organization:MemberHeartbeats", name, {}, opts);

        const rule = new aws.cloudwatch.EventRule(
            `${name}-rule`,
            {
                name: memberHeartbeatsRuleName(args.namePrefix),
                description:
                    "Heartbeats of every member account and region, kept to tell which went silent",
                eventBusName: args.busName,
                eventPattern: pulumi.jsonStringify(
                    memberHeartbeatPattern(args.memberHeartbeatRuleName),
                ),
                state: "ENABLED",
                tags: args.tags,
            },
            { parent: this },
        );
        const { logGroup, logPolicy } = this.createLog(name, args, rule.arn);
        new aws.cloudwatch.EventTarget(
            `${name}-target`,
            { rule: rule.name, eventBusName: args.busName, arn: logGroup.arn },
            { parent: this, dependsOn: [logPolicy] },
        );
        new aws.cloudwatch.QueryDefinition(
            `${name}-query`,
            {
                name: `${args.namePrefix}/Silent member accounts and regions`,
                logGroupNames: [logGroup.name],
                queryString: SILENT_MEMBERS_QUERY,
            },
            { parent: this },
        );

        const count = this.createCountAlarm(name, args, rule.name);
        const perMember = args.silentMemberAlarms
            ? createSilentMemberAlarms(this, name, { ...args, logGroupName: logGroup.name })
            : undefined;

        this.ruleName = rule.name;
        this.countAlarmName = count.name;
        this.countAlarmArn = count.arn;
        this.silentMemberAlarmNames = pulumi.output(perMember?.alarmNames ?? []);
        this.silentMemberAlarmArns = pulumi.output(perMember?.alarmArns ?? []);
        this.logGroupName = logGroup.name;
        this.registerOutputs({
            ruleName: this.ruleName,
            countAlarmName: this.countAlarmName,
            countAlarmArn: this.countAlarmArn,
            silentMemberAlarmNames: this.silentMemberAlarmNames,
            silentMemberAlarmArns: this.silentMemberAlarmArns,
            logGroupName: this.logGroupName,
        });
    }

    /** The log group the heartbeats are kept in, and the policy that lets the rule write to it. */
    private createLog(name: string, args: MemberHeartbeatsArgs, ruleArn: pulumi.Output<string>) {
        return createEventLogGroup(this, name, {
            logGroupName: `/aws/events/${args.namePrefix}-member-heartbeats`,
            policy: (logGroupArn) =>
                pulumi
                    .all([logGroupArn, ruleArn])
                    .apply(([arn, rule]) => memberHeartbeatLogPolicy(arn, rule)),
            tags: args.tags,
        });
    }

    /** The alarm on the hourly count of heartbeats against the member account-region pairs expected. */
    private createCountAlarm(
        name: string,
        args: MemberHeartbeatsArgs,
        ruleName: pulumi.Output<string>,
    ) {
        const expectedPairs = pulumi
            .output(args.expectedMembers)
            .apply((members) => members.length * args.memberRegions.length);
        const settings = expectedPairs.apply(memberHeartbeatAlarmSettings);
        return createAlarm(
            this,
            `${name}-alarm`,
            {
                name: memberHeartbeatsAlarmName(args.namePrefix),
                alarmDescription: expectedPairs.apply(
                    (expected) =>
                        `For two hours, fewer heartbeats than the ${expected} member ` +
                        "account-region pairs send: a member account or region stopped " +
                        `forwarding its KMS events. Run the saved query '${args.namePrefix}/Silent ` +
                        "member accounts and regions', then check that account's StackSet " +
                        "instance, forwarding rules and role.",
                ),
                namespace: settings.namespace,
                metricName: settings.metricName,
                statistic: settings.statistic,
                period: settings.period,
                evaluationPeriods: settings.evaluationPeriods,
                datapointsToAlarm: settings.datapointsToAlarm,
                comparisonOperator: settings.comparisonOperator,
                threshold: settings.threshold,
                treatMissingData: settings.treatMissingData,
                dimensions: { EventBusName: args.busName, RuleName: ruleName },
                tags: args.tags,
            },
            args.topicArn,
        );
    }
}
