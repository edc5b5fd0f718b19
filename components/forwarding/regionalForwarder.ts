import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DeadLetterQueue, DeliveryAlarms } from "../delivery";
import { AwsEnvironment, eventRuleArn, inRegion } from "../shared";
import { ForwardingPlan, ForwardingRuleSpec } from "./forwardingPlan";

export interface RegionalForwarderArgs {
    /** The region whose default bus the rules are on. Required. */
    readonly region: string;
    /**
     * The rules, and whether there is a queue and alarms, from `forwardingPlan`. A plain value: it
     * decides which resources exist. Required.
     */
    readonly plan: ForwardingPlan;
    /** ARN of the bus every rule targets: the home region's default bus. Required. */
    readonly destinationBusArn: pulumi.Input<string>;
    /** Role EventBridge assumes to put events on that bus. Required. */
    readonly roleArn: pulumi.Input<string>;
    /** Account and partition of the stack (the region is `region`). Required. */
    readonly environment: pulumi.Input<AwsEnvironment>;
    /** Prefix of the alarm names, e.g. `kms-monitoring-dev`. Required. */
    readonly alarmNamePrefix: string;
    /** Tags for every taggable resource. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * The forwarding rules of one region, each targeting the home bus directly with the forwarding
 * role, the heartbeat, the region's own dead-letter queue and the alarms on them.
 */
export class RegionalForwarder extends pulumi.ComponentResource {
    public readonly ruleNames: pulumi.Output<string[]>;
    public readonly deadLetterQueueUrl?: pulumi.Output<string>;
    public readonly deadLetterQueueName?: pulumi.Output<string>;
    public readonly deadLetterQueueArn?: pulumi.Output<string>;
    public readonly alarmNames: pulumi.Output<string[]>;
    public readonly alarmArns: pulumi.Output<string[]>;

    constructor(name: string, args: RegionalForwarderArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:forwarding:RegionalForwarder", name, {}, opts);

        const ruleNames = args.plan.rules.map((rule) => rule.ruleName);
        // A dead-letter queue must be in the region of its rule (EventBridge User Guide, eb-rule-dlq).
        const deadLetters = args.plan.deadLetterQueue
            ? new DeadLetterQueue(
                  `${name}-dead-letters`,
                  {
                      region: args.region,
                      environment: args.environment,
                      eventRuleArns: pulumi
                          .output(args.environment)
                          .apply((env) =>
                              ruleNames.map((ruleName) =>
                                  eventRuleArn(inRegion(env, args.region), ruleName),
                              ),
                          ),
                      tags: args.tags,
                  },
                  { parent: this },
              )
            : undefined;

        const rules = args.plan.rules.map((spec) =>
            this.forwardingRule(name, spec, args, deadLetters?.queueArn),
        );

        const alarms = args.plan.selfMonitoring
            ? new DeliveryAlarms(
                  `${name}-delivery`,
                  {
                      forwardingRuleNames: ruleNames,
                      deadLetterQueueName: deadLetters?.queueName,
                      alarmNamePrefix: args.alarmNamePrefix,
                      region: args.region,
                      tags: args.tags,
                  },
                  { parent: this },
              )
            : undefined;

        this.ruleNames = pulumi.all(rules.map((rule) => rule.name));
        this.deadLetterQueueUrl = deadLetters?.queueUrl;
        this.deadLetterQueueName = deadLetters?.queueName;
        this.deadLetterQueueArn = deadLetters?.queueArn;
        this.alarmNames = alarms?.alarmNames ?? pulumi.output([]);
        this.alarmArns = alarms?.alarmArns ?? pulumi.output([]);
        this.registerOutputs({
            ruleNames: this.ruleNames,
            deadLetterQueueUrl: this.deadLetterQueueUrl,
            deadLetterQueueName: this.deadLetterQueueName,
            deadLetterQueueArn: this.deadLetterQueueArn,
            alarmNames: this.alarmNames,
            alarmArns: this.alarmArns,
        });
    }

    /** One rule on the region's default bus whose one target is the destination bus. */
    private forwardingRule(
        name: string,
        spec: ForwardingRuleSpec,
        args: RegionalForwarderArgs,
        deadLetterQueueArn: pulumi.Output<string> | undefined,
    ): aws.cloudwatch.EventRule {
        const rule = new aws.cloudwatch.EventRule(
            `${name}-${spec.role}`,
            {
                name: spec.ruleName,
                description: spec.description,
                eventPattern:
                    spec.eventPattern === undefined
                        ? undefined
                        : pulumi.jsonStringify(spec.eventPattern),
                scheduleExpression: spec.scheduleExpression,
                state: spec.state,
                region: args.region,
                tags: args.tags,
            },
            { parent: this },
        );
        // The event goes as it is: no input transformer, so the home rules see the original event
        // with its own region and account. No retry policy either: CDK documents it as not supported
        // for event-bus targets and the API reference is silent, so the default applies (24 hours,
        // 185 attempts: EventBridge User Guide, eb-rule-retry-policy), then the dead-letter queue.
        new aws.cloudwatch.EventTarget(
            `${name}-${spec.role}-target`,
            {
                rule: rule.name,
                arn: args.destinationBusArn,
                roleArn: args.roleArn,
                deadLetterConfig:
                    deadLetterQueueArn === undefined ? undefined : { arn: deadLetterQueueArn },
                region: args.region,
            },
            { parent: this },
        );
        return rule;
    }
}
