import { paginateListMetrics } from "@aws-sdk/client-cloudwatch";
import type { VerificationObservability, VerificationOrganization } from "../../components/stack";
import { attempt, pass, VerifyContext, warn } from "../context";
import {
    CheckedStackSet,
    reportInstance,
    reportMissingInstances,
    stackInstances,
} from "./stackSetInstances";

/**
 * Part of check 9 (`observability`), with `organization.observability`: in each member region the
 * central account sees, through its sink, the metrics of every member account. In a monitoring
 * account, ListMetrics with IncludeLinkedAccounts includes "metrics from source accounts", and
 * OwningAccounts holds "the account IDs of the source accounts where the metrics in the returned
 * data are from", one per metric (CloudWatch API reference, ListMetrics). Every member's heartbeat
 * rule publishes Invocations every five minutes, and ListMetrics lists a metric that reported data
 * in the past two weeks: a member account whose metric is not listed has no working link to the
 * sink (its instance's AWS::Oam::Link, or the sink policy that should admit it). That proves the
 * sink, its policy and each link at once, by what they are for. It is a WARN: the central dashboard
 * misses that account's keys, but alerts do not go through the sink.
 *
 * The links have a StackSet of their own (`link-instance`): each instance's status, and each member
 * account and region without one, WARNs too, apart from the forwarders' StackSet, whose instances a
 * failed link no longer rolls back.
 */

/** The links' StackSet: a WARN apiece, as only the central dashboard depends on it. */
function linkStackSet(name: string): CheckedStackSet {
    return {
        name,
        ids: { instance: "link-instance", missing: "link-instance" },
        holds: "its observability link",
        missing: "the central dashboard cannot show its keys (its forwarders do not depend on it)",
        report: warn,
        causes:
            "a link fails on its own: the account is linked to five monitoring accounts already " +
            "(the most a source account may be, AWS::Oam::Link), an SCP denies oam:CreateLink, or " +
            "the sink policy does not admit its OU; fix that",
    };
}

/** The links' StackSet instances; outputs of a deploy before it existed have their links in the forwarders'. */
async function checkLinkInstances(
    ctx: VerifyContext,
    organization: VerificationOrganization,
    accounts: readonly string[],
): Promise<void> {
    const name = organization.observability?.linkStackSetName;
    if (name === undefined) return;
    const stackSet = linkStackSet(name);
    ctx.report.progress(`StackSet ${name}...`);
    const subject = { id: "link-instance", region: ctx.expected.homeRegion, resource: name };
    const instances = await stackInstances(ctx, organization, stackSet, subject);
    if (instances === undefined) return;
    instances.forEach((instance) => reportInstance(ctx, organization, stackSet, instance));
    reportMissingInstances(ctx, organization, stackSet, instances, accounts);
}

/** Every account whose `metric` the central account sees in `region`, its own included. */
async function owningAccounts(
    ctx: VerifyContext,
    region: string,
    metric: VerificationObservability["linkedMetric"],
): Promise<Set<string>> {
    const accounts = new Set<string>();
    const pages = paginateListMetrics(
        { client: ctx.aws.cloudWatch(region) },
        {
            Namespace: metric.namespace,
            MetricName: metric.metricName,
            Dimensions: Object.entries(metric.dimensions).map(([Name, Value]) => ({
                Name,
                Value,
            })),
            IncludeLinkedAccounts: true,
        },
    );
    for await (const page of pages) {
        (page.OwningAccounts ?? []).forEach((account) => accounts.add(account));
    }
    return accounts;
}

export async function checkObservability(
    ctx: VerifyContext,
    organization: VerificationOrganization,
    accounts: readonly string[],
): Promise<void> {
    const observability = organization.observability;
    if (observability === undefined || accounts.length === 0) {
        return;
    }
    await checkLinkInstances(ctx, organization, accounts);
    const linkStackSetName = observability.linkStackSetName ?? organization.stackSetName;
    for (const sink of observability.sinks) {
        const subject = { id: "observability", region: sink.region, resource: sink.arn };
        const owner = sink.arn.split(":")[4];
        if (owner !== ctx.expected.account) {
            warn(
                ctx,
                subject,
                `is a sink of account ${owner}: this account sees no member's metrics through it`,
                `check the members' links in account ${owner}, or give organization.sinkArns a sink of this account`,
            );
            continue;
        }
        ctx.report.progress(`member metrics through the sink in ${sink.region}...`);
        const seen = await attempt(ctx, subject, "cloudwatch", () =>
            owningAccounts(ctx, sink.region, observability.linkedMetric),
        );
        if (seen === undefined) continue;
        const missing = accounts.filter((account) => !seen.has(account));
        for (const account of missing) {
            warn(
                ctx,
                { ...subject, resource: `account ${account}` },
                `shares no metrics with the sink ${sink.arn}: the central dashboard cannot show its keys`,
                `in that account, check its ${linkStackSetName} instance in ${sink.region} ` +
                    `and its link (aws oam list-links --region ${sink.region}); the sink's policy must admit its OU`,
            );
        }
        if (missing.length < accounts.length) {
            pass(
                ctx,
                subject,
                `${accounts.length - missing.length} of ${accounts.length} member account(s) ` +
                    "share their metrics with it",
            );
        }
    }
}
