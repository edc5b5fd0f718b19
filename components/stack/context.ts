import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, eventRuleArn } from "../shared";
import type { KmsMonitoringArgs } from "./args";
import type { MonitoringPlan, TopicRule } from "./plan";

/** What every builder gets: where to put resources, the settings, the plan, and the account. */
export interface StackContext {
    /** The KmsMonitoring component: every builder's resources are its children. */
    readonly parent: pulumi.ComponentResource;
    /** The component's name: the prefix of every child's Pulumi name. */
    readonly name: string;
    /** The checked arguments, for the settings that are passed through as they are. */
    readonly args: KmsMonitoringArgs;
    readonly plan: MonitoringPlan;
    /** Account, partition and home region, invoked once. */
    readonly environment: pulumi.Output<AwsEnvironment>;
}

/** One list from the lists of the parts that exist. */
export function concatenated(
    ...lists: (pulumi.Input<string[]> | undefined)[]
): pulumi.Output<string[]> {
    return pulumi.all(lists.map((list) => list ?? [])).apply((resolved) => resolved.flat());
}

/** A one-item list, for the parts that have one name or ARN. */
export function single(
    value: pulumi.Output<string> | undefined,
): pulumi.Output<string[]> | undefined {
    return value?.apply((each) => [each]);
}

/** The account, partition and region, invoked once and handed to every builder. */
export function awsEnvironment(parent: pulumi.Resource): pulumi.Output<AwsEnvironment> {
    const opts = { parent };
    return pulumi
        .all([
            aws.getCallerIdentityOutput({}, opts),
            aws.getPartitionOutput({}, opts),
            aws.getRegionOutput({}, opts),
        ])
        .apply(([identity, partition, region]) => ({
            accountId: identity.accountId,
            partition: partition.partition,
            region: region.region,
        }));
}

/**
 * The identity running `pulumi up`, as `aws:PrincipalArn` names it in its requests: for an assumed
 * role the role's ARN with its path (which aws.iam.getSessionContext reads with iam:GetRole), not
 * the session's; for a user or the root, its own ARN.
 */
export function deployerArn(parent: pulumi.Resource): pulumi.Output<string> {
    const opts = { parent };
    const caller = aws.getCallerIdentityOutput({}, opts);
    return aws.iam.getSessionContextOutput({ arn: caller.arn }, opts).issuerArn;
}

/**
 * The ARNs of planned rules. Rule names are fixed, so a policy can name the rules' ARNs before
 * they exist.
 */
export function ruleArns(
    environment: pulumi.Output<AwsEnvironment>,
    rules: readonly TopicRule[],
): pulumi.Output<string[]> {
    return environment.apply((env) =>
        rules.map((rule) => eventRuleArn(env, rule.ruleName, rule.busName)),
    );
}
