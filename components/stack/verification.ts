import * as pulumi from "@pulumi/pulumi";
import { KMS_REQUEST_QUOTAS, KMS_USAGE_METRIC } from "../alarms";
import { heartbeatAlarmName, heartbeatArrivalRuleName } from "../forwarding";
import { AwsEnvironment, eventBusArn, logGroupArn } from "../shared";
import type { Channels } from "./channels";
import type { StackContext } from "./context";
import type { StackParts } from "./outputs";
import { MonitoringPlan, watchedRegions } from "./plan";
import { AlarmGroup, alarmGroups, alarmRecords } from "./verificationAlarms";
import {
    alertRuleChannelTargets,
    channelApiDestinations,
    channelQueues,
    channelRules,
    channelSubscriptions,
    channelTopics,
    ResolvedChannels,
} from "./verificationChannels";
import {
    alertRules,
    forwarderRules,
    heartbeatArrivalRules,
    memberHeartbeatsRule,
    topicTarget,
    verificationOrganization,
} from "./verificationRecords";
import { trailRequirement } from "./verificationTrails";
import type { VerificationOutput, VerificationQueue, VerificationRule } from "./verificationTypes";

/** The Outputs the verification output is made of, resolved. */
interface Resolved {
    readonly env: AwsEnvironment;
    readonly topicArn: string;
    readonly topicName: string;
    readonly keyArn?: string;
    readonly homeQueue?: { url: string; arn: string };
    readonly alarmNames: string[][];
    readonly remoteQueues: { region: string; url?: string; arn?: string }[];
    readonly roleArn?: string;
    readonly heartbeatLogArn?: string;
    readonly memberLogGroupName?: string;
    readonly sinkArns?: Record<string, string>;
    readonly channels: ResolvedChannels;
}

/** The names and ARNs of the channels' resources, when they exist. */
function channelOutputs(channels: Channels | undefined): pulumi.Output<ResolvedChannels> {
    const { chat, webhooks, pagerDuty } = channels?.components ?? {};
    return pulumi.output({
        chat: chat && { topicArn: chat.topicArn, topicName: chat.topicName },
        webhooks: webhooks && {
            topicArn: webhooks.topicArn,
            topicName: webhooks.topicName,
            queueUrl: webhooks.deadLetterQueueUrl,
            queueArn: webhooks.deadLetterQueueArn,
        },
        pagerDuty: pagerDuty && {
            apiDestinationArn: pagerDuty.apiDestinationArn,
            apiDestinationName: pagerDuty.apiDestinationName,
            connectionName: pagerDuty.connectionName,
            roleArn: pagerDuty.roleArn,
        },
    });
}

/** The `verification` output: what `npm run verify` checks (docs/verify.md). */
export function buildVerification(
    ctx: StackContext,
    parts: StackParts,
): pulumi.Output<VerificationOutput> {
    const { home, otherRegions, organization } = parts;
    const groups = alarmGroups(parts);
    const queue = home.deadLetters;
    return pulumi
        .output({
            env: ctx.environment,
            topicArn: home.topic.topicArn,
            topicName: home.topic.topicName,
            keyArn: home.topic.keyArn,
            homeQueue:
                queue === undefined ? undefined : { url: queue.queueUrl, arn: queue.queueArn },
            alarmNames: pulumi.all(groups.map((group) => group.names ?? [])),
            remoteQueues: pulumi.output(
                (otherRegions?.regions ?? []).map(({ region, forwarder }) => ({
                    region,
                    url: forwarder.deadLetterQueueUrl,
                    arn: forwarder.deadLetterQueueArn,
                })),
            ),
            roleArn: otherRegions?.roleArn,
            heartbeatLogArn: otherRegions?.heartbeats.logGroupArn,
            memberLogGroupName: organization?.memberHeartbeats.logGroupName,
            sinkArns: organization?.sinkArns,
            channels: channelOutputs(home.channels),
        })
        .apply((resolved: Resolved) => verificationOutput(ctx, groups, resolved));
}

