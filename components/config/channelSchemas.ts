import { z } from "zod";

/**
 * Amazon Q Developer in chat applications API reference (CreateSlackChannelConfiguration,
 * CreateMicrosoftTeamsChannelConfiguration): SlackTeamId `^[0-9A-Z]{1,255}$`, SlackChannelId
 * `^[A-Za-z0-9]+$` (1-255), TeamId and TenantId UUIDs, and a Teams ChannelId that is URL-encoded:
 * `%3A` for the colon, `%40` for the at sign (1-255).
 */
export const SLACK_WORKSPACE_ID = /^[0-9A-Z]{1,255}$/;
export const SLACK_CHANNEL_ID = /^[A-Za-z0-9]{1,255}$/;
export const UUID = /^[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$/;
export const TEAMS_CHANNEL_ID =
    /^(?=.{1,255}$)[a-zA-Z0-9\-_=+/.,]*%3[aA][a-zA-Z0-9\-_=+/.,]*%40[a-zA-Z0-9\-_=+/.,]*$/;
/** PagerDuty Events API v2, "Send an Alert Event": routing_key "is the 32 character Integration Key". */
export const PAGERDUTY_ROUTING_KEY = /^[A-Za-z0-9]{32}$/;

function uuid(what: string) {
    return z.string({ error: "must be a string" }).regex(UUID, {
        error:
            `must be the Microsoft Teams ${what} ID Amazon Q Developer shows once the team is ` +
            "authorized: a UUID, e.g. 00000000-0000-0000-0000-000000000000",
    });
}

function teamsChannelId() {
    return z.string({ error: "must be a string" }).superRefine((value, issue) => {
        if (TEAMS_CHANNEL_ID.test(value)) {
            return;
        }
        issue.addIssue({
            code: "custom",
            message: /[:@]/.test(value)
                ? "is not URL-encoded; copy it as Teams does (Get link to channel), with %3A " +
                  "for : and %40 for @, e.g. 19%3Aabc123%40thread.tacv2"
                : "is not a Microsoft Teams channel ID; expected the URL-encoded ID from Teams' " +
                  "Get link to channel, e.g. 19%3Aabc123%40thread.tacv2",
        });
    });
}

/** `chat`: the Slack and Teams channels Amazon Q Developer sends every alert to. */
export function chatSchema() {
    return z.strictObject(
        {
            slack: z
                .array(
                    z.strictObject(
                        {
                            workspaceId: z
                                .string({ error: "must be a string" })
                                .regex(SLACK_WORKSPACE_ID, {
                                    error:
                                        "must be the Slack workspace ID Amazon Q Developer shows " +
                                        "once the workspace is authorized: 1 to 255 of 0-9 A-Z, " +
                                        "e.g. T07EA123LEP",
                                }),
                            channelId: z
                                .string({ error: "must be a string" })
                                .regex(SLACK_CHANNEL_ID, {
                                    error:
                                        "must be a Slack channel ID, the end of the channel's " +
                                        "Copy link: letters and digits, e.g. C07EZ1ABC23",
                                }),
                        },
                        { error: "must be an object with workspaceId and channelId" },
                    ),
                    { error: "must be a list of { workspaceId, channelId }" },
                )
                .default([]),
            teams: z
                .array(
                    z.strictObject(
                        {
                            tenantId: uuid("tenant"),
                            teamId: uuid("team"),
                            channelId: teamsChannelId(),
                        },
                        { error: "must be an object with tenantId, teamId and channelId" },
                    ),
                    { error: "must be a list of { tenantId, teamId, channelId }" },
                )
                .default([]),
        },
        { error: "must be an object with slack and/or teams" },
    );
}

/** `pagerDutyRoutingKey`: a secret; no message shows it. */
export function routingKeySchema() {
    return z.string({ error: "must be a string" }).regex(PAGERDUTY_ROUTING_KEY, {
        error:
            "is not a PagerDuty integration key: expected the 32 letters and digits of an " +
            "Events API v2 integration (Service, Integrations, Events API V2)",
    });
}

/** One `webhooks` entry: a secret; no message shows it. */
function webhookSchema() {
    return z.string({ error: "must be a string" }).superRefine((value, issue) => {
        let url: URL | undefined;
        try {
            url = new URL(value);
        } catch {
            url = undefined;
        }
        if (url === undefined || url.protocol !== "https:" || url.hostname === "") {
            issue.addIssue({
                code: "custom",
                message:
                    "must be an https:// URL; SNS would send the alerts in the clear to an " +
                    "http:// endpoint, and refuses anything else",
            });
        }
    });
}

export function webhooksSchema() {
    return z.array(webhookSchema(), { error: "must be a list of https:// URLs" }).default([]);
}
