import { eventBridgeLogGroupPolicy, PolicyDocument } from "../shared";

/**
 * What the forwarding role may do: put events on the one destination bus and nothing else. A rule
 * whose target is an event bus in another region or account must name such a role (EventBridge
 * PutTargets API reference, RoleArn; Knowledge Center, "cross-Region events": events:PutEvents on
 * the destination bus ARN).
 */
export function forwardingRolePolicy(destinationBusArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "PutEventsOnTheDestinationBus",
                Effect: "Allow",
                Action: "events:PutEvents",
                Resource: destinationBusArn,
            },
        ],
    };
}

/**
 * Lets EventBridge keep the heartbeats that arrive home in their log group, written only on behalf
 * of the heartbeat rules named by `sourceRuleArns` (see eventBridgeLogGroupPolicy). No alarm
 * depends on these writes succeeding: the heartbeat alarms count the rules' Invocations, failed
 * ones included.
 */
export function heartbeatLogPolicy(
    logGroupArn: string,
    sourceRuleArns: readonly string[],
): PolicyDocument {
    return eventBridgeLogGroupPolicy(
        logGroupArn,
        sourceRuleArns,
        "EventBridgeWritesTheStackHeartbeats",
    );
}
