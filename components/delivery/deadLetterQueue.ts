import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../shared";
import { deadLetterQueuePolicyDocument } from "./queuePolicy";

/** SQS keeps a message at most 14 days; a dead letter should wait as long as possible for someone to look. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 86_400;

export interface DeadLetterQueueArgs {
    /** ARNs of the EventBridge rules whose targets may send undelivered events here. Default: none. */
    readonly eventRuleArns?: pulumi.Input<readonly string[]>;
    /** Account, partition and region of the stack. Required. */
    readonly environment: pulumi.Input<AwsEnvironment>;
    /**
     * Region of the queue, which must be that of the rules that use it (EventBridge User Guide,
     * "Using dead-letter queues": the queue must be in the same Region as the rule). Default: the provider's.
     */
    readonly region?: string;
    /** Tags for the queue. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The one standard SQS queue that keeps every event EventBridge failed to deliver to the topic.
 * Encrypted with SSE-SQS rather than a KMS key: EventBridge then needs no key permission to send
 * to it, so the queue cannot fail for the same reason the topic did.
 */
export class DeadLetterQueue extends pulumi.ComponentResource {
    public readonly queueArn: pulumi.Output<string>;
    public readonly queueName: pulumi.Output<string>;
    public readonly queueUrl: pulumi.Output<string>;

    constructor(name: string, args: DeadLetterQueueArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:delivery:DeadLetterQueue", name, {}, opts);

        const queue = new aws.sqs.Queue(
            `${name}-queue`,
            {
                sqsManagedSseEnabled: true,
                messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
                region: args.region,
                tags: args.tags,
            },
            { parent: this },
        );

        new aws.sqs.QueuePolicy(
            `${name}-policy`,
            {
                queueUrl: queue.url,
                region: args.region,
                policy: pulumi.jsonStringify(
                    pulumi
                        .all([queue.arn, args.environment, args.eventRuleArns ?? []])
                        .apply(([queueArn, environment, eventRuleArns]) =>
                            deadLetterQueuePolicyDocument({
                                accountId: environment.accountId,
                                queueArn,
                                eventRuleArns,
                            }),
                        ),
                ),
            },
            { parent: this },
        );

        this.queueArn = queue.arn;
        this.queueName = queue.name;
        this.queueUrl = queue.url;
        this.registerOutputs({
            queueArn: this.queueArn,
            queueName: this.queueName,
            queueUrl: this.queueUrl,
        });
    }
}
