import * as crypto from "crypto";

/**
 * The Regions where the Amazon Q Developer in chat applications API (still `chatbot`) runs (its API
 * Reference, "Welcome"; AWS General Reference, "AWS Chatbot endpoints"). A configuration is global
 * and may take SNS topics of any Region ("Regions and quotas": topics from several Regions in one
 * configuration), so it is created in one of these and subscribes to the home region's topic.
 */
export const CHAT_API_REGIONS: readonly string[] = [
    "us-east-2",
    "us-west-2",
    "ap-southeast-1",
    "eu-west-1",
];

/** US East (Ohio): the one Region whose console lists the configurations ("Welcome"). */
export const DEFAULT_CHAT_API_REGION = "us-east-2";

/** The home region when the API runs there, else US East (Ohio). */
export function chatApiRegion(homeRegion: string | undefined): string {
    return homeRegion !== undefined && CHAT_API_REGIONS.includes(homeRegion)
        ? homeRegion
        : DEFAULT_CHAT_API_REGION;
}

/** Chatbot API reference, ConfigurationName: `[A-Za-z0-9-_]+`, 1 to 128 characters. */
export const CONFIGURATION_NAME_MAX = 128;

export interface SlackChannel {
    readonly workspaceId: string;
    readonly channelId: string;
}

export interface TeamsChannel {
    readonly tenantId: string;
    readonly teamId: string;
    readonly channelId: string;
}

export type ChatChannel =
    | ({ readonly platform: "slack" } & SlackChannel)
    | ({ readonly platform: "teams" } & TeamsChannel);

/** One chat configuration, named after its channel so that a rename never happens in place. */
export interface ChatConfigurationPlan {
    readonly channel: ChatChannel;
    /** In the Pulumi name: changes exactly when the channel does. */
    readonly key: string;
    readonly configurationName: string;
}

export function slackConfigurationKey(channel: SlackChannel): string {
    return `slack-${channel.workspaceId}-${channel.channelId}`;
}

/**
 * A Teams configuration is named after its team, not its channel: a team has one configuration at
 * most (see channelChecks.ts), so moving it to another channel of the team updates it in place
 * instead of creating a second one beside it, which the provider cannot handle
 * (terraform-provider-aws#38943). The IDs are UUIDs, so the name carries a digest of them.
 */
export function teamsConfigurationKey(channel: Omit<TeamsChannel, "channelId">): string {
    const digest = crypto
        .createHash("sha256")
        .update(`${channel.tenantId.toLowerCase()}/${channel.teamId.toLowerCase()}`)
        .digest("hex")
        .slice(0, 12);
    return `teams-${digest}`;
}

/** `<namePrefix>-<key>`, with any character a configuration name may not hold (a dot) as `-`. */
export function chatConfigurationName(namePrefix: string, key: string): string {
    return `${namePrefix}-${key}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** One configuration per Slack and Teams channel, Slack first, each named after its channel. */
export function planChatConfigurations(
    namePrefix: string,
    slack: readonly SlackChannel[],
    teams: readonly TeamsChannel[],
): ChatConfigurationPlan[] {
    const channels: { channel: ChatChannel; key: string }[] = [
        ...slack.map((each) => ({
            channel: { platform: "slack" as const, ...each },
            key: slackConfigurationKey(each),
        })),
        ...teams.map((each) => ({
            channel: { platform: "teams" as const, ...each },
            key: teamsConfigurationKey(each),
        })),
    ];
    return channels.map(({ channel, key }) => ({
        channel,
        key,
        configurationName: chatConfigurationName(namePrefix, key),
    }));
}
