import { PolicyDocument } from "../shared";

/**
 * Who may assume the forwarding role: EventBridge, and only on behalf of the stack's own forwarding
 * rules. aws:SourceAccount is "the account where the rule specified by aws:SourceArn exists" and
 * aws:SourceArn "the ARN of the rule that sends the event" (EventBridge User Guide, "Using IAM
 * policy conditions in Amazon EventBridge"); with both, neither another account's rule nor another
 * rule of this account can borrow the role (IAM User Guide, "The confused deputy problem").
 * `sourceRuleArns` may hold wildcards (ArnLike): the one role of a multi-region stack names its
 * rules with `*` for the region, so that the trust policy stays within IAM's 2,048-character
 * quota for a role trust policy (IAM User Guide, "IAM and AWS STS quotas") however many regions are
 * watched.
 */
export function forwardingRoleTrustPolicy(
    accountId: string,
    sourceRuleArns: readonly string[],
): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "EventBridgeRulesOfThisStack",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": accountId },
                    ArnLike: { "aws:SourceArn": [...sourceRuleArns] },
                },
            },
        ],
    };
}

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
 * Lets EventBridge keep the heartbeats that arrive home in their log group. Creating a stream is
 * allowed on the one log group; writing events only on behalf of the heartbeat rules named by
 * `sourceRuleArns`. The principals and actions are those of EventBridge User Guide, "Using
 * resource-based policies for Amazon EventBridge" (CloudWatch Logs permissions); CloudWatch Logs
 * resource policies support aws:SourceArn (CloudWatch Logs API reference, PutResourcePolicy), and
 * AWS's own EventBridge-to-CloudWatch Logs pattern (aws-samples/serverless-patterns,
 * eventbridge-cloudwatch) puts the rule's ARN on logs:PutLogEvents only. No alarm depends on these
 * writes succeeding: the heartbeat alarms count the rules' Invocations, failed ones included.
 */
export function heartbeatLogPolicy(
    logGroupArn: string,
    sourceRuleArns: readonly string[],
): PolicyDocument {
    const principal = { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "EventBridgeCreatesHeartbeatStreams",
                Effect: "Allow",
                Principal: principal,
                Action: "logs:CreateLogStream",
                Resource: `${logGroupArn}:*`,
            },
            {
                Sid: "EventBridgeWritesTheStackHeartbeats",
                Effect: "Allow",
                Principal: principal,
                Action: "logs:PutLogEvents",
                Resource: `${logGroupArn}:*`,
                Condition: { ArnEquals: { "aws:SourceArn": [...sourceRuleArns] } },
            },
        ],
    };
}
