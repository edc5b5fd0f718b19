import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createTopicPolicy } from "../alerts";
import { AwsEnvironment } from "../shared";

export interface ChannelTopicArgs {
    /** ARNs of the EventBridge rules that may publish. Required. */
    readonly eventRuleArns: pulumi.Input<readonly string[]>;
    /** Account, partition and region of the stack. Required. */
    readonly environment: pulumi.Input<AwsEnvironment>;
    /**
     * The key of the alert topic, whose policy already lets EventBridge use it, as the topic names
     * it: its alias, which the stack's API-call rules recognize in SNS's own calls
     * (components/alerts/ownTopicCalls.ts). Default: not encrypted, as the alert topic when
     * `encryptTopic` is off.
     */
    readonly keyId?: pulumi.Input<string>;
    /** SNS message signature version; 2 signs with SHA256. Default: SNS's, version 1 (SHA1). */
    readonly signatureVersion?: number;
    /**
     * The principals that may subscribe (`aws:PrincipalArn`): Amazon Q Developer's service-linked
     * role for the chat topic, the identity running `pulumi up` for the webhook topic. Nobody else
     * may, nor publish. Required.
     */
    readonly subscriberArns: pulumi.Input<readonly string[]>;
    /** Tags for the topic. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A topic that carries the alerts of one channel format (chat, webhooks). It has the alert topic's
 * protections, the stack's topic key and no plain HTTP, and a stricter policy: only this stack's
 * rules publish (no alarm publishes here: alarms reach the channels as state-change events), and
 * only `subscriberArns` subscribe; the account's other principals may do neither, so nobody can
 * post fake alerts to the channels or tap the member accounts' events they carry.
 */
export class ChannelTopic extends pulumi.ComponentResource {
    public readonly topicArn: pulumi.Output<string>;
    public readonly topicName: pulumi.Output<string>;

    constructor(name: string, args: ChannelTopicArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:channels:ChannelTopic", name, {}, opts);

        const topic = new aws.sns.Topic(
            `${name}-topic`,
            {
                kmsMasterKeyId: args.keyId,
                signatureVersion: args.signatureVersion,
                tags: args.tags,
            },
            { parent: this },
        );
        createTopicPolicy(this, `${name}-policy`, {
            topicArn: topic.arn,
            environment: args.environment,
            eventRuleArns: args.eventRuleArns,
            alarmsPublish: false,
            subscriberArns: args.subscriberArns,
        });

        this.topicArn = topic.arn;
        this.topicName = topic.name;
        this.registerOutputs({ topicArn: this.topicArn, topicName: this.topicName });
    }
}
