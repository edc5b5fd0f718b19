import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "./arns";
import { topicPolicyDocument } from "./policies";

export const DEFAULT_DISPLAY_NAME = "KMS alerts";

export interface AlertTopicArgs {
    /**
     * Addresses that get one SNS email subscription each. A plain list, not an Input, because it
     * decides which resources exist. Default: none (a warning says nobody is notified).
     */
    readonly emails?: readonly string[];
    /** Physical topic name. Default: auto-named from the component name. */
    readonly topicName?: pulumi.Input<string>;
    /** Sender name on the emails, at most 100 characters. Default: `KMS alerts`. */
    readonly displayName?: pulumi.Input<string>;
    /** ARNs of the EventBridge rules allowed to publish. Default: none, so EventBridge may not publish. */
    readonly eventRuleArns?: pulumi.Input<readonly string[]>;
    /** Account, partition and region of the stack, used to scope the service principals. Required. */
    readonly environment: pulumi.Input<AwsEnvironment>;
    /** Tags for the topic. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The SNS topic every alert goes to, its access policy and its email subscriptions. */
export class AlertTopic extends pulumi.ComponentResource {
    public readonly topicArn: pulumi.Output<string>;
    public readonly topicName: pulumi.Output<string>;
    /** Each subscribed address with whether it still awaits confirmation. */
    public readonly subscriptions: pulumi.Output<{ email: string; pendingConfirmation: boolean }[]>;

    constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:alerts:AlertTopic", name, {}, opts);

        const topic = new aws.sns.Topic(
            `${name}-topic`,
            {
                name: args.topicName,
                displayName: args.displayName ?? DEFAULT_DISPLAY_NAME,
                tags: args.tags,
            },
            { parent: this },
        );

        new aws.sns.TopicPolicy(
            `${name}-policy`,
            {
                arn: topic.arn,
                policy: pulumi.jsonStringify(
                    pulumi
                        .all([topic.arn, args.environment, args.eventRuleArns ?? []])
                        .apply(([topicArn, environment, eventRuleArns]) => topicPolicyDocument({ ...environment, topicArn, eventRuleArns })),
                ),
            },
            { parent: this },
        );

        const emails = args.emails ?? [];
        if (emails.length === 0) {
            pulumi.log.warn("kms-monitoring:alertEmails is empty: alerts will be published, but nobody will be notified.", this);
        }
        // Named after the address, not its position, so reordering the list does not replace
        // (and re-send confirmation for) existing subscriptions.
        this.subscriptions = pulumi.all(
            emails.map((email) => {
                const subscription = new aws.sns.TopicSubscription(
                    `${name}-email-${email.toLowerCase()}`,
                    { topic: topic.arn, protocol: "email", endpoint: email },
                    { parent: this },
                );
                return subscription.pendingConfirmation.apply((pendingConfirmation) => ({ email, pendingConfirmation }));
            }),
        );

        this.topicArn = topic.arn;
        this.topicName = topic.name;
        this.registerOutputs({ topicArn: this.topicArn, topicName: this.topicName, subscriptions: this.subscriptions });
    }
}
