import type { VerificationHeartbeat } from "../../components/stack";
import { attempt, fail, pass, VerifyContext } from "../context";
import { MetricSpec, readSeries, ruleDimensions, Series } from "../metrics";

/**
 * Check 8: each other region's heartbeat arrived home in the last 15 minutes. The home rule that
 * keeps it has a target, so its Invocations are published per rule ("the number of times a target
 * is invoked by a rule in response to an event"), and only when not zero (EventBridge User Guide,
 * "Monitoring Amazon EventBridge"): no data in 15 minutes is silence. Looking back 14 days then
 * tells a path that stopped (when its last heartbeat arrived) from one that never worked.
 */

const WINDOW_MS = 15 * 60_000;
/** CloudWatch keeps one-hour data points for 455 days, one-minute ones for 15 (GetMetricData). */
const HISTORY_MS = 14 * 86_400_000;

const lastNonZero = (series: Series): number | undefined =>
    series.timestamps.filter((_, index) => series.values[index] > 0).sort((a, b) => b - a)[0];

function fixFor(heartbeat: VerificationHeartbeat): string {
    return (
        `in ${heartbeat.sourceRegion}, check that the heartbeat and forwarding rules are enabled, their ` +
        "FailedInvocations and dead-letter queue, and that the forwarding role may still events:PutEvents " +
        `on ${heartbeat.region}'s default bus (the rule, dead-letters and failed-invocations checks above)`
    );
}

export async function checkHeartbeats(ctx: VerifyContext): Promise<void> {
    const byRegion = new Map<string, VerificationHeartbeat[]>();
    ctx.expected.heartbeats.forEach((each) =>
        byRegion.set(each.region, [...(byRegion.get(each.region) ?? []), each]),
    );
    for (const [region, heartbeats] of byRegion) {
        ctx.report.progress(`heartbeats arriving in ${region}...`);
        const subject = { id: "heartbeat", region, resource: `${heartbeats.length} regions` };
        const specs: MetricSpec[] = heartbeats.map((heartbeat) => ({
            namespace: "AWS/Events",
            metricName: "Invocations",
            dimensions: ruleDimensions({ name: heartbeat.ruleName, busName: "default" }),
            stat: "Sum",
        }));
        const end = ctx.now();
        const recent = await attempt(ctx, subject, "cloudwatch", () =>
            readSeries(ctx, region, specs, { startMs: end - WINDOW_MS, endMs: end, period: 60 }),
        );
        const history = await attempt(ctx, subject, "cloudwatch", () =>
            readSeries(ctx, region, specs, { startMs: end - HISTORY_MS, endMs: end, period: 3600 }),
        );
        if (recent === undefined || history === undefined) continue;
        for (const [index, heartbeat] of heartbeats.entries()) {
            const at = { ...subject, resource: `heartbeat from ${heartbeat.sourceRegion}` };
            const arrived = lastNonZero(recent[index]);
            const lastHour = lastNonZero(history[index]);
            if (arrived !== undefined) {
                pass(
                    ctx,
                    at,
                    `arrived in the last 15 minutes (${new Date(arrived).toISOString()}): ` +
                        `forwarding from ${heartbeat.sourceRegion} works`,
                );
            } else if (lastHour !== undefined) {
                // The hour is known; its minutes tell when exactly the last one came.
                const minutes = await attempt(ctx, at, "cloudwatch", () =>
                    readSeries(ctx, region, [specs[index]], {
                        startMs: lastHour,
                        endMs: lastHour + 3_600_000,
                        period: 60,
                    }),
                );
                const last = (minutes && lastNonZero(minutes[0])) ?? lastHour;
                fail(
                    ctx,
                    at,
                    `stopped: none in the last 15 minutes, the last arrived at ${new Date(last).toISOString()}, ` +
                        `so events from ${heartbeat.sourceRegion} no longer arrive`,
                    fixFor(heartbeat),
                );
            } else {
                fail(
                    ctx,
                    at,
                    `never had data: no heartbeat from ${heartbeat.sourceRegion} arrived in 14 days`,
                    `if the stack was deployed less than 15 minutes ago, ` +
                        `run verify again later; otherwise ${fixFor(heartbeat)}`,
                );
            }
        }
    }
}
