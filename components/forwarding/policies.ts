import { PolicyDocument } from "../shared";

/**
 * Who may assume the forwarding role: EventBridge, and only on behalf of this account's rules
 * (IAM User Guide, "The confused deputy problem": aws:SourceAccount on a service principal).
 */
export function forwardingRoleTrustPolicy(accountId: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "EventBridgeRulesOfThisAccount",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
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
