import * as pulumi from "@pulumi/pulumi";
import { keyLifecycleEventPattern } from "./eventPatterns";
import { keyLifecycleAlertTransformer } from "./alertMessages";
import { createTopicRule } from "./topicRule";

export interface KeyLifecycleEventsArgs {
    /** Physical name of the rule. Required. */
    readonly ruleName: string;
    /** ARN of the SNS topic the rule targets. Required. */
    readonly topicArn: pulumi.Input<string>;
    /** Email a short readable text instead of the raw event JSON. Default: true. */
    readonly readableAlerts?: boolean;
    /** SQS queue for events that could not be delivered to the topic. Default: none. */
    readonly deadLetterQueueArn?: pulumi.Input<string>;
    /** The bus the rule is on: the organization bus for member accounts' events. Default: the default bus. */
    readonly eventBusName?: pulumi.Input<string>;
    /** Tags for the rule. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * One rule on the events KMS sends itself: imported material expired, key rotated, key deleted.
 * They do not come through CloudTrail, so the plain ENABLED state receives them.
 */
export class KeyLifecycleEvents extends pulumi.ComponentResource {
    public readonly ruleName: pulumi.Output<string>;
    public readonly ruleArn: pulumi.Output<string>;

    constructor(name: string, args: KeyLifecycleEventsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:alerts:KeyLifecycleEvents", name, {}, opts);

        const rule = createTopicRule(
            this,
            name,
            {
                ruleName: args.ruleName,
                description: "KMS key events: imported key material expiration, rotation, deletion",
                eventPattern: keyLifecycleEventPattern(),
                state: "ENABLED",
                inputTransformer: (args.readableAlerts ?? true) ? keyLifecycleAlertTransformer() : undefined,
            },
            { topicArn: args.topicArn, deadLetterQueueArn: args.deadLetterQueueArn, eventBusName: args.eventBusName, tags: args.tags },
        );

        this.ruleName = rule.name;
        this.ruleArn = rule.arn;
        this.registerOutputs({ ruleName: this.ruleName, ruleArn: this.ruleArn });
    }
}
