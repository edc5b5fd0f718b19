import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, StackConfig } from "../../components/config";
import { valueOf } from "../harness";

const NOW = new Date("2026-11-28T12:00:00Z");
const CONTEXT = { project: "kms-monitoring", stack: "dev", now: NOW, homeRegion: "eu-west-1" };
const ROUTING_KEY = "R0123456789ABCDEFGHIJKLMNOPQRSTU";
const WEBHOOK = "https://hooks.example.com/kms?token=s3cr3t-t0ken";
const SLACK = { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" };
const TEAMS = {
    tenantId: "00000000-0000-0000-0000-000000000001",
    teamId: "00000000-0000-0000-0000-000000000002",
    channelId: "19%3Aabc123%40thread.tacv2",
};

/** As the CLI passes them: structured values as JSON, plain strings as they are. */
function parse(raw: Record<string, unknown>, ctx = CONTEXT): StackConfig {
    return parseStackConfig(
        Object.fromEntries(
            Object.entries(raw).map(([key, value]) => [
                key,
                typeof value === "string" ? value : JSON.stringify(value),
            ]),
        ),
        ctx,
    );
}

function problems(raw: Record<string, unknown>, ctx = CONTEXT): string {
    try {
        parse(raw, ctx);
    } catch (error) {
        assert.ok(error instanceof pulumi.RunError);
        return error.message;
    }
    assert.fail(`config was accepted: ${JSON.stringify(raw)}`);
}

describe("channel config", () => {
    it("has no channel by default", () => {
        const config = parse({});
        assert.equal(config.chat, undefined);
        assert.equal(config.pagerDutyRoutingKey, undefined);
        assert.deepEqual(config.webhooks, []);
    });

    it("reads Slack and Teams channels, and wraps the routing key and webhooks as secrets", async () => {
        const config = parse({
            chat: { slack: [SLACK], teams: [TEAMS] },
            pagerDutyRoutingKey: ROUTING_KEY,
            webhooks: [WEBHOOK],
        });
        assert.deepEqual(config.chat, { slack: [SLACK], teams: [TEAMS] });
        assert.ok(config.pagerDutyRoutingKey);
        assert.equal(await pulumi.isSecret(config.pagerDutyRoutingKey), true);
        assert.equal(await valueOf(config.pagerDutyRoutingKey), ROUTING_KEY);
        assert.equal(config.webhooks.length, 1);
        assert.equal(await pulumi.isSecret(config.webhooks[0]), true);
        assert.equal(await valueOf(config.webhooks[0]), WEBHOOK);
    });

    it("keeps a routing key of digits a string", async () => {
        const digits = "12345678901234567890123456789012";
        const config = parse({ pagerDutyRoutingKey: digits });
        assert.equal(await valueOf(config.pagerDutyRoutingKey), digits);
    });

    it("refuses http:// and other non-https webhooks without showing them", () => {
        const plain = "http://hooks.example.com/kms?token=plain-s3cret";
        const message = problems({ webhooks: [WEBHOOK, plain, "ftp://x.example.com/s3cret", 7] });
        assert.match(message, /kms-monitoring:webhooks\[1\]: must be an https:\/\/ URL/);
        assert.match(message, /kms-monitoring:webhooks\[2\]: must be an https:\/\/ URL/);
        assert.match(message, /kms-monitoring:webhooks\[3\]: must be a string/);
        for (const secret of [plain, "s3cret", WEBHOOK, "token"]) {
            assert.ok(!message.includes(secret), `${secret} is not shown`);
        }
    });

    it("refuses webhooks that are not a list, without showing them", () => {
        const message = problems({ webhooks: WEBHOOK });
        assert.match(message, /kms-monitoring:webhooks: must be a list of https:\/\/ URLs\n/);
        assert.ok(!message.includes("s3cr3t"));
    });

    it("refuses a webhook listed twice without showing it", () => {
        const message = problems({ webhooks: [WEBHOOK, WEBHOOK] });
        assert.match(message, /kms-monitoring:webhooks\[1\]: is listed twice/);
        assert.ok(!message.includes("s3cr3t"));
    });

    it("refuses a malformed routing key without showing it", () => {
        for (const bad of [
            "too-short-key",
            `${ROUTING_KEY}X`,
            "R0123456789ABCDEFGHIJKLMNOPQRST!",
        ]) {
            const message = problems({ pagerDutyRoutingKey: bad });
            assert.match(
                message,
                /kms-monitoring:pagerDutyRoutingKey: is not a PagerDuty integration key: expected the 32 letters and digits/,
            );
            assert.ok(!message.includes(bad));
        }
    });

    it("refuses bad Slack IDs, naming the value and the expected shape", () => {
        const message = problems({
            chat: { slack: [{ workspaceId: "t07ea123lep", channelId: "#security" }] },
        });
        assert.match(
            message,
            /kms-monitoring:chat\.slack\[0\]\.workspaceId: must be the Slack workspace ID .* 1 to 255 of 0-9 A-Z, e\.g\. T07EA123LEP \(got "t07ea123lep"\)/,
        );
        assert.match(
            message,
            /kms-monitoring:chat\.slack\[0\]\.channelId: must be a Slack channel ID.*e\.g\. C07EZ1ABC23 \(got "#security"\)/,
        );
    });

    it("refuses bad Teams IDs, and explains a channel ID that is not URL-encoded", () => {
        const message = problems({
            chat: {
                teams: [
                    {
                        tenantId: "contoso",
                        teamId: "00000000-0000-0000-0000-00000000000Z",
                        channelId: "19:abc123@thread.tacv2",
                    },
                    { ...TEAMS, teamId: TEAMS.tenantId, channelId: "general" },
                ],
            },
        });
        assert.match(
            message,
            /chat\.teams\[0\]\.tenantId: must be the Microsoft Teams tenant ID .*a UUID/,
        );
        assert.match(message, /chat\.teams\[0\]\.teamId: must be the Microsoft Teams team ID/);
        assert.match(
            message,
            /chat\.teams\[0\]\.channelId: is not URL-encoded; .*%3A for : and %40 for @.* \(got "19:abc123@thread\.tacv2"\)/,
        );
        assert.match(message, /chat\.teams\[1\]\.channelId: is not a Microsoft Teams channel ID/);
    });

    it("refuses chat settings of the wrong shape", () => {
        assert.match(
            problems({ chat: [SLACK] }),
            /kms-monitoring:chat: must be an object with slack and\/or teams \(got \[/,
        );
        const message = problems({ chat: { slack: SLACK, teams: ["general"] } });
        assert.match(
            message,
            /kms-monitoring:chat\.slack: must be a list of \{ workspaceId, channelId \} \(got \{/,
        );
        assert.match(
            message,
            /kms-monitoring:chat\.teams\[0\]: must be an object with tenantId, teamId and channelId \(got "general"\)/,
        );
        assert.match(
            problems({ chat: { slack: ["C07EZ1ABC23"], teams: TEAMS } }),
            /kms-monitoring:chat\.slack\[0\]: must be an object with workspaceId and channelId \(got "C07EZ1ABC23"\)[\s\S]*kms-monitoring:chat\.teams: must be a list of \{ tenantId, teamId, channelId \}/,
        );
    });

    it("refuses a Slack channel whose configuration name would pass Amazon Q Developer's 128 characters", () => {
        // kms-monitoring-dev-slack-<workspace>-<channel>: 25 + 90 + 1 + 13 = 129 characters.
        const workspaceId = `T${"0".repeat(89)}`;
        const channelId = "C07EZ1ABC23XY";
        assert.match(
            problems({ chat: { slack: [{ workspaceId, channelId }] } }),
            /kms-monitoring:chat\.slack\[0\]: makes the configuration name 129 characters, over Amazon Q Developer's 128; use a shorter project or stack name/,
        );
        const fits = { workspaceId: workspaceId.slice(1), channelId };
        assert.deepEqual(parse({ chat: { slack: [fits] } }).chat?.slack, [fits]);
    });

    it("refuses unknown chat settings with a hint", () => {
        assert.match(
            problems({ chat: { slak: [SLACK] } }),
            /kms-monitoring:chat\.slak: is not a known setting; did you mean "slack"\?/,
        );
    });

    it("refuses a channel listed twice", () => {
        const message = problems({ chat: { slack: [SLACK, SLACK], teams: [TEAMS, TEAMS] } });
        assert.match(message, /kms-monitoring:chat\.slack\[1\]\.channelId: is also the channel of/);
        assert.match(message, /kms-monitoring:chat\.teams\[1\]: is listed twice/);
    });

    it("refuses a Slack channel ID twice, naming both keys and Amazon Q Developer's one configuration per channel", () => {
        const other = { workspaceId: "T0OTHERWS12", channelId: "C0SECOND123" };
        const message = problems({
            chat: { slack: [SLACK, other, { ...SLACK, workspaceId: "T0OTHERWS12" }] },
        });
        const lines = message.split("\n").filter((line) => line.includes("chat.slack"));
        assert.deepEqual(lines, [
            "  - kms-monitoring:chat.slack[2].channelId: is also the channel of " +
                "kms-monitoring:chat.slack[0]: Amazon Q Developer takes one configuration per Slack " +
                'channel in an AWS account, and a second fails with "Slack channel with ID ... has ' +
                'already been configured" (cloudformation-coverage-roadmap#1155); list each channel ' +
                "once. The same holds for a channel another stack or the console already configures " +
                'in this account (got "C07EZ1ABC23")',
        ]);
    });

    it("refuses a second channel of the same Teams team, which the AWS provider cannot manage", () => {
        const message = problems({
            chat: { teams: [TEAMS, { ...TEAMS, channelId: "19%3Aother%40thread.tacv2" }] },
        });
        assert.match(
            message,
            /kms-monitoring:chat\.teams\[1\]\.teamId: already has a channel above; .*terraform-provider-aws#38943, #45081\): keep one channel per team/,
        );
    });

    it("refuses chat where the Amazon Q Developer API does not run", () => {
        const message = problems(
            { chat: { slack: [SLACK] } },
            { ...CONTEXT, homeRegion: "us-gov-west-1" },
        );
        assert.match(
            message,
            /kms-monitoring:chat: cannot be used from us-gov-west-1: the Amazon Q Developer in chat applications API runs only in us-east-2, us-west-2, ap-southeast-1 and eu-west-1/,
        );
    });

    it("accepts chat from a home region without the API: the configurations use us-east-2's", () => {
        assert.ok(parse({ chat: { slack: [SLACK] } }, { ...CONTEXT, homeRegion: "eu-central-1" }));
    });

    it("refuses a project and stack name that make a channel rule name too long", () => {
        const message = problems(
            { pagerDutyRoutingKey: ROUTING_KEY },
            {
                ...CONTEXT,
                project: "kms-monitoring-for-the-payments-platform",
                stack: "production-eu",
            },
        );
        assert.match(
            message,
            /kms-monitoring-for-the-payments-platform:pagerDutyRoutingKey: makes the channel rule name ".*-pagerduty-pending-deletion-use" longer than 64 characters/,
        );

        assert.ok(!message.includes(ROUTING_KEY));
    });
});
