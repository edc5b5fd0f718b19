import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEAD_LETTER_RETENTION_SECONDS } from "../delivery";
import { AwsEnvironment } from "../shared";
import { ChannelTopic } from "./channelTopic";
import { webhookDeadLetterPolicy } from "./policies";

/**
 * How SNS retries an HTTPS endpoint that fails. Its default is three retries 20 seconds apart
 * (SNS Developer Guide, "Amazon SNS message delivery retries"), a minute, after which the alert is
 * gone. These retry for about half an hour, backing off from 20 seconds to 4 minutes; SNS caps a
 * policy at 3,600 seconds in all (same page), which 14 retries of at most 240 seconds stay under.
 * What still fails goes to the subscription's dead-letter queue.
 */
export const WEBHOOK_DELIVERY_POLICY = {
    healthyRetryPolicy: {
        minDelayTarget: 20,
        maxDelayTarget: 240,
        numRetries: 14,
        numNoDelayRetries: 0,
        numMinDelayRetries: 2,
        numMaxDelayRetries: 4,
        backoffFunction: "exponential",
    },
    // The SNS envelope is JSON: its Message field is the event, unchanged.
    requestPolicy: { headerContentType: "application/json" },
} as const;

export interface WebhooksArgs {
    /**
     * The HTTPS endpoints, each a secret (a key is often in the URL). A plain list: it decides
     * which exist. Required.
     */
    readonly endpoints: readonly pulumi.Input<string>[];
    /** ARNs of the EventBridge rules that may publish. Required. */
    readonly eventRuleArns: pulumi.Input<readonly string[]>;
    /** Account, partition and region of the stack. Required. */
    readonly environment: pulumi.Input<AwsEnvironment>;
    /**
     * The identity that runs `pulumi up` and so makes the subscriptions, as `aws:PrincipalArn` names
     * it (a role's ARN, not its session's): the only principal the webhook topic lets subscribe.
     * Required.
     */
    readonly subscriberArn: pulumi.Input<string>;
    /**
     * The key of the alert topic, as the topics name it (its alias). Default: the webhook topic is
     * not encrypted.
     */
    readonly keyId?: pulumi.Input<string>;
    /** Tags for the topic and queue. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** One webhook as the outputs show it: never its URL. */
export interface WebhookSubscriptionOutput {
    /** Its place in `webhooks`, from 0. */
    readonly index: number;
    /** True until the endpoint confirms the subscription; until then nothing reaches it. */
    readonly pendingConfirmation: boolean;
}

/**
 * HTTPS endpoints that get every alert's event JSON: one topic, one subscription per URL with an
 * explicit retry policy, and a dead-letter queue for what still fails. Subscriptions keep SNS's
 * envelope, so a receiver can check SNS's signature (version 2, SHA256) before trusting a message.
 */
export class Webhooks extends pulumi.ComponentResource {
    public readonly topicArn: pulumi.Output<string>;
    public readonly topicName: pulumi.Output<string>;
    public readonly deadLetterQueueName: pulumi.Output<string>;
    public readonly deadLetterQueueUrl: pulumi.Output<string>;
    public readonly deadLetterQueueArn: pulumi.Output<string>;
    public readonly subscriptions: pulumi.Output<WebhookSubscriptionOutput[]>;

    constructor(name: string, args: WebhooksArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:channels:Webhooks", name, {}, opts);

        const topic = new ChannelTopic(
            `${name}-topic`,
            {
                eventRuleArns: args.eventRuleArns,
                environment: args.environment,
                keyId: args.keyId,
                signatureVersion: 2,
                subscriberArns: pulumi.output(args.subscriberArn).apply((arn) => [arn]),
                tags: args.tags,
            },
            { parent: this },
        );
        const { queue, queuePolicy } = this.createDeadLetters(name, args, topic.topicArn);

        // Named by position: a name from the URL would put the secret in the state's URNs.
        this.subscriptions = pulumi.all(
            args.endpoints.map((endpoint, index) => {
                const subscription = new aws.sns.TopicSubscription(
                    `${name}-${index}`,
                    {
                        topic: topic.topicArn,
                        protocol: "https",
                        endpoint: pulumi.secret(endpoint),
                        deliveryPolicy: JSON.stringify(WEBHOOK_DELIVERY_POLICY),
                        redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: queue.arn }),
                    },
                    // The queue must accept the topic's dead letters before the first one, and
                    // the topic's policy must admit this deployer before it subscribes.
                    { parent: this, dependsOn: [queuePolicy, topic] },
                );
                return subscription.pendingConfirmation.apply((pendingConfirmation) => ({
                    index,
                    pendingConfirmation,
                }));
            }),
        );

        this.topicArn = topic.topicArn;
        this.topicName = topic.topicName;
        this.deadLetterQueueName = queue.name;
        this.deadLetterQueueUrl = queue.url;
        this.deadLetterQueueArn = queue.arn;
        this.registerOutputs({
            topicArn: this.topicArn,
            topicName: this.topicName,
            deadLetterQueueName: this.deadLetterQueueName,
            deadLetterQueueUrl: this.deadLetterQueueUrl,
            deadLetterQueueArn: this.deadLetterQueueArn,
            subscriptions: this.subscriptions,
        });
    }

    /** The queue for what every retry failed to deliver, which only the webhook topic may send to. */
    private createDeadLetters(
        name: string,
        args: WebhooksArgs,
        topicArn: pulumi.Output<string>,
    ): { queue: aws.sqs.Queue; queuePolicy: aws.sqs.QueuePolicy } {
        const queue = new aws.sqs.Queue(
            `${name}-dead-letters`,
            {
                sqsManagedSseEnabled: true,
                messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
                tags: args.tags,
            },
            { parent: this },
        );
        const queuePolicy = new aws.sqs.QueuePolicy(
            `${name}-dead-letters-policy`,
            {
                queueUrl: queue.url,
                policy: pulumi.jsonStringify(
                    pulumi
                        .all([queue.arn, topicArn])
                        .apply(([queueArn, topicArn]) =>
                            webhookDeadLetterPolicy(queueArn, topicArn),
                        ),
                ),
            },
            { parent: this },
        );
        return { queue, queuePolicy };
    }
}
