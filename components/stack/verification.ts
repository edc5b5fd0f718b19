import * as pulumi from "@pulumi/pulumi";
import { heartbeatAlarmName, heartbeatArrivalRuleName } from "../forwarding";
import { AwsEnvironment, eventBusArn, logGroupArn } from "../shared";
import { single, StackContext } from "./context";
import type { StackParts } from "./outputs";
import type { MonitoringPlan } from "./plan";
import {
    alertRules,
    forwarderRules,
    heartbeatArrivalRules,
    memberHeartbeatsRule,
    topicTarget,
    trailRequirement,
    verificationOrganization,
} from "./verificationRecords";
import type {
    VerificationAlarm,
    VerificationOutput,
    VerificationQueue,
    VerificationRule,
} from "./verificationTypes";

/** The alarms of one component: where they are, what they watch, and whether they notify the topic. */
interface AlarmGroup {
    readonly names?: pulumi.Input<string[]>;
    /** Undefined: the home region. */
    readonly region?: string;
    readonly kind: string;
    readonly expectsData: boolean;
    readonly metricsInsights?: boolean;
    readonly notifiesTopic: boolean;
}

/** Every alarm of the stack, by component: the same alarms as `alarmNames`, each with its region. */
function alarmGroups({ home, otherRegions, organization }: StackParts): AlarmGroup[] {
    const expiring = { kind: "expiring-keys", expectsData: false, metricsInsights: true };
    return [
        {
            names: home.expiryAlarms.alarmNames,
            kind: "key-material-expiry",
            expectsData: true,
            notifiesTopic: true,
        },
        { names: single(home.discovery?.alarmName), ...expiring, notifiesTopic: false },
        {
            names: home.deliveryAlarms?.alarmNames,
            kind: "delivery",
            expectsData: false,
            notifiesTopic: true,
        },
        {
            names: single(home.audit?.cisAlarmName),
            kind: "cis",
            expectsData: false,
            notifiesTopic: true,
        },
        ...(otherRegions?.regions ?? []).flatMap(({ region, expiry, discovery, forwarder }) => [
            {
                names: expiry?.alarmNames,
                region,
                kind: "key-material-expiry",
                expectsData: true,
                notifiesTopic: false,
            },
            { names: single(discovery?.alarmName), region, ...expiring, notifiesTopic: false },
            {
                names: forwarder.alarmNames,
                region,
                kind: "delivery",
                expectsData: false,
                notifiesTopic: false,
            },
        ]),
        {
            names: otherRegions?.heartbeats.alarmNames.apply(Object.values),
            kind: "heartbeat",
            expectsData: true,
            notifiesTopic: true,
        },
        {
            names: organization?.memberHeartbeats.alarmNames,
            kind: "member-heartbeats",
            expectsData: true,
            notifiesTopic: true,
        },
        {
            names: organization?.deliveryAlarmNames,
            kind: "delivery",
            expectsData: false,
            notifiesTopic: true,
        },
    ];
}

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
        })
        .apply((resolved: Resolved) => verificationOutput(ctx, groups, resolved));
}

/** Each group's alarms, one record each. */
function alarmRecords(groups: readonly AlarmGroup[], resolved: Resolved): VerificationAlarm[] {
    return groups.flatMap((group, index) =>
        resolved.alarmNames[index].map((name) => ({
            name,
            region: group.region ?? resolved.env.region,
            kind: group.kind,
            expectsData: group.expectsData,
            metricsInsights: group.metricsInsights ?? false,
            notifies: group.notifiesTopic ? resolved.topicArn : undefined,
        })),
    );
}

function verificationOutput(
    { args, plan }: StackContext,
    groups: readonly AlarmGroup[],
    resolved: Resolved,
): VerificationOutput {
    const { env, topicArn } = resolved;
    const alarms = alarmRecords(groups, resolved);
    const queues: VerificationQueue[] = [
        ...(resolved.homeQueue === undefined
            ? []
            : [{ ...resolved.homeQueue, region: env.region }]),
        ...resolved.remoteQueues.flatMap(({ region, url, arn }) =>
            url === undefined || arn === undefined ? [] : [{ url, arn, region }],
        ),
    ];
    return {
        schemaVersion: 1,
        account: env.accountId,
        partition: env.partition,
        homeRegion: env.region,
        regions: [env.region, ...plan.otherRegions.map((other) => other.region)],
        topics: [
            {
                arn: topicArn,
                name: resolved.topicName,
                region: env.region,
                keyArn: resolved.keyArn,
            },
        ],
        subscriptions: (args.alertEmails ?? []).map((email) => ({
            topicArn,
            protocol: "email",
            endpoint: email,
        })),
        rules: verificationRules(plan, resolved),
        alarms,
        queues,
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
                      resolved.env.accountId,
                      resolved.memberLogGroupName,
                  ),
    };
}

/** Every rule: the alert rules of each bus, the forwarders, the heartbeats' rules. */
function verificationRules(plan: MonitoringPlan, resolved: Resolved): VerificationRule[] {
    const { env } = resolved;
    const toTopic = topicTarget(resolved.topicArn, resolved.homeQueue?.arn);
    return [
        ...alertRules(plan.namePrefix, plan.homeRules, env.region, toTopic),
        ...(plan.organization === undefined
            ? []
            : alertRules(plan.namePrefix, plan.organization.rules, env.region, toTopic)),
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
