import * as pulumi from "@pulumi/pulumi";
import { keyLifecycleEventPattern } from "./eventPatterns";
import { keyLifecycleAlertTransformer } from "./alertMessages";
import { AlertDeliveryArgs, createTopicRule } from "./topicRule";

export interface KeyLifecycleEventsArgs extends AlertDeliveryArgs {
    /** Physical name of the rule. Required. */
    readonly ruleName: string;
}

/**
 * One rule on the events KMS sends itself: imported material expired, key rotated, key deleted.
 * They do not come through CloudTrail, so the plain ENABLED state receives them.
 */
export class KeyLifecycleEvents extends pulumi.ComponentResource {
    public readonly ruleName: pulumi.Output<string>;
    public readonly ruleArn: pulumi.Output<string>;

    constructor(
        name: string,
        args: KeyLifecycleEventsArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("kms-monitoring:alerts:KeyLifecycleEvents", name, {}, opts);

        const rule = createTopicRule(
            this,
            name,
            {
                ruleName: args.ruleName,
                description: "KMS key events: imported key material expiration, rotation, deletion",
                eventPattern: keyLifecycleEventPattern(),
                kind: "key-lifecycle",
                state: "ENABLED",
                inputTransformer:
                    (args.readableAlerts ?? true) ? keyLifecycleAlertTransformer() : undefined,
            },
            args,
        );

        this.ruleName = rule.name;
        this.ruleArn = rule.arn;
        this.registerOutputs({ ruleName: this.ruleName, ruleArn: this.ruleArn });
    }
}
