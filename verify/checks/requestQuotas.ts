import { paginateListMetrics } from "@aws-sdk/client-cloudwatch";
import { attempt, pass, VerifyContext, warn } from "../context";

/**
 * Part of check 7 (`request-quota`): the request quota alarms read what KMS publishes. The
 * `Resource` names of KMS's `AWS/Usage` `CallCount` (`CryptographicOperationsSymmetric`...) are
 * the usage metrics Service Quotas names for the shared quotas, which no documentation page lists:
 * an alarm on a name KMS does not publish would stay OK for ever. ListMetrics lists the metrics that
 * reported in the past two weeks (CloudWatch API reference, ListMetrics); a `CryptographicOperations`
 * resource there that no alarm reads is a WARN. With no cryptographic call in two weeks there is
 * nothing to compare, and that passes.
 */
const SHARED_QUOTA_PREFIX = "CryptographicOperations";

async function publishedResources(ctx: VerifyContext, region: string): Promise<Set<string>> {
    const resources = new Set<string>();
    const pages = paginateListMetrics(
        { client: ctx.aws.cloudWatch(region) },
        {
            Namespace: "AWS/Usage",
            MetricName: "CallCount",
            Dimensions: [
                { Name: "Service", Value: "KMS" },
                { Name: "Type", Value: "API" },
            ],
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

export async function checkRequestQuotas(ctx: VerifyContext): Promise<void> {
    const watched = ctx.expected.requestQuotaResources;
    if (watched === undefined) {
        return;
    }
    const regions = ctx.expected.alarms
        .filter((alarm) => alarm.kind === "request-quota")
        .map((alarm) => alarm.region);
    for (const region of [...new Set(regions)]) {
        const subject = { id: "request-quota", region, resource: "AWS/Usage CallCount KMS" };
        const published = await attempt(ctx, subject, "cloudwatch", () =>
            publishedResources(ctx, region),
        );
        if (published === undefined) {
            continue;
        }
        const unwatched = [...published].filter((resource) => !watched.includes(resource));
        const read = watched.filter((resource) => published.has(resource));
        if (unwatched.length > 0) {
            warn(
                ctx,
                subject,
                `KMS publishes usage for ${unwatched.join(", ")} here, which no request quota ` +
                    "alarm reads: a quota the stack does not know, or a name it spells otherwise",
                `compare with aws cloudwatch list-metrics --namespace AWS/Usage --dimensions ` +
                    `Name=Service,Value=KMS Name=Type,Value=API --region ${region}, and report it`,
            );
        } else if (read.length > 0) {
            pass(ctx, subject, `KMS publishes ${read.join(", ")}: the quota alarms read them`);
        } else {
            pass(ctx, subject, "no cryptographic call in two weeks: nothing to compare");
        }
    }
}
