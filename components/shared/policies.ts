export interface PolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow" | "Deny";
    /** Absent only in an identity-based policy, which applies to whoever it is attached to. */
    readonly Principal?:
        | "*"
        | {
              readonly AWS?: string | readonly string[];
              readonly Service?: string | readonly string[];
          };
    readonly Action: string | readonly string[];
    /** Absent only in a role's trust policy, whose resource is the role itself. */
    readonly Resource?: string | readonly string[];
    readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

/** Lets EventBridge act on the resource only on behalf of the given rules of this account. */
export function allowFromEventRules(
    sid: string,
    action: string,
    resource: string,
    accountId: string,
    eventRuleArns: readonly string[],
): PolicyStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: action,
        Resource: resource,
        Condition: {
            StringEquals: { "aws:SourceAccount": accountId },
            ArnEquals: { "aws:SourceArn": [...eventRuleArns] },
        },
    };
}

/** Refuses every request made over plain HTTP, whoever makes it. */
export function denyInsecureTransport(action: string, resource: string): PolicyStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: action,
        Resource: resource,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}