/** Every dead-letter queue: home, each other region's, the webhook subscriptions'. */
function verificationQueues({
    env,
    homeQueue,
    remoteQueues,
    channels,
}: Resolved): VerificationQueue[] {
    return [
        ...(homeQueue === undefined
            ? []
            : [{ kind: "eventbridge", ...homeQueue, region: env.region }]),
        ...remoteQueues.flatMap(({ region, url, arn }) =>
            url === undefined || arn === undefined
                ? []
                : [{ kind: "eventbridge", url, arn, region }],
        ),
        ...channelQueues(channels, env.region),
    ];
}

/** The topics, the alert topic first, and their subscriptions. */
function topicsAndSubscriptions(
    { args, plan }: StackContext,
    resolved: Resolved,
): Pick<VerificationOutput, "topics" | "subscriptions"> {
    const { env, topicArn, channels } = resolved;
    return {
        topics: [
            {
                kind: "alerts",
                arn: topicArn,
                name: resolved.topicName,
                region: env.region,
                keyArn: resolved.keyArn,
            },
            ...channelTopics(channels, env.region, resolved.keyArn),
        ],
        subscriptions: [
            ...(args.alertEmails ?? []).map((email) => ({
                topicArn,
                protocol: "email",
                endpoint: email,
            })),
            ...channelSubscriptions(plan, channels),
        ],
    };
}

function verificationOutput(
    ctx: StackContext,
    groups: readonly AlarmGroup[],
    resolved: Resolved,
): VerificationOutput {
    const { plan } = ctx;
    const { env, topicArn, channels } = resolved;
    return {
        schemaVersion: 1,
        account: env.accountId,
        partition: env.partition,
        homeRegion: env.region,
        regions: watchedRegions(plan, env.region),
        ...topicsAndSubscriptions(ctx, resolved),
        rules: verificationRules(plan, resolved),
        alarms: alarmRecords(groups, {
            names: resolved.alarmNames,
            homeRegion: env.region,
            topicArn,
        }),
        queues: verificationQueues(resolved),
        apiDestinations: channelApiDestinations(channels, env.region),
        heartbeats: plan.otherRegions.map(({ region }) => ({
            sourceRegion: region,
            ruleName: heartbeatArrivalRuleName(plan.namePrefix, region),
            region: env.region,
            alarmName: heartbeatAlarmName(plan.namePrefix, region),
        })),
        trail: trailRequirement(plan, env.region),
        organization:
            resolved.memberLogGroupName === undefined
                ? undefined
                : verificationOrganization(
                      plan,
                      env.accountId,
                      resolved.memberLogGroupName,
                      resolved.sinkArns,
                  ),
        requestQuotaResources: plan.features.requestQuotaAlarms
            ? KMS_REQUEST_QUOTAS.map((quota) => quota.resource)
            : undefined,
        requestQuotaUsage: plan.features.requestQuotaAlarms
            ? { ...KMS_USAGE_METRIC, dimensions: { ...KMS_USAGE_METRIC.dimensions } }
            : undefined,
    };
}

/** Every rule: the alert and channel rules of each bus, the forwarders, the heartbeats' rules. */
function verificationRules(plan: MonitoringPlan, resolved: Resolved): VerificationRule[] {
    const { env, channels } = resolved;
    const toTopic = topicTarget(resolved.topicArn, resolved.homeQueue?.arn);
    const delivery = {
        deadLetterQueueArn: toTopic.deadLetterQueueArn,
        retryPolicy: toTopic.retryPolicy,
    };
    const toChannels = alertRuleChannelTargets(channels, delivery);
    return [
        ...plan.buses.flatMap((bus) => [
            ...alertRules(bus, env.region, toTopic, toChannels),
            ...channelRules(bus, env.region, channels, delivery),
        ]),
        ...plan.otherRegions.flatMap((other) =>
            forwarderRules(other, {
                kind: "event-bus",
                arn: eventBusArn(env),
                roleArn: resolved.roleArn,
                deadLetterQueueArn: resolved.remoteQueues.find(
                    ({ region }) => region === other.region,
                )?.arn,
            }),
        ),
        ...(resolved.heartbeatLogArn === undefined
            ? []
            : heartbeatArrivalRules(plan, env, resolved.heartbeatLogArn)),
        ...(resolved.memberLogGroupName === undefined
            ? []
            : memberHeartbeatsRule(
                  plan,
                  env.region,
                  logGroupArn(env, resolved.memberLogGroupName),
              )),
    ];
}
