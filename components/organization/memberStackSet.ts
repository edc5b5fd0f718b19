import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * How an instance rolls out to an OU's accounts: every account of a region at once, and a few
 * failing accounts do not stop the others (a monitor missing in one account is better than in
 * all). On the instance, because the StackSet's own preferences are ignored
 * (terraform-provider-aws#33170).
 */
export const MEMBER_OPERATION_PREFERENCES = {
    concurrencyMode: "SOFT_FAILURE_TOLERANCE",
    maxConcurrentPercentage: 100,
    failureTolerancePercentage: 10,
} as const;

export interface MemberStackSetArgs {
    /** The StackSet's name. Required. */
    readonly stackSetName: string;
    /** What the StackSet deploys, in a sentence. Required. */
    readonly description: string;
    /** The member template, as JSON. Required. */
    readonly templateBody: pulumi.Input<string>;
    /** `CAPABILITY_NAMED_IAM` for a template that names IAM roles. Default: none. */
    readonly capabilities?: readonly string[];
    /** `SELF` from the management account, `DELEGATED_ADMIN` from a registered delegated administrator. Required. */
    readonly callAs: string;
    /** OUs, or the root, whose accounts get the stack, now and when they join later. Required. */
    readonly organizationalUnitIds: readonly string[];
    /** The member regions: one instance per OU and region. A plain list: it decides which instances exist. Required. */
    readonly regions: readonly string[];
    /**
     * Accounts of those OUs that must not get the stack: the central account, whose own regions the
     * stack covers. Default: none.
     */
    readonly excludedAccountIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** Tags for the StackSet, which CloudFormation puts on the stacks' resources. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * What must exist before the template reaches any member, such as the sink policies the
     * members' links need. Both the StackSet and its instances wait for it: an update of the
     * StackSet's template rolls out to every existing instance, so on a stack that has members
     * already the StackSet, not only a new instance, can push a link. A component stands for all
     * its resources. Default: nothing.
     */
    readonly rolloutDependsOn?: readonly pulumi.Resource[];
}

/**
 * A service-managed StackSet with automatic deployment: CloudFormation rolls the member template
 * out to every account of the OUs, including accounts added later, and removes the stacks when an
 * account leaves. It never deploys to the management account (cloudformation-coverage-roadmap#1705).
 */
export class MemberStackSet extends pulumi.ComponentResource {
    public readonly stackSetName: pulumi.Output<string>;
    public readonly instanceRegions: pulumi.Output<string[]>;

    constructor(name: string, args: MemberStackSetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:organization:MemberStackSet", name, {}, opts);

        const stackSet = new aws.cloudformation.StackSet(
            `${name}-stack-set`,
            {
                name: args.stackSetName,
                description: args.description,
                permissionModel: "SERVICE_MANAGED",
                autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
                // callAs on both resources, or the instance fails as "not the management account
                // or delegated admin" (terraform-provider-aws#32536).
                callAs: args.callAs,
                capabilities: args.capabilities === undefined ? undefined : [...args.capabilities],
                // Pulumi creates the instances of several regions at once; managed execution queues
                // what would otherwise conflict as concurrent operations on one StackSet.
                managedExecution: { active: true },
                templateBody: args.templateBody,
                tags: args.tags,
            },
            { parent: this, dependsOn: [...(args.rolloutDependsOn ?? [])] },
        );

        const instances = args.organizationalUnitIds.flatMap((organizationalUnitId) =>
            args.regions.map((region) =>
                this.createInstance(name, args, stackSet.name, organizationalUnitId, region),
            ),
        );

        this.stackSetName = stackSet.name;
        this.instanceRegions = pulumi
            .all(instances.map((instance) => instance.stackSetInstanceRegion))
            .apply((regions) => [
                ...new Set(regions.filter((region): region is string => region !== undefined)),
            ]);
        this.registerOutputs({
            stackSetName: this.stackSetName,
            instanceRegions: this.instanceRegions,
        });
    }

    /**
     * One instance per OU and region, not one per region listing every OU: the deployment targets
     * of an instance cannot change in place, and replacing it deletes the stacks of the OUs it had
     * (terraform-provider-aws#40675). So adding an OU only adds instances.
     */
    private createInstance(
        name: string,
        args: MemberStackSetArgs,
        stackSetName: pulumi.Output<string>,
        organizationalUnitId: string,
        region: string,
    ): aws.cloudformation.StackSetInstance {
        return new aws.cloudformation.StackSetInstance(
            `${name}-${organizationalUnitId}-${region}`,
            {
                stackSetName,
                callAs: args.callAs,
                stackSetInstanceRegion: region,
                deploymentTargets: {
                    organizationalUnitIds: [organizationalUnitId],
                    ...(args.excludedAccountIds === undefined
                        ? {}
                        : { accountFilterType: "DIFFERENCE", accounts: args.excludedAccountIds }),
                },
                operationPreferences: MEMBER_OPERATION_PREFERENCES,
            },
            // An update of the preferences sends the OU as an account to UpdateStackInstances,
            // which fails (terraform-provider-aws#40675); they only shape the first rollout.
            {
                parent: this,
                ignoreChanges: ["operationPreferences"],
                dependsOn: [...(args.rolloutDependsOn ?? [])],
            },
        );
    }
}
