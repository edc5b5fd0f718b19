import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { observabilitySinkPolicy } from "./policies";

export interface ObservabilitySinksArgs {
    /** Name of every sink the stack creates, e.g. `kms-monitoring-prod-members`. Required. */
    readonly sinkName: string;
    /** The member regions that get a new sink here. Required (may be empty). */
    readonly regions: readonly string[];
    /** Sinks of this account to use as they are, by region: neither created nor given a policy. Default: none. */
    readonly existingSinkArns?: Readonly<Record<string, string>>;
    /** The organization whose accounts may link. Required. */
    readonly organizationId: string;
    /** The OUs (or the root) whose accounts may link. Required. */
    readonly organizationalUnitIds: readonly string[];
    /** Tags for the sinks. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The central account as a CloudWatch monitoring account: one sink per member region, each with
 * a policy that admits only metric links from the accounts under the OUs. Cross-account
 * observability is regional and an account holds one sink per region (AWS::Oam::Sink: "An account
 * can have one sink"), so a region that already has one is reused instead (`existingSinkArns`).
 */
export class ObservabilitySinks extends pulumi.ComponentResource {
    /** Every member region's sink, created or reused. */
    public readonly sinkArns: pulumi.Output<Record<string, string>>;
    /** The policies the members' first links need: the StackSet instances wait for them. */
    public readonly policies: aws.oam.SinkPolicy[];

    constructor(
        name: string,
        args: ObservabilitySinksArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("kms-monitoring:organization:ObservabilitySinks", name, {}, opts);

        const policy = pulumi.jsonStringify(
            observabilitySinkPolicy(args.organizationId, args.organizationalUnitIds),
        );
        const created = args.regions.map((region) => {
            // The per-resource region of @pulumi/aws v7, as the remote regions' resources use it.
            const sink = new aws.oam.Sink(
                `${name}-${region}`,
                { name: args.sinkName, region, tags: args.tags },
                { parent: this },
            );
            const sinkPolicy = new aws.oam.SinkPolicy(
                `${name}-${region}-policy`,
                { sinkIdentifier: sink.arn, policy, region },
                { parent: this },
            );
            return { region, sink, sinkPolicy };
        });

        this.policies = created.map((each) => each.sinkPolicy);
        this.sinkArns = pulumi
            .all(created.map(({ region, sink }) => sink.arn.apply((arn) => [region, arn] as const)))
            .apply((pairs) =>
                Object.fromEntries(
                    [...Object.entries(args.existingSinkArns ?? {}), ...pairs].sort(([a], [b]) =>
                        a.localeCompare(b),
                    ),
                ),
            );
        this.registerOutputs({ sinkArns: this.sinkArns });
    }
}
