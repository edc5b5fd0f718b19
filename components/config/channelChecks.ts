import {
    CHAT_API_REGIONS,
    chatConfigurationName,
    CONFIGURATION_NAME_MAX,
    LONGEST_CHANNEL_RULE_ROLE,
    slackConfigurationKey,
} from "../channels";
import { EVENT_RULE_NAME_MAX, eventRuleName, partitionOfRegion } from "../shared";
import { duplicates, listedTwice, stringsAt } from "./inputValues";
import { configKeyPath } from "./messages";
import { stackNamePrefix } from "./primitives";
import { ParseContext, Problem } from "./types";

type Entry = Record<string, unknown>;

function entriesAt(input: Record<string, unknown>, list: "slack" | "teams"): Entry[] {
    const chat = input.chat;
    const entries =
        typeof chat === "object" && chat !== null ? (chat as Record<string, unknown>)[list] : [];
    return Array.isArray(entries)
        ? entries.map((entry) => (typeof entry === "object" && entry !== null ? entry : {}))
        : [];
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** The entry's fields joined, or undefined when one is not a string (its own check reports it). */
function joined(entry: Entry, fields: readonly string[]): string | undefined {
    const values = fields.map((name) => text(entry[name]));
    return values.every((value) => value !== undefined) ? values.join("/") : undefined;
}

/**
 * A Slack channel listed twice. Amazon Q Developer takes one configuration per Slack channel in an
 * AWS account; a second fails with "Slack channel with ID ... in Slack team ... has already been
 * configured for AWS account ..." (InvalidRequestException; aws-cloudformation/
 * cloudformation-coverage-roadmap#1155: "there is no way of creating multiple
 * SlackChannelConfiguration for the same channel id"). The config sees its own list only: a
 * configuration of the channel made by another stack or in the console fails the same way at
 * `pulumi up`, which the message says too. A channel ID is Slack's own, so the same ID under
 * another workspace ID is refused as well.
 */
function sameSlackChannel(slack: Entry[], ctx: ParseContext): Problem[] {
    const channels = slack.map((entry) => text(entry.channelId));
    return duplicates(channels).map((index) => {
        const first = channels.indexOf(channels[index]);
        return {
            path: ["chat", "slack", index, "channelId"],
            message:
                `is also the channel of ${configKeyPath(ctx.project, ["chat", "slack", first])}: ` +
                "Amazon Q Developer takes one configuration per Slack channel in an AWS account, " +
                'and a second fails with "Slack channel with ID ... has already been configured" ' +
                "(cloudformation-coverage-roadmap#1155); list each channel once. The same holds for " +
                "a channel another stack or the console already configures in this account",
        };
    });
}

/** Slack channels listed twice, and configuration names over the API's limit. */
function slackProblems(input: Record<string, unknown>, ctx: ParseContext): Problem[] {
    const prefix = stackNamePrefix(ctx);
    const slack = entriesAt(input, "slack");
    const problems = sameSlackChannel(slack, ctx);
    slack.forEach((entry, index) => {
        const workspaceId = text(entry.workspaceId);
        const channelId = text(entry.channelId);
        if (workspaceId === undefined || channelId === undefined) {
            return;
        }
        const name = chatConfigurationName(
            prefix,
            slackConfigurationKey({ workspaceId, channelId }),
        );
        if (name.length > CONFIGURATION_NAME_MAX) {
            problems.push({
                path: ["chat", "slack", index],
                message:
                    `makes the configuration name ${name.length} characters, over Amazon Q ` +
                    `Developer's ${CONFIGURATION_NAME_MAX}; use a shorter project or stack name`,
            });
        }
    });
    return problems;
}

/**
 * Teams channels listed twice, and a second channel of the same team: the AWS provider finds a
 * Teams configuration by its team alone, so with two in one team it cannot create, read or
 * import either (terraform-provider-aws#38943, #45081; the fix, #47039, is not released).
 */
function teamsProblems(input: Record<string, unknown>): Problem[] {
    const teams = entriesAt(input, "teams");
    // UUIDs and %3A/%40 escapes may come in either case.
    const lower = (value: string) => value.toLowerCase();
    const problems = listedTwice(
        ["chat", "teams"],
        teams.map((entry) => joined(entry, ["tenantId", "teamId", "channelId"])),
        lower,
    );
    // The entries reported above: a second channel of a team is only told once.
    const repeated = problems.map((problem) => problem.path[2]);
    duplicates(
        teams.map((entry) => joined(entry, ["tenantId", "teamId"])),
        lower,
    )
        .filter((index) => !repeated.includes(index))
        .forEach((index) =>
            problems.push({
                path: ["chat", "teams", index, "teamId"],
                message:
                    "already has a channel above; the AWS provider cannot manage two Amazon Q " +
                    "Developer configurations in one Microsoft Team (terraform-provider-aws#38943, " +
                    "#45081): keep one channel per team",
            }),
        );
    return problems;
}

/** Checks across the channel keys and the rest of the config. */
export function channelProblems(input: Record<string, unknown>, ctx: ParseContext): Problem[] {
    const prefix = stackNamePrefix(ctx);
    const problems: Problem[] = [...slackProblems(input, ctx), ...teamsProblems(input)];
    problems.push(...listedTwice(["webhooks"], stringsAt(input, "webhooks")));
    const chat = entriesAt(input, "slack").length + entriesAt(input, "teams").length > 0;
    const home = ctx.homeRegion;
    if (chat && home !== undefined && partitionOfRegion(home) !== "aws") {
        problems.push({
            path: ["chat"],
            message:
                `cannot be used from ${home}: the Amazon Q Developer in chat applications API ` +
                `runs only in ${CHAT_API_REGIONS.slice(0, -1).join(", ")} and ` +
                `${CHAT_API_REGIONS[CHAT_API_REGIONS.length - 1]} (partition aws)`,
        });
    }
    const webhooks = stringsAt(input, "webhooks").length > 0;
    const pagerDuty = input.pagerDutyRoutingKey !== undefined;
    const longest = eventRuleName(prefix, LONGEST_CHANNEL_RULE_ROLE);
    if ((chat || webhooks || pagerDuty) && longest.length > EVENT_RULE_NAME_MAX) {
        problems.push({
            path: [chat ? "chat" : webhooks ? "webhooks" : "pagerDutyRoutingKey"],
            message:
                `makes the channel rule name "${longest}" longer than ${EVENT_RULE_NAME_MAX} ` +
                "characters; use a shorter project or stack name",
        });
    }
    return problems;
}
