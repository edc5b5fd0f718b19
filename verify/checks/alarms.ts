import { MetricAlarm, paginateDescribeAlarms } from "@aws-sdk/client-cloudwatch";
import type { VerificationAlarm } from "../../components/stack";
import { attempt, fail, pass, Subject, VerifyContext, warn } from "../context";

/**
 * Check 7: every alarm exists in its region, wired to the topic when it should be; an alarm in
 * ALARM is reported with its state reason, and one without data although its metric is always
 * published too. For a Metrics Insights alarm, EvaluationState tells whether it evaluates every
 * series: PARTIAL_DATA "if the Metrics Insights query returns more than 500 time series" or
 * "matches more than 10,000 metrics", EVALUATION_ERROR for a configuration error, EVALUATION_FAILURE
 * for a temporary CloudWatch issue (CloudWatch User Guide, "Limits" of Metrics Insights alarms;
 * CloudWatch API reference, MetricAlarm).
 */

/** Alarms whose ALARM means the alert path itself is broken: a FAIL; others report a real condition. */
const PATH_KINDS = new Set(["delivery", "heartbeat", "member-heartbeats", "silent-member"]);

/** What to do about a path alarm in ALARM; a silent member's alarm is named after its account. */
function pathFix(alarm: VerificationAlarm): string {
    return alarm.kind === "silent-member"
        ? "the member account and region in its name sent no heartbeat: check that account's " +
              "StackSet instance (stackset-instance above), its forwarding rules and role; " +
              describeCommand(alarm)
        : `follow its description: ${describeCommand(alarm)}`;
}

/**
 * What a Metrics Insights alarm on partial data leaves out, and what to do, by kind: the
 * expiring-key alarm keeps the keys that expire soonest, and a key listed in watchedKeys gets an
 * alarm of its own; the key store alarms keep the worst stores (their ORDER BY), and no setting
 * adds an alarm per store, so the fix is to find what the query matches.
 */
const PARTIAL_DATA: Record<string, { what: string; fix: (alarm: VerificationAlarm) => string }> = {
    "expiring-keys": {
        what: "keys",
        fix: () =>
            "it keeps the keys that expire soonest; list the others in watchedKeys for an alarm each",
    },
    "key-store": {
        what: "custom key stores",
        fix: (alarm) =>
            "it keeps the stores with the worst values; find what its query matches with " +
            `aws cloudwatch list-metrics --namespace AWS/KMS --region ${alarm.region} ` +
            "(one series per CustomKeyStoreId), and report it",
    },
};

/** DescribeAlarms takes at most 100 names (CloudWatch API reference, DescribeAlarms). */
const NAMES_PER_CALL = 100;

const describeCommand = (alarm: VerificationAlarm) =>
    `aws cloudwatch describe-alarms --alarm-names ${alarm.name} --region ${alarm.region}`;

/** Whether the alarm exists and can notify the topic; reports and returns false when not. */
function wired(
    ctx: VerifyContext,
    subject: Subject,
    expected: VerificationAlarm,
    alarm?: MetricAlarm,
) {
    if (alarm === undefined) {
        fail(ctx, subject, "does not exist", "run pulumi up");
    } else if (
        expected.notifies !== undefined &&
        !(alarm.AlarmActions ?? []).includes(expected.notifies)
    ) {
        fail(ctx, subject, `does not notify ${expected.notifies}`, "run pulumi up");
    } else if (expected.notifies !== undefined && alarm.ActionsEnabled === false) {
        const fix = `aws cloudwatch enable-alarm-actions --alarm-names ${expected.name} --region ${expected.region}`;
        fail(ctx, subject, "has its actions disabled: it cannot notify anyone", fix);
    } else {
        return true;
    }
    return false;
}

function checkOne(ctx: VerifyContext, expected: VerificationAlarm, alarm: MetricAlarm | undefined) {
    const subject = { id: "alarm", region: expected.region, resource: expected.name };
    if (!wired(ctx, subject, expected, alarm) || alarm === undefined) {
        return;
    }
    const reason = alarm.StateReason ?? "";
    const insights = expected.metricsInsights ? alarm.EvaluationState : undefined;
    if (insights === "EVALUATION_ERROR") {
        fail(ctx, subject, `cannot evaluate its query: ${reason}`, "run pulumi up");
    } else if (insights === "PARTIAL_DATA") {
        const partial = PARTIAL_DATA[expected.kind] ?? PARTIAL_DATA["key-store"];
        warn(
            ctx,
            subject,
            "evaluates partial data: its query returns over 500 series (or " +
                `matches over 10,000 metrics), so some ${partial.what} are not watched`,
            partial.fix(expected),
        );
    } else if (alarm.StateValue === "ALARM") {
        const message = `is in ALARM: ${reason}`;
        if (PATH_KINDS.has(expected.kind)) {
            fail(ctx, subject, message, pathFix(expected));
        } else {
            const fix = `it reports a real condition; act on it as its description says: ${describeCommand(expected)}`;
            warn(ctx, subject, message, fix);
        }
    } else if (
        expected.expectsData &&
        (alarm.StateValue === "INSUFFICIENT_DATA" || /no datapoints/i.test(reason))
    ) {
        const message = `has no data although its metric should always have some (${alarm.StateValue}: ${reason})`;
        warn(
            ctx,
            subject,
            message,
            `check that what it watches exists and reports: ${describeCommand(expected)}`,
        );
    } else if (insights === "EVALUATION_FAILURE") {
        const message = `could not be evaluated for a while (a temporary CloudWatch issue): ${reason}`;
        warn(ctx, subject, message, "watch it by hand until it evaluates again");
    } else {
        const notifies = expected.notifies === undefined ? "" : ", notifies the topic";
        pass(ctx, subject, `${alarm.StateValue}${notifies}`);
    }
}

/** The metric alarms of these names (at most NAMES_PER_CALL) in the region. */
export async function describeAlarms(
    ctx: VerifyContext,
    region: string,
    names: readonly string[],
): Promise<MetricAlarm[]> {
    const read: MetricAlarm[] = [];
    const pages = paginateDescribeAlarms(
        { client: ctx.aws.cloudWatch(region) },
        { AlarmNames: [...names], AlarmTypes: ["MetricAlarm"] },
    );
    for await (const page of pages) {
        read.push(...(page.MetricAlarms ?? []));
    }
    return read;
}

async function checkRegion(ctx: VerifyContext, region: string, expected: VerificationAlarm[]) {
    const found = new Map<string, MetricAlarm>();
    for (let offset = 0; offset < expected.length; offset += NAMES_PER_CALL) {
        const names = expected.slice(offset, offset + NAMES_PER_CALL).map((alarm) => alarm.name);
        const subject = { id: "alarm", region, resource: `${names.length} alarms` };
        const alarms = await attempt(ctx, subject, "cloudwatch", () =>
            describeAlarms(ctx, region, names),
        );
        if (alarms === undefined) return;
        alarms.forEach((alarm) => found.set(alarm.AlarmName ?? "", alarm));
    }
    expected.forEach((alarm) => checkOne(ctx, alarm, found.get(alarm.name)));
}

export async function checkAlarms(ctx: VerifyContext): Promise<void> {
    const regions = [...new Set(ctx.expected.alarms.map((alarm) => alarm.region))];
    for (const region of regions) {
        ctx.report.progress(`alarms in ${region}...`);
        await checkRegion(
            ctx,
            region,
            ctx.expected.alarms.filter((alarm) => alarm.region === region),
        );
    }
}
