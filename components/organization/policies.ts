import { PolicyDocument } from "../shared";

/** What the members' forwarding rules may put on the organization bus. */
export interface ForwardedEvents {
    readonly sources: readonly string[];
    readonly detailTypes: readonly string[];
}

/**
 * The organization bus's resource policy: any principal of the organization may put events, and
 * only the kinds the member template forwards.
 * - `aws:PrincipalOrgID` rather than a list of accounts, so accounts that join later can send.
 *   A grant by organization obliges the senders to use a role on their bus target (EventBridge
 *   API reference, PutPermission: "accounts in that organization must specify a RoleArn"), which
 *   the member template does.
 * - Only the member template's forwarding roles (`aws:PrincipalArn`, any member account): no
 *   other principal of the organization can put fake KMS alerts on the bus.
 * - `events:source` and `events:detail-type` are condition keys of events:PutEvents in bus
 *   policies (EventBridge User Guide, "Example policy: Send events to a custom bus in a different
 *   account", which restricts to one source and detail-type this way). Both with ForAllValues, as
 *   in that example, which also holds when a key is absent from the request.
 */
export function organizationBusPolicy(
    busArn: string,
    organizationId: string,
    forwarded: ForwardedEvents,
    senderRoleArns: string,
): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "OrganizationMembersForwardKmsEvents",
                Effect: "Allow",
                Principal: "*",
                Action: "events:PutEvents",
                Resource: busArn,
                Condition: {
                    StringEquals: { "aws:PrincipalOrgID": organizationId },
                    ArnLike: { "aws:PrincipalArn": senderRoleArns },
                    "ForAllValues:StringEquals": {
                        "events:source": [...forwarded.sources],
                        "events:detail-type": [...forwarded.detailTypes],
                    },
                },
            },
        ],
    };
}
