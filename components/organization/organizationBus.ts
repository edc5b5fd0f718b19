import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ForwardedEvents, organizationBusPolicy } from "./policies";

export interface OrganizationBusArgs {
    /** The bus's name, e.g. `kms-monitoring-prod-org`. Required. */
    readonly busName: string;
    /** The AWS Organizations ID whose principals may put events. Required. */
    readonly organizationId: pulumi.Input<string>;
    /** The sources and detail-types the members forward; nothing else is admitted. Required. */
    readonly forwarded: ForwardedEvents;
    /**
     * ARN pattern of the member forwarding roles, the only principals admitted, e.g.
     * `arn:aws:iam::*:role/<prefix>-forwarder-*`. Required.
     */
    readonly senderRoleArns: pulumi.Input<string>;
    /** Tags for the bus. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The custom event bus in the home region that receives the member accounts' KMS events. A
 * custom bus rather than the default one, because its resource policy is this stack's alone: the
 * default bus's policy is shared with everything else in the account.
 */
export class OrganizationBus extends pulumi.ComponentResource {
    public readonly busName: pulumi.Output<string>;
    public readonly busArn: pulumi.Output<string>;

    constructor(name: string, args: OrganizationBusArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:organization:OrganizationBus", name, {}, opts);

        const bus = new aws.cloudwatch.EventBus(
            `${name}-bus`,
            {
                name: args.busName,
                description:
                    "KMS events and alarms forwarded by the organization's member accounts",
                tags: args.tags,
            },
            { parent: this },
        );
        new aws.cloudwatch.EventBusPolicy(
            `${name}-policy`,
            {
                eventBusName: bus.name,
                policy: pulumi.jsonStringify(
                    pulumi
                        .all([bus.arn, args.organizationId, args.senderRoleArns])
                        .apply(([busArn, organizationId, senderRoleArns]) =>
                            organizationBusPolicy(
                                busArn,
                                organizationId,
                                args.forwarded,
                                senderRoleArns,
                            ),
                        ),
                ),
            },
            { parent: this },
        );

        this.busName = bus.name;
        this.busArn = bus.arn;
        this.registerOutputs({ busName: this.busName, busArn: this.busArn });
    }
}
