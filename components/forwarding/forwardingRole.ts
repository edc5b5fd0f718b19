import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { eventBridgeRuleTrustPolicy } from "../shared";
import { forwardingRolePolicy } from "./policies";

export interface ForwardingRoleArgs {
    /** The account whose EventBridge rules may assume the role. Required. */
    readonly accountId: pulumi.Input<string>;
    /** ARNs (or ArnLike patterns) of the only rules that may assume it. Required. */
    readonly sourceRuleArns: pulumi.Input<string[]>;
    /** ARN of the one bus the role may put events on. Required. */
    readonly destinationBusArn: pulumi.Input<string>;
    /** Tags for the role. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The IAM role every forwarding rule of the stack uses. IAM is global, so one role serves every
 * region; it is auto-named, so stacks never collide.
 */
export class ForwardingRole extends pulumi.ComponentResource {
    public readonly roleArn: pulumi.Output<string>;
    public readonly roleName: pulumi.Output<string>;

    constructor(name: string, args: ForwardingRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:forwarding:ForwardingRole", name, {}, opts);

        const role = new aws.iam.Role(
            `${name}-role`,
            {
                description:
                    "Lets this stack's EventBridge rules in other regions put KMS events on the home region's bus",
                assumeRolePolicy: pulumi.jsonStringify(
                    pulumi
                        .all([args.accountId, args.sourceRuleArns])
                        .apply(([accountId, ruleArns]) =>
                            // EventBridge, for the stack's own forwarding rules only; one role names
                            // them with `*` for the region, so its trust policy stays within IAM's
                            // quota however many regions are watched.
                            eventBridgeRuleTrustPolicy(accountId, ruleArns),
                        ),
                ),
                tags: args.tags,
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            `${name}-put-events`,
            {
                role: role.name,
                policy: pulumi.jsonStringify(
                    pulumi.output(args.destinationBusArn).apply(forwardingRolePolicy),
                ),
            },
            { parent: this },
        );

        this.roleArn = role.arn;
        this.roleName = role.name;
        this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
    }
}
