import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment, DEFAULT_DELETION_WINDOW_DAYS } from "../shared";
import { alertKeyPolicyDocument, topicPolicyDocument } from "./topicPolicies";

export const DEFAULT_DISPLAY_NAME = "KMS alerts";

export interface AlertTopicEncryption {
    /** Alias of the key created for the topic, `alias/<name>`. Required. */
    readonly keyAlias: string;
    /** Days between deleting the key and its deletion, 7 to 30. Default: 30. */
    readonly deletionWindowInDays?: pulumi.Input<number>;
    /** Set Pulumi's `protect` on the key. Default: false. */
    readonly protect?: boolean;
}

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
    /**
     * Encrypt the topic at rest with a customer managed key created here, whose policy lets
     * EventBridge and CloudWatch use it. Default: not encrypted.
     */
    readonly encryption?: AlertTopicEncryption;
    /**
     * Whether alerts also reach other channels (chat, PagerDuty, webhooks), so that no email
     * address is no cause for a warning. Default: false.
     */
    readonly otherChannels?: boolean;
    /** Tags for the topic and its key. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** What a topic's policy is made of: see topicPolicyDocument. */
export interface TopicPolicyArgs {
    readonly topicArn: pulumi.Input<string>;
    readonly environment: pulumi.Input<AwsEnvironment>;
    readonly eventRuleArns: pulumi.Input<readonly string[]>;
    /** Whether this account's alarms may publish. Default: true. */
    readonly alarmsPublish?: boolean;
    /**
     * Only the rules publish and only these principals subscribe (topicPolicyDocument). Default:
     * the account's principals may publish and subscribe.
     */
    readonly subscriberArns?: pulumi.Input<readonly string[]>;
}

/** A topic's access policy: the account, the stack's rules (and alarms), never plain HTTP. */
export function createTopicPolicy(
    parent: pulumi.Resource,
    name: string,
    args: TopicPolicyArgs,
): aws.sns.TopicPolicy {
    return new aws.sns.TopicPolicy(
        name,
        {
            arn: args.topicArn,
            policy: pulumi.jsonStringify(
                pulumi
                    .all([args.topicArn, args.environment, args.eventRuleArns, args.subscriberArns])
                    .apply(([topicArn, environment, eventRuleArns, subscriberArns]) =>
                        topicPolicyDocument({
                            ...environment,
                            topicArn,
                            eventRuleArns,
                            alarmsPublish: args.alarmsPublish,
                            subscriberArns,
                        }),
                    ),
            ),
        },
        { parent },
    );
}

/** One email subscription and whether its owner still has to confirm it. */
export interface EmailSubscription {
    /** The subscribed address. */
    readonly email: string;
    /** True until the owner follows the link in the confirmation email; until then nothing reaches the address. */
    readonly pendingConfirmation: boolean;
}

/** The SNS topic every alert goes to, its access policy and its email subscriptions. */
export class AlertTopic extends pulumi.ComponentResource {
    public readonly topicArn: pulumi.Output<string>;
    public readonly topicName: pulumi.Output<string>;
    /** ARN of the key that encrypts the topic, when it is encrypted. */
    public readonly keyArn?: pulumi.Output<string>;
    /** The key's alias, `alias/<name>`, by which the topic names its key, when it is encrypted. */
    public readonly keyAlias?: pulumi.Output<string>;
    /** Each subscribed address with whether it still awaits confirmation. */
    public readonly subscriptions: pulumi.Output<EmailSubscription[]>;

    constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:alerts:AlertTopic", name, {}, opts);

        const key = args.encryption ? this.createKey(name, args.encryption, args) : undefined;

        const topic = new aws.sns.Topic(
            `${name}-topic`,
            {
                name: args.topicName,
                displayName: args.displayName ?? DEFAULT_DISPLAY_NAME,
                // The alias, not the key ARN: SNS's own calls with the key then name the alias,
                // which the API-call rules can know before the key exists (ownTopicCalls.ts).
                kmsMasterKeyId: key?.alias.name,
                tags: args.tags,
            },
            { parent: this },
        );

        createTopicPolicy(this, `${name}-policy`, {
            topicArn: topic.arn,
            environment: args.environment,
            eventRuleArns: args.eventRuleArns ?? [],
        });

        const emails = args.emails ?? [];
        if (emails.length === 0 && !(args.otherChannels ?? false)) {
            pulumi.log.warn(
                "kms-monitoring:alertEmails is empty: alerts will be published, but nobody will be notified.",
                this,
            );
        }
        this.subscriptions = this.subscribeEmails(name, topic.arn, emails);

        this.topicArn = topic.arn;
        this.topicName = topic.name;
        this.keyArn = key?.key.arn;
        this.keyAlias = key?.alias.name;
        this.registerOutputs({
            topicArn: this.topicArn,
            topicName: this.topicName,
            keyArn: this.keyArn,
            keyAlias: this.keyAlias,
            subscriptions: this.subscriptions,
        });
    }

    /** One email subscription per address, each with whether it still awaits confirmation. */
    private subscribeEmails(
        name: string,
        topicArn: pulumi.Output<string>,
        emails: readonly string[],
    ): pulumi.Output<EmailSubscription[]> {
        // Named after the address, not its position, so reordering the list does not replace
        // (and re-send confirmation for) existing subscriptions.
        return pulumi.all(
            emails.map((email) => {
                const subscription = new aws.sns.TopicSubscription(
                    `${name}-email-${email.toLowerCase()}`,
                    { topic: topicArn, protocol: "email", endpoint: email },
                    { parent: this },
                );
                return subscription.pendingConfirmation.apply((pendingConfirmation) => ({
                    email,
                    pendingConfirmation,
                }));
            }),
        );
    }

    private createKey(
        name: string,
        encryption: AlertTopicEncryption,
        args: AlertTopicArgs,
    ): { key: aws.kms.Key; alias: aws.kms.Alias } {
        const key = new aws.kms.Key(
            `${name}-key`,
            {
                description:
                    "Encrypts the kms-monitoring alert topic; EventBridge and CloudWatch may use it to publish",
                enableKeyRotation: true,
                // Deleting a KMS key only schedules it; this is the waiting time.
                deletionWindowInDays:
                    encryption.deletionWindowInDays ?? DEFAULT_DELETION_WINDOW_DAYS,
                policy: pulumi.jsonStringify(
                    pulumi.output(args.environment).apply(alertKeyPolicyDocument),
                ),
                tags: args.tags,
            },
            { parent: this, protect: encryption.protect ?? false },
        );
        const alias = new aws.kms.Alias(
            `${name}-key-alias`,
            { name: encryption.keyAlias, targetKeyId: key.keyId },
            { parent: this, protect: encryption.protect ?? false },
        );
        return { key, alias };
    }
}
