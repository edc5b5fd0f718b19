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

/**
 * Who may assume a role: EventBridge, and only on behalf of the given rules of this account.
 * aws:SourceAccount is "the account where the rule specified by aws:SourceArn exists" and
 * aws:SourceArn "the ARN of the rule that sends the event" (EventBridge User Guide, "Using IAM
 * policy conditions in Amazon EventBridge"); with both, neither another account's rule nor another
 * rule of this account can borrow the role (IAM User Guide, "The confused deputy problem").
 * `ruleArnPatterns` may hold `*` wildcards (ArnLike), so that a role's callers name a family of
 * rules (`<prefix>-pagerduty-*`) or every region's rule (`*` for the region) rather than each
 * rule: a role trust policy holds at most 2,048 characters by default (IAM User Guide, "IAM and
 * AWS STS quotas").
 */
export function eventBridgeRuleTrustPolicy(
    accountId: string,
    ruleArnPatterns: readonly string[],
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
                    ArnLike: { "aws:SourceArn": [...ruleArnPatterns] },
                },
            },
        ],
    };
}

/**
 * A log group's resource policy that lets EventBridge keep the events of the given rules in it.
 * The principals and actions are those of the EventBridge User Guide, "Using resource-based
 * policies for Amazon EventBridge" (CloudWatch Logs permissions). Creating a stream is allowed on
 * the one log group; writing events only on behalf of `sourceRuleArns` (`aws:SourceArn`, "the ARN
 * of the rule that sends the event": "Using IAM policy conditions in Amazon EventBridge"). The
 * condition sits on `logs:PutLogEvents` alone: with it on `logs:CreateLogStream` too, EventBridge
 * delivers nothing (aws-samples/serverless-patterns#618, "The conditional ARN for the Rule only
 * applies to logs:PutLogEvents"); a stream without events is harmless. Both callers keep
 * heartbeats, hence the create statement's Sid; `writeSid` names the write statement, so that each
 * keeps the Sid its deployed policy already has.
 */
export function eventBridgeLogGroupPolicy(
    logGroupArn: string,
    sourceRuleArns: string | readonly string[],
    writeSid: string,
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
                Sid: writeSid,
                Effect: "Allow",
                Principal: principal,
                Action: "logs:PutLogEvents",
                Resource: `${logGroupArn}:*`,
                Condition: {
                    ArnEquals: {
                        "aws:SourceArn":
                            typeof sourceRuleArns === "string"
                                ? sourceRuleArns
                                : [...sourceRuleArns],
                    },
                },
            },
        ],
    };
}
