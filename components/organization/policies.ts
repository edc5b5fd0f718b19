import { PolicyDocument } from "../shared";
import { LINK_RESOURCE_TYPES } from "./memberLink";

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

/**
 * The path of every account under an OU or root, for `aws:PrincipalOrgPaths`, whose values look like
 * `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/` (IAM User Guide, "AWS global condition
 * context keys"). A root follows the organization ID directly; an OU sits at any depth below it.
 */
export function organizationalUnitPath(organizationId: string, parentId: string): string {
    return parentId.startsWith("r-")
        ? `${organizationId}/${parentId}/*`
        : `${organizationId}/*/${parentId}/*`;
}

/**
 * The policy of a central sink: who may link to it, and what a link may share (OAM API reference,
 * PutSinkPolicy; CloudWatch User Guide, "Link monitoring accounts with source accounts").
 * - Only principals of the accounts under the configured OUs (`aws:PrincipalOrgPaths`, with the
 *   organization ID as its first element), not the whole organization: exactly the accounts the
 *   StackSet deploys links to. Another account of the organization could otherwise attach its own
 *   metrics to the security account's sink and show series of its making on the central dashboard.
 *   `ForAnyValue:StringLike` because the key is multivalued and its values end in a wildcard.
 * - Only `oam:CreateLink` and `oam:UpdateLink`, the two actions a sink policy grants.
 * - Only metrics: `ForAllValues:StringEquals` on `oam:ResourceTypes`, every type a link asks for
 *   must be `AWS::CloudWatch::Metric`; a link that also asks for log groups is refused whole.
 */
export function observabilitySinkPolicy(
    organizationId: string,
    organizationalUnitIds: readonly string[],
): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "MemberAccountsLinkTheirMetrics",
                Effect: "Allow",
                Principal: "*",
                Action: ["oam:CreateLink", "oam:UpdateLink"],
                Resource: "*",
                Condition: {
                    StringEquals: { "aws:PrincipalOrgID": organizationId },
                    "ForAnyValue:StringLike": {
                        "aws:PrincipalOrgPaths": organizationalUnitIds.map((id) =>
                            organizationalUnitPath(organizationId, id),
                        ),
                    },
                    "ForAllValues:StringEquals": { "oam:ResourceTypes": [...LINK_RESOURCE_TYPES] },
                },
            },
        ],
    };
}
