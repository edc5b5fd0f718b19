import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EventPattern } from "../alerts";
import {
    AwsEnvironment,
    createAlarm,
    createEventLogGroup,
    eventRuleArn,
    eventRuleName,
    inRegion,
} from "../shared";
import { HEARTBEAT_PERIOD_SECONDS, HEARTBEAT_RULE_ROLE } from "./forwardingPlan";
import { heartbeatLogPolicy } from "./policies";

/** The heartbeat of `region` as it arrives home: the scheduled event of that region's heartbeat rule. */
export function heartbeatArrivalPattern(
    home: AwsEnvironment,
    namePrefix: string,
    region: string,
): EventPattern {
    // The scheduled event names the rule that fired it: that region's heartbeat rule.
    const heartbeatRuleArn = eventRuleArn(
        inRegion(home, region),
        eventRuleName(namePrefix, HEARTBEAT_RULE_ROLE),
    );
    return {
        source: ["aws.events"],
        "detail-type": ["Scheduled Event"],
        region: [region],
        resources: [heartbeatRuleArn],
    };
}

export function heartbeatAlarmName(alarmNamePrefix: string, region: string): string {
    return `${alarmNamePrefix}-forwarding-heartbeat-${region}`;
}

/** The home rule that counts the heartbeats of `region`. */
export function heartbeatArrivalRuleName(namePrefix: string, region: string): string {
    return eventRuleName(namePrefix, `${HEARTBEAT_RULE_ROLE}-${region}`);
}

/** The log group every arriving heartbeat is kept in, one for all regions. */
export function heartbeatLogGroupName(namePrefix: string): string {
    return `/aws/events/${namePrefix}-heartbeats`;
}

/**
 * Counts `Invocations`, "the number of times a target is invoked by a rule in response to an
 * event. This includes successful and failed invocations" (EventBridge User Guide, "Monitoring
 * Amazon EventBridge", dimension RuleName), which EventBridge publishes for a rule with a target:
 * the heartbeat rules have one, the log group, for that reason. A heartbeat that matched is
 * counted even if the log group refused it. Three silent periods in a row: one late or early
 * heartbeat moves a count between two five-minute periods, it does not empty three. The metric
 * is only sent when it is not zero, so no data is breaching: silence is exactly what a broken path
 * looks like.
 */
export function heartbeatAlarmSettings() {
    return {
        namespace: "AWS/Events",
        metricName: "Invocations",
        statistic: "Sum",
        period: HEARTBEAT_PERIOD_SECONDS,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        treatMissingData: "breaching",
    } as const;
}

export interface HeartbeatMonitorArgs {
    /** The remote regions whose heartbeats arrive here. A plain list: it decides which resources exist. Required. */
    readonly regions: readonly string[];
    /** Account, partition and region of the home bus. Required. */
    readonly environment: pulumi.Input<AwsEnvironment>;
    /** Prefix of the rule, log group and alarm names, e.g. `kms-monitoring-dev`. Required. */
    readonly namePrefix: string;
    /** ARN of the topic the alarms notify. Required. */
    readonly topicArn: pulumi.Input<string>;
    /** Tags for the rules, log group and alarms. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Proof, per remote region, that its forwarding path works. A broken path (role, region, bus)
 * cannot report itself through that same path, so the home region counts what arrives: one rule
 * per region matches its heartbeat and keeps it in one log group, and an alarm per region fires
 * when that rule's invocations stop.
 */
export class HeartbeatMonitor extends pulumi.ComponentResource {
    public readonly alarmNames: pulumi.Output<Record<string, string>>;
    public readonly alarmArns: pulumi.Output<string[]>;
    /** The home rule that counts each region's heartbeats, by region. */
    public readonly ruleNames: Record<string, string>;
    public readonly logGroupArn: pulumi.Output<string>;

    constructor(name: string, args: HeartbeatMonitorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:forwarding:HeartbeatMonitor", name, {}, opts);

        const environment = pulumi.output(args.environment);
        this.ruleNames = Object.fromEntries(
            args.regions.map((region) => [
                region,
                heartbeatArrivalRuleName(args.namePrefix, region),
            ]),
        );
        const { logGroup, logPolicy } = createEventLogGroup(this, name, {
            logGroupName: heartbeatLogGroupName(args.namePrefix),
            policy: (logGroupArn) =>
                pulumi.all([logGroupArn, environment]).apply(([arn, env]) =>
                    heartbeatLogPolicy(
                        arn,
                        Object.values(this.ruleNames).map((rule) => eventRuleArn(env, rule)),
                    ),
                ),
            tags: args.tags,
        });
        const alarms = args.regions.map((region) =>
            this.regionHeartbeat(name, region, args, { logGroupArn: logGroup.arn, logPolicy }),
        );

        this.alarmNames = pulumi.output(
            Object.fromEntries(
                args.regions.map((region) => [region, heartbeatAlarmName(args.namePrefix, region)]),
            ),
        );
        this.alarmArns = pulumi.all(alarms.map((alarm) => alarm.arn));
        this.logGroupArn = logGroup.arn;
        this.registerOutputs({
            alarmNames: this.alarmNames,
            alarmArns: this.alarmArns,
            logGroupArn: this.logGroupArn,
        });
    }

    /** The rule that keeps one region's heartbeats, and the alarm on its invocations. */
    private regionHeartbeat(
        name: string,
        region: string,
        args: HeartbeatMonitorArgs,
        log: { logGroupArn: pulumi.Output<string>; logPolicy: pulumi.Resource },
    ): aws.cloudwatch.MetricAlarm {
        const rule = new aws.cloudwatch.EventRule(
            `${name}-${region}`,
            {
                name: this.ruleNames[region],
                description: `Heartbeats of the forwarding rules in ${region}`,
                eventPattern: pulumi.jsonStringify(
                    pulumi
                        .output(args.environment)
                        .apply((env) => heartbeatArrivalPattern(env, args.namePrefix, region)),
                ),
                state: "ENABLED",
                tags: args.tags,
            },
            { parent: this },
        );
        // A log group target takes no role: EventBridge writes through the log resource policy.
        new aws.cloudwatch.EventTarget(
            `${name}-${region}-target`,
            { rule: rule.name, arn: log.logGroupArn },
            { parent: this, dependsOn: [log.logPolicy] },
        );
        return createAlarm(
            this,
            `${name}-${region}-alarm`,
            {
                name: heartbeatAlarmName(args.namePrefix, region),
                alarmDescription:
                    `No heartbeat from ${region} for 15 minutes: KMS events and alarms ` +
                    `in ${region} are not reaching this region, so they cannot alert. ` +
                    `Check in ${region} the forwarding rules' FailedInvocations and ` +
                    `dead-letter queue, that the forwarding role may still ` +
                    `events:PutEvents on this region's default bus, and that the rules ` +
                    `are enabled.`,
                ...heartbeatAlarmSettings(),
                dimensions: { RuleName: rule.name },
                tags: args.tags,
            },
            args.topicArn,
        );
    }
}
