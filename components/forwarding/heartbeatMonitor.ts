import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EventPattern } from "../alerts";
import { AwsEnvironment, createAlarm, eventRuleArn, eventRuleName, inRegion } from "../shared";
import { HEARTBEAT_PERIOD_SECONDS, HEARTBEAT_RULE_ROLE } from "./forwardingPlan";

/** The heartbeat of `region` as it arrives home: the scheduled event of that region's heartbeat rule. */
export function heartbeatArrivalPattern(heartbeatRuleArn: string, region: string): EventPattern {
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

/**
 * Three silent periods in a row: one late or early heartbeat moves a count between two
 * five-minute periods, it does not empty three. No data is breaching, because silence is exactly
 * what a broken path looks like.
 */
export function heartbeatAlarmSettings() {
    return {
        namespace: "AWS/Events",
        metricName: "MatchedEvents",
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
    /** Prefix of the rule and alarm names, e.g. `kms-monitoring-dev`. Required. */
    readonly namePrefix: string;
    /** ARN of the topic the alarms notify. Required. */
    readonly topicArn: pulumi.Input<string>;
    /** Tags for the rules and alarms. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Proof, per remote region, that its forwarding path works. A broken path (role, region, bus)
 * cannot report itself through that same path, so the home region counts what arrives: one rule
 * per region matches its heartbeat, and its `MatchedEvents` ("the number of events that matched
 * with a specific rule" when RuleName is given: EventBridge User Guide, "Monitoring Amazon
 * EventBridge") is the count. The rule needs no target to match, so it has none.
 */
export class HeartbeatMonitor extends pulumi.ComponentResource {
    public readonly alarmNames: pulumi.Output<Record<string, string>>;
    public readonly alarmArns: pulumi.Output<string[]>;

    constructor(name: string, args: HeartbeatMonitorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:forwarding:HeartbeatMonitor", name, {}, opts);

        const alarms = args.regions.map((region) => {
            const rule = new aws.cloudwatch.EventRule(
                `${name}-${region}`,
                {
                    name: eventRuleName(args.namePrefix, `${HEARTBEAT_RULE_ROLE}-${region}`),
                    description: `Heartbeats of the forwarding rules in ${region}`,
                    eventPattern: pulumi.jsonStringify(
                        pulumi
                            .output(args.environment)
                            .apply((env) =>
                                heartbeatArrivalPattern(
                                    eventRuleArn(
                                        inRegion(env, region),
                                        eventRuleName(args.namePrefix, HEARTBEAT_RULE_ROLE),
                                    ),
                                    region,
                                ),
                            ),
                    ),
                    state: "ENABLED",
                    tags: args.tags,
                },
                { parent: this },
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
        });

        this.alarmNames = pulumi.output(
            Object.fromEntries(
                args.regions.map((region) => [region, heartbeatAlarmName(args.namePrefix, region)]),
            ),
        );
        this.alarmArns = pulumi.all(alarms.map((alarm) => alarm.arn));
        this.registerOutputs({ alarmNames: this.alarmNames, alarmArns: this.alarmArns });
    }
}
