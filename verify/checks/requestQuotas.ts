import { paginateListMetrics } from "@aws-sdk/client-cloudwatch";
import { attempt, pass, VerifyContext, warn } from "../context";
import { readQueries } from "../metrics";
import { describeAlarms } from "./alarms";

/**
 * Part of check 7 (`request-quota`): the request quota alarms read what KMS publishes, and get a
 * quota to compare it with (checkUtilization). The
 * `Resource` names of KMS's `AWS/Usage` `CallCount` (`CryptographicOperationsSymmetric`...) are
 * the usage metrics Service Quotas names for the shared quotas, which no documentation page lists:
 * an alarm on a name KMS does not publish would stay OK for ever. ListMetrics lists the metrics that
 * reported in the past two weeks (CloudWatch API reference, ListMetrics); a `CryptographicOperations`
 * resource there that no alarm reads is a WARN. With no cryptographic call in two weeks there is
 * nothing to compare, and that passes.
 */
const SHARED_QUOTA_PREFIX = "CryptographicOperations";

type Usage = NonNullable<VerifyContext["expected"]["requestQuotaUsage"]>;

async function publishedResources(
    ctx: VerifyContext,
    region: string,
    usage: Usage,
): Promise<Set<string>> {
    const resources = new Set<string>();
    const pages = paginateListMetrics(
        { client: ctx.aws.cloudWatch(region) },
        {
            Namespace: usage.namespace,
            MetricName: usage.metricName,
            Dimensions: Object.entries(usage.dimensions).map(([Name, Value]) => ({ Name, Value })),
        },
    );
    for await (const page of pages) {
        for (const metric of page.Metrics ?? []) {
            const resource = metric.Dimensions?.find((each) => each.Name === "Resource")?.Value;
            if (resource?.startsWith(SHARED_QUOTA_PREFIX)) {
                resources.add(resource);
            }
        }
    }
    return resources;
}

const HOUR_MS = 3_600_000;

/**
 * Each quota alarm's own queries over the last hour. Where Service Quotas has no KMS quota (some
 * regions), `SERVICE_QUOTA(usage)` returns no data, so the utilization has none while the usage
 * has some, and an alarm that treats missing data as not breaching stays OK whatever the rate: a
 * WARN. Without calls in the hour there is nothing to compare, and that passes.
 */
async function checkUtilization(ctx: VerifyContext, region: string, names: string[]) {
    const subject = { id: "request-quota", region, resource: `${names.length} quota alarms` };
    const alarms = await attempt(ctx, subject, "cloudwatch", () =>
        describeAlarms(ctx, region, names),
    );
    for (const alarm of alarms ?? []) {
        const queries = alarm.Metrics ?? [];
        const at = { ...subject, resource: alarm.AlarmName ?? "" };
        const endMs = ctx.now();
        const read = await attempt(ctx, at, "cloudwatch", () =>
            readQueries(
                ctx,
                region,
                queries.map((query) => ({ ...query, ReturnData: true })),
                { startMs: endMs - HOUR_MS, endMs },
            ),
        );
        if (read === undefined || queries.length === 0) continue;
        const hasData = (metric: boolean) =>
            queries.some(
                (query) =>
                    (query.MetricStat !== undefined) === metric &&
                    (read.get(query.Id ?? "")?.values.length ?? 0) > 0,
            );
        if (hasData(true) && !hasData(false)) {
            warn(
                ctx,
                at,
                "KMS calls were counted in the last hour, but SERVICE_QUOTA gave no utilization: " +
                    "Service Quotas has no applied value of this quota here, so the alarm stays OK " +
                    "whatever the rate",
                `aws service-quotas list-service-quotas --service-code kms --region ${region}; ` +
                    "without the quota, watch the usage on the dashboard and ask AWS Support",
            );
        } else {
            const compared = hasData(true)
                ? "its utilization has data"
                : "no call in the last hour";
            pass(ctx, at, compared);
        }
    }
}

/** What KMS published in the region against the `Resource`s the alarms read. */
async function checkPublished(
    ctx: VerifyContext,
    region: string,
    watched: readonly string[],
    usage: Usage,
): Promise<void> {
    const dimensions = Object.entries(usage.dimensions);
    const resource = [usage.namespace, usage.metricName, ...dimensions.map(([, v]) => v)].join(" ");
    const subject = { id: "request-quota", region, resource };
    const published = await attempt(ctx, subject, "cloudwatch", () =>
        publishedResources(ctx, region, usage),
    );
    if (published === undefined) {
        return;
    }
    const unwatched = [...published].filter((each) => !watched.includes(each));
    const read = watched.filter((each) => published.has(each));
    if (unwatched.length > 0) {
        const filter = dimensions.map(([name, value]) => `Name=${name},Value=${value}`).join(" ");
        warn(
            ctx,
            subject,
            `KMS publishes usage for ${unwatched.join(", ")} here, which no request quota ` +
                "alarm reads: a quota the stack does not know, or a name it spells otherwise",
            `compare with aws cloudwatch list-metrics --namespace ${usage.namespace} ` +
                `--dimensions ${filter} --region ${region}, and report it`,
        );
    } else if (read.length > 0) {
        pass(ctx, subject, `KMS publishes ${read.join(", ")}: the quota alarms read them`);
    } else {
        pass(ctx, subject, "no cryptographic call in two weeks: nothing to compare");
    }
}

export async function checkRequestQuotas(ctx: VerifyContext): Promise<void> {
    const { requestQuotaResources: watched, requestQuotaUsage: usage } = ctx.expected;
    const quotaAlarms = ctx.expected.alarms.filter((alarm) => alarm.kind === "request-quota");
    for (const region of [...new Set(quotaAlarms.map((alarm) => alarm.region))]) {
        const names = quotaAlarms.filter((each) => each.region === region).map((each) => each.name);
        await checkUtilization(ctx, region, names);
        // Outputs of a deploy before the usage metric was in them: pulumi up adds it.
        if (watched !== undefined && usage !== undefined) {
            await checkPublished(ctx, region, watched, usage);
        }
    }
}
