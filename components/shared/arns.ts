/** The account, partition and region the stack deploys into, as returned by the AWS invokes. */
export interface AwsEnvironment {
    readonly accountId: string;
    readonly partition: string;
    readonly region: string;
}

/**
 * Rules on the default event bus have ARNs `arn:<partition>:events:<region>:<account>:rule/<name>`;
 * rules on a custom bus `...:rule/<bus>/<name>`.
 */
export function eventRuleArn(env: AwsEnvironment, ruleName: string, busName = "default"): string {
    const path = busName === "default" ? ruleName : `${busName}/${ruleName}`;
    return `arn:${env.partition}:events:${env.region}:${env.accountId}:rule/${path}`;
}

/** Matches every CloudWatch alarm of the account in the region. */
export function alarmArnPattern(env: AwsEnvironment): string {
    return `arn:${env.partition}:cloudwatch:${env.region}:${env.accountId}:alarm:*`;
}

/** The prefix shared by every physical name the stack chooses, e.g. `kms-monitoring-dev`. */
export function namePrefix(project: string, stack: string): string {
    return `${project}-${stack}`;
}

/** EventBridge rule names are at most 64 characters of `[.\-_A-Za-z0-9]`. */
export const EVENT_RULE_NAME_MAX = 64;

export function eventRuleName(prefix: string, role: string): string {
    return `${prefix}-${role}`;
}

/** The role of the n-th (0-based) of several numbered rules: `role`, `role-2`, `role-3`... */
export function numberedRole(role: string, index: number): string {
    return index === 0 ? role : `${role}-${index + 1}`;
}

/** The rule name for KMS's own events; `apiCallAlerts[].name` may not take it. */
export const LIFECYCLE_RULE_ROLE = "key-lifecycle";

/** The rule name for calls on keys pending deletion, which the audit trail's alarm names too. */
export const PENDING_DELETION_RULE_ROLE = "pending-deletion-use";

/** The region an ARN names (`arn:<partition>:<service>:<region>:...`), or undefined for a global or malformed one. */
export function regionOfArn(arn: string): string | undefined {
    const region = arn.split(":")[3];
    return arn.startsWith("arn:") && region ? region : undefined;
}

/** The account an ARN belongs to: `arn:<partition>:<service>:<region>:<account>:...`. */
export function accountOfArn(arn: string): string {
    return arn.split(":")[4] ?? "";
}

/** The same account and partition, in another region. */
export function inRegion(env: AwsEnvironment, region: string): AwsEnvironment {
    return { ...env, region };
}

/**
 * `arn:<partition>:events:<region>:<account>:event-bus/<name>`; every account has a bus named
 * `default` in every region.
 */
export function eventBusArn(env: AwsEnvironment, busName = "default"): string {
    return `arn:${env.partition}:events:${env.region}:${env.accountId}:event-bus/${busName}`;
}

export function alarmArn(env: AwsEnvironment, alarmName: string): string {
    return `arn:${env.partition}:cloudwatch:${env.region}:${env.accountId}:alarm:${alarmName}`;
}

/** `arn:<partition>:logs:<region>:<account>:log-group:<name>`, as a rule's log-group target names it. */
export function logGroupArn(env: AwsEnvironment, logGroupName: string): string {
    return `arn:${env.partition}:logs:${env.region}:${env.accountId}:log-group:${logGroupName}`;
}
