import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "./policies";

/** Heartbeats are only read to tell which path went silent: two weeks of them is plenty. */
const EVENT_LOG_RETENTION_DAYS = 14;

export interface EventLogGroupArgs {
    /** The log group's name, `/aws/events/...`. Required. */
    readonly logGroupName: string;
    /** The resource policy, from the log group's ARN: which rules EventBridge may write for. Required. */
    readonly policy: (logGroupArn: pulumi.Output<string>) => pulumi.Input<PolicyDocument>;
    /** Tags for the log group. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A log group that EventBridge rules write their events into, `${name}-log`, and the resource
 * policy that lets them, `${name}-log-policy`: a log group target takes no role, EventBridge
 * writes through this policy (EventBridge User Guide, "CloudWatch Logs permissions").
 */
export function createEventLogGroup(
    parent: pulumi.Resource,
    name: string,
    args: EventLogGroupArgs,
): { logGroup: aws.cloudwatch.LogGroup; logPolicy: aws.cloudwatch.LogResourcePolicy } {
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-log`,
        {
            name: args.logGroupName,
            retentionInDays: EVENT_LOG_RETENTION_DAYS,
            tags: args.tags,
        },
        { parent },
    );
    const logPolicy = new aws.cloudwatch.LogResourcePolicy(
        `${name}-log-policy`,
        {
            // Attached to the log group, not the account: an account holds at most 10
            // account-wide log resource policies per region, and one more per log group
            // (CloudWatch Logs API reference, PutResourcePolicy: "a maximum of 10 policies
            // without resourceARN and one per LogGroup resourceARN").
            resourceArn: logGroup.arn,
            policyDocument: pulumi.jsonStringify(args.policy(logGroup.arn)),
        },
        { parent },
    );
    return { logGroup, logPolicy };
}
