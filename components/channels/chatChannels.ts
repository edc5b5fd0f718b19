import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "../shared";
import { ChannelTopic } from "./channelTopic";
import type { ChatConfigurationPlan } from "./chatNames";
import { chatbotServiceLinkedRoleArn, chatGuardrailPolicy, chatRoleTrustPolicy } from "./policies";

export interface ChatChannelsArgs {
    /** One configuration each, from `planChatConfigurations`. A plain list: it decides which exist. Required. */
    readonly configurations: readonly ChatConfigurationPlan[];
    /**
     * Region whose Amazon Q Developer API creates the configurations, from `chatApiRegion`, when
     * not the provider's. Default: the provider's.
     */
    readonly apiRegion?: string;
    /** ARNs of the EventBridge rules that may publish to the chat topic. Required. */
    readonly eventRuleArns: pulumi.Input<readonly string[]>;
    /** Account, partition and region of the stack. Required. */
    readonly environment: pulumi.Input<AwsEnvironment>;
    /**
     * The key of the alert topic, as the topics name it (its alias). Default: the chat topic is
     * not encrypted.
     */
    readonly keyId?: pulumi.Input<string>;
    /** Tags for every taggable resource. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** A chat configuration as the stack outputs show it: which channel, by which configuration. */
export interface ChatChannelOutput {
    /** `slack` or `teams`. */
    readonly platform: string;
    /** The Slack workspace or Microsoft Teams team. */
    readonly workspaceOrTeamId: string;
    readonly channelId: string;
    readonly configurationName: string;
    readonly configurationArn: string;
}

/**
 * Slack channels and Microsoft Teams channels that get every alert through Amazon Q Developer in
 * chat applications: one topic of custom notifications they all subscribe to, one role without
 * permissions, one guardrail, and one configuration per channel, which requires user roles.
 */
export class ChatChannels extends pulumi.ComponentResource {
    public readonly topicArn: pulumi.Output<string>;
    public readonly topicName: pulumi.Output<string>;
    public readonly configurations: pulumi.Output<ChatChannelOutput[]>;

    constructor(name: string, args: ChatChannelsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kms-monitoring:channels:ChatChannels", name, {}, opts);

        const topic = new ChannelTopic(
            `${name}-topic`,
            {
                eventRuleArns: args.eventRuleArns,
                environment: args.environment,
                keyId: args.keyId,
                subscriberArns: pulumi
                    .output(args.environment)
                    .apply((env) => [chatbotServiceLinkedRoleArn(env)]),
                tags: args.tags,
            },
            { parent: this },
        );
        const { role, guardrail } = this.createRoleAndGuardrail(name, args);
        const common = {
            iamRoleArn: role.arn,
            snsTopicArns: [topic.topicArn],
            // Never the provider's default, AdministratorAccess.
            guardrailPolicyArns: [guardrail.arn],
            // A command from the channel runs with the member's own role, mapped in the Amazon Q
            // Developer console ("User roles require channel members to choose their own roles",
            // Administrator Guide, "Understanding permissions"), never with the channel role:
            // being in the channel gives nobody access to the account (UserRoleRequired).
            userAuthorizationRequired: true,
            loggingLevel: "ERROR",
            region: args.apiRegion,
            tags: args.tags,
        };
        this.configurations = pulumi.all(
            args.configurations.map((plan) => this.configure(name, plan, common)),
        );
        this.topicArn = topic.topicArn;
        this.topicName = topic.topicName;
        this.registerOutputs({
            topicArn: this.topicArn,
            topicName: this.topicName,
            configurations: this.configurations,
        });
    }

    /** The channel role, without permissions, and the guardrail of every configuration. */
    private createRoleAndGuardrail(name: string, args: ChatChannelsArgs) {
        // Named read-cloudwatch since the role carried it too; now the guardrail alone.
        const guardrail = new aws.iam.Policy(
            `${name}-read-cloudwatch`,
            {
                description:
                    "kms-monitoring chat channels: every configuration's guardrail, the most a " +
                    "command from the channel may do: read CloudWatch, nothing else",
                policy: pulumi.jsonStringify(chatGuardrailPolicy()),
                tags: args.tags,
            },
            { parent: this },
        );
        // No permission at all. Amazon Q Developer assumes the channel role "to get necessary
        // information", e.g. "for an Amazon CloudWatch alarm notification, ... the metric graphic
        // image" (Administrator Guide, "IAM resource-level permissions"); the stack sends only
        // custom notifications, which carry all they show, so the role has nothing to fetch.
        // IamRoleArn is required all the same (AWS::Chatbot::SlackChannelConfiguration).
        const role = new aws.iam.Role(
            `${name}-role`,
            {
                description:
                    "Amazon Q Developer in chat applications, for the kms-monitoring alerts: no " +
                    "permissions, custom notifications need none",
                assumeRolePolicy: pulumi.jsonStringify(chatRoleTrustPolicy()),
                tags: args.tags,
            },
            { parent: this },
        );
        return { role, guardrail };
    }

    /**
     * One configuration. A configuration cannot be renamed in place (CloudFormation marks
     * ConfigurationName as replacing; terraform-provider-aws#38956, #43995), so a new name replaces
     * it; the old one goes first, because a second configuration of a Teams team makes the provider
     * time out (terraform-provider-aws#38943, #45081).
     */
    private configure(
        name: string,
        plan: ChatConfigurationPlan,
        common: Omit<
            aws.chatbot.SlackChannelConfigurationArgs,
            "slackChannelId" | "slackTeamId" | "configurationName"
        >,
    ): pulumi.Output<ChatChannelOutput> {
        const opts: pulumi.CustomResourceOptions = {
            parent: this,
            replaceOnChanges: ["configurationName"],
            deleteBeforeReplace: true,
        };
        const channel = plan.channel;
        const configuration =
            channel.platform === "slack"
                ? new aws.chatbot.SlackChannelConfiguration(
                      `${name}-${plan.key}`,
                      {
                          ...common,
                          configurationName: plan.configurationName,
                          slackTeamId: channel.workspaceId,
                          slackChannelId: channel.channelId,
                      },
                      opts,
                  )
                : new aws.chatbot.TeamsChannelConfiguration(
                      `${name}-${plan.key}`,
                      {
                          ...common,
                          configurationName: plan.configurationName,
                          tenantId: channel.tenantId,
                          teamId: channel.teamId,
                          channelId: channel.channelId,
                      },
                      opts,
                  );
        return configuration.chatConfigurationArn.apply((configurationArn) => ({
            platform: channel.platform,
            workspaceOrTeamId: channel.platform === "slack" ? channel.workspaceId : channel.teamId,
            channelId: channel.channelId,
            configurationName: plan.configurationName,
            configurationArn,
        }));
    }
}
