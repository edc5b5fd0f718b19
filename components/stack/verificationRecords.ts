import {
    apiCallEventPattern,
    apiCallRuleState,
    contributorStateChangePattern,
    EventPattern,
    TARGET_RETRY_POLICY,
} from "../alerts";
import { heartbeatArrivalPattern, heartbeatArrivalRuleName } from "../forwarding";
import { memberHeartbeatPattern, memberHeartbeatsAlarmName } from "../organization";
import { AwsEnvironment } from "../shared";
import type { BusAlertRules } from "./busAlertRules";
import { MonitoringPlan, OtherRegionPlan } from "./plan";
import { memberTrailRequirement } from "./verificationTrails";
import type {
    VerificationOrganization,
    VerificationRule,
    VerificationTarget,
} from "./verificationTypes";

/**
 * The records of the verification output, worked out from the plan as the builders work out the
 * rules themselves: the same names, patterns and states (tests/stack/verificationRules.test.ts
 * holds them to the registered rules).
 */

type RuleBody = Pick<VerificationRule, "name" | "state" | "eventPattern">;

const json = (pattern: EventPattern) => JSON.stringify(pattern);

/** Where an alert rule delivers: the topic, retried for a day, then the dead-letter queue. */
export function topicTarget(topicArn: string, deadLetterQueueArn?: string): VerificationTarget {
    return {
        kind: "topic",
        arn: topicArn,
        deadLetterQueueArn,
        retryPolicy: { ...TARGET_RETRY_POLICY },
    };
}

/**
 * The alert rules of one bus: each targets the topic, and the API-call and event-alert rules
 * the chat and webhook topics too (`channelTargets`, empty without those channels).
 */
export function alertRules(
    rules: BusAlertRules,
    region: string,
    target: VerificationTarget,
    channelTargets: readonly VerificationTarget[] = [],
): VerificationRule[] {
    const withChannels = rules.fanOutRuleNames;
    const bodies: RuleBody[] = [
        ...rules.apiCalls.map((alert) => ({
            name: alert.ruleName,
            state: apiCallRuleState(alert.eventNames),
            eventPattern: json(
                apiCallEventPattern(
                    alert.eventNames,
                    alert.keyArns ?? [],
                    alert,
                    rules.ownTopicCalls,
                ),
            ),
        })),
        ...rules.eventAlerts.map((alert) => ({
            name: alert.ruleName,
            state: alert.state,
            eventPattern: json(alert.eventPattern),
        })),
        ...rules.contributors.map((rule) => ({
            name: rule.ruleName,
            state: "ENABLED",
            eventPattern: json(contributorStateChangePattern(rule.alarmNames, rule.regions)),
        })),
        ...rules.alarmRules.map((rule) => ({
            name: rule.ruleName,
            state: "ENABLED",
            eventPattern: json(rule.eventPattern),
        })),
    ];
    return bodies.map((body) => ({
        ...body,
        region,
        busName: rules.busName,
        kind: "alert",
        targets: withChannels.includes(body.name) ? [target, ...channelTargets] : [target],
    }));
}

/** A remote region's forwarding rules, each targeting the home bus with the role. */
export function forwarderRules(
    other: OtherRegionPlan,
    target: VerificationTarget,
): VerificationRule[] {
    return other.forwarding.rules.map((spec) => ({
        name: spec.ruleName,
        region: other.region,
        busName: "default",
        kind: spec.scheduleExpression === undefined ? "forwarder" : "heartbeat",
        state: spec.state,
        eventPattern: spec.eventPattern === undefined ? undefined : json(spec.eventPattern),
        scheduleExpression: spec.scheduleExpression,
        targets: [target],
    }));
}

/** At home, the rule that counts each remote region's heartbeats into the log group. */
export function heartbeatArrivalRules(
    plan: MonitoringPlan,
    env: AwsEnvironment,
    logGroupArn: string,
): VerificationRule[] {
    return plan.otherRegions.map(({ region }) => ({
        name: heartbeatArrivalRuleName(plan.namePrefix, region),
        region: env.region,
        busName: "default",
        kind: "heartbeat-arrival",
        state: "ENABLED",
        eventPattern: json(heartbeatArrivalPattern(env, plan.namePrefix, region)),
        targets: [{ kind: "log-group", arn: logGroupArn }],
    }));
}

/** On the organization bus, the rule that keeps the members' heartbeats in their log group. */
export function memberHeartbeatsRule(
    plan: MonitoringPlan,
    region: string,
    logGroupArn: string,
): VerificationRule[] {
    const organization = plan.organization;
    if (organization === undefined) {
        return [];
    }
    return [
        {
            name: organization.heartbeatsRuleName,
            region,
            busName: organization.busName,
            kind: "member-heartbeats",
            state: "ENABLED",
            eventPattern: json(memberHeartbeatPattern(organization.memberHeartbeatRuleName)),
            targets: [{ kind: "log-group", arn: logGroupArn }],
        },
    ];
}

/**
 * The organization part: the StackSet to check, where the members' heartbeats are kept, and with
 * observability the links' StackSet, each member region's sink and the metric every linked member shares with it: the
 * Invocations of its heartbeat rule, which targets the organization bus every five minutes.
 */
export function verificationOrganization(
    plan: MonitoringPlan,
    centralAccount: string,
    memberLogGroupName: string,
    sinkArns: Readonly<Record<string, string>> = {},
): VerificationOrganization | undefined {
    const organization = plan.organization;
    if (organization === undefined) {
        return undefined;
    }
    return {
        organizationId: organization.organizationId,
        organizationalUnitIds: [...organization.organizationalUnitIds],
        stackSetName: organization.stackSetName,
        callAs: organization.callAs,
        regions: [...organization.regions],
        centralAccount,
        busName: organization.busName,
        memberTrail: memberTrailRequirement(plan, centralAccount),
        memberHeartbeats: {
            memberRuleName: organization.memberHeartbeatRuleName,
            ruleName: organization.heartbeatsRuleName,
            logGroupName: memberLogGroupName,
            alarmName: memberHeartbeatsAlarmName(plan.namePrefix),
        },
        observability:
            organization.observability === undefined
                ? undefined
                : {
                      linkStackSetName: organization.observability.linkStackSetName,
                      sinks: Object.entries(sinkArns).map(([region, arn]) => ({ region, arn })),
                      linkedMetric: {
                          namespace: "AWS/Events",
                          metricName: "Invocations",
                          dimensions: { RuleName: organization.memberHeartbeatRuleName },
                      },
                  },
    };
}
