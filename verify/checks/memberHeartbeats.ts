import {
    GetQueryResultsCommand,
    GetQueryResultsCommandOutput,
    StartQueryCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import type { VerificationOrganization } from "../../components/stack";
import { attempt, fail, pass, VerifyContext, warn } from "../context";

/**
 * Part of check 9: which member account and region stopped sending heartbeats. Every heartbeat is
 * kept in the member heartbeats' log group, with `account` and `region` as fields of the event, so
 * one Logs Insights query gives the last heartbeat of each (StartQuery, then GetQueryResults until
 * the query is Complete: CloudWatch Logs API reference).
 */

const FRESH_MS = 15 * 60_000;
const LOOK_BACK_MS = 24 * 3_600_000;
const POLL_MS = 1_000;
const MAX_POLLS = 60;

const LAST_HEARTBEATS_QUERY =
    "fields account, region | stats max(@timestamp) as lastHeartbeat by account, region | limit 10000";

/** Logs Insights writes timestamps as `2026-11-28 12:00:00.000`, in UTC. */
const parseLogsTime = (text: string): number => Date.parse(`${text.replace(" ", "T")}Z`);

async function lastHeartbeats(
    ctx: VerifyContext,
    logGroupName: string,
): Promise<Map<string, number> | "timeout"> {
    const client = ctx.aws.logs(ctx.expected.homeRegion);
    const end = ctx.now();
    const started = await client.send(
        new StartQueryCommand({
            logGroupName,
            startTime: Math.floor((end - LOOK_BACK_MS) / 1000),
            endTime: Math.ceil(end / 1000),
            queryString: LAST_HEARTBEATS_QUERY,
        }),
    );
    let results: GetQueryResultsCommandOutput | undefined;
    for (let poll = 0; poll < MAX_POLLS; poll++) {
        results = await client.send(new GetQueryResultsCommand({ queryId: started.queryId }));
        if (!["Scheduled", "Running"].includes(results.status ?? "")) break;
        await ctx.sleep(POLL_MS);
    }
    if (results?.status !== "Complete") {
        return "timeout";
    }
    const last = new Map<string, number>();
    for (const row of results.results ?? []) {
        const field = (name: string) => row.find((cell) => cell.field === name)?.value ?? "";
        last.set(`${field("account")} ${field("region")}`, parseLogsTime(field("lastHeartbeat")));
    }
    return last;
}

export async function checkMemberHeartbeats(
    ctx: VerifyContext,
    organization: VerificationOrganization,
    accounts: readonly string[],
): Promise<void> {
    const { logGroupName } = organization.memberHeartbeats;
    const subject = {
        id: "member-heartbeat",
        region: ctx.expected.homeRegion,
        resource: logGroupName,
    };
    ctx.report.progress("member heartbeats...");
    const last = await attempt(ctx, subject, "logs", () => lastHeartbeats(ctx, logGroupName));
    if (last === undefined) return;
    if (last === "timeout") {
        warn(
            ctx,
            subject,
            "the Logs Insights query did not finish within a minute",
            `run the saved query on ${logGroupName} by hand`,
        );
        return;
    }
    const now = ctx.now();
    let fresh = 0;
    for (const account of accounts) {
        for (const region of organization.regions) {
            const at = last.get(`${account} ${region}`);
            const member = { ...subject, region, resource: `account ${account}` };
            if (at !== undefined && now - at <= FRESH_MS) {
                fresh++;
            } else if (at !== undefined) {
                fail(
                    ctx,
                    member,
                    `heartbeats stopped: the last arrived at ${new Date(at).toISOString()}`,
                    `check that account's ${organization.stackSetName} instance in ${region}, ` +
                        `its forwarding rules and role, and the bus policy of ${organization.busName}`,
                );
            } else {
                fail(
                    ctx,
                    member,
                    "no heartbeat in 24 hours: its KMS events do not reach this account",
                    `check that account's ${organization.stackSetName} instance in ` +
                        `${region} (stackset-instance above), its forwarding rules and role`,
                );
            }
        }
    }
    if (fresh > 0) {
        pass(
            ctx,
            subject,
            `${fresh} member account-region pair(s) sent a heartbeat in the last 15 minutes`,
        );
    }
}
