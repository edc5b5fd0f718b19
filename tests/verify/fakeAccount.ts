/**
 * An AWS account in which a shipped stack is deployed exactly as its plan says, built from what the
 * program registered under the mock runtime (scripts/snapshots.ts snapshotPlan): the rules and
 * targets with their patterns, the topic and key policies, the alarms, the queues. Tests break one
 * thing in it and run verify against it through aws-sdk-client-mock (fakeClients.ts).
 */
import type { Subscription } from "@aws-sdk/client-sns";
import type { Target } from "@aws-sdk/client-eventbridge";
import type { MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { StackInstanceSummary } from "@aws-sdk/client-cloudformation";
import type { Account } from "@aws-sdk/client-organizations";
import type { EventSelector, AdvancedEventSelector, Trail } from "@aws-sdk/client-cloudtrail";
import type { VerificationOutput } from "../../components/stack";
import type { Plan } from "../../scripts/plan";
import type { RecordedResource } from "../harness";
import {
    FakeApiDestination,
    fakeApiDestinations,
    FakeConnection,
    fakeTopics,
} from "./fakeChannels";

export interface FakeRule {
    State: string;
    EventPattern?: string;
    ScheduleExpression?: string;
    Targets: Target[];
}

export interface FakeTrail {
    trail: Trail;
    logging: boolean;
    /** Undefined: this account may not read them (an organization trail seen from a member). */
    selectors?: {
        EventSelectors?: EventSelector[];
        AdvancedEventSelectors?: AdvancedEventSelector[];
    };
}

/** A metric's data points, given the query's window. */
export type MetricSource = (window: { startMs: number; endMs: number; period: number }) => {
    timestamps: number[];
    values: number[];
};

export interface FakeAccount {
    readonly verification: VerificationOutput;
    readonly account: string;
    /** `region bus name` → rule. */
    readonly rules: Map<string, FakeRule>;
    /** Topic ARN → its subscriptions. */
    readonly subscriptions: Map<string, Subscription[]>;
    /** Subscription ARN → its attributes. */
    readonly subscriptionAttributes: Map<string, Record<string, string>>;
    /** Region → the trails DescribeTrails shows there. */
    readonly trails: Map<string, FakeTrail[]>;
    readonly topicAttributes: Map<string, Record<string, string>>;
    readonly keys: Map<string, { arn: string; state: string; manager: string; policy: string }>;
    /** `region name` → alarm. */
    readonly alarms: Map<string, MetricAlarm>;
    /** Queue URL → messages waiting. */
    readonly queues: Map<string, number>;
    /** Name → API destination, and name → connection. */
    readonly apiDestinations: Map<string, FakeApiDestination>;
    readonly connections: Map<string, FakeConnection>;
    /** `region namespace metric dimension=value,...` → its data points; none: no data. */
    readonly metrics: Map<string, MetricSource>;
    readonly organization: FakeOrganization;
    /** The KMS calls the canary made. */
    readonly kmsCalls: string[];
    /** How far the canary's event gets, once it is made. */
    canaryPath: CanaryPath;
    /** What DescribeTrails throws instead of answering, in every region. */
    trailError?: Error;
    /** The fake clock, in milliseconds; verify's sleeps move it. */
    now: number;
    callerAccount: string;
}

export interface FakeOrganization {
    managementAccount: string;
    /** Parent (OU or root) → its direct accounts and OUs. */
    children: Map<string, { accounts: Account[]; units: string[] }>;
    instances: StackInstanceSummary[];
    /** What ListStackInstances throws instead of answering. */
    instancesError?: Error;
    /** `account region` → the last heartbeat, in milliseconds. */
    lastHeartbeats: Map<string, number>;
    /** Region → the member accounts whose metrics the central account sees through its sink. */
    linkedAccounts: Map<string, string[]>;
}

export const NOW = Date.parse("2026-11-28T12:00:00Z");

export function metricKey(
    region: string,
    namespace: string,
    name: string,
    dimensions: Record<string, string>,
) {
    const dims = Object.entries(dimensions)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => `${key}=${value}`)
        .join(",");
    return `${region} ${namespace} ${name} ${dims}`;
}

/** `value` events every `every` ms (on its multiples) until `until`, summed per period (ms). */
export function steady(value: number, every: number, until = Infinity): MetricSource {
    return ({ startMs, endMs, period }) => {
        const timestamps: number[] = [];
        const values: number[] = [];
        for (
            let time = Math.floor(startMs / period) * period;
            time < Math.min(endMs, until);
            time += period
        ) {
            const events =
                Math.floor((Math.min(time + period, until) - 1) / every) -
                Math.floor((time - 1) / every);
            if (events > 0) {
                timestamps.push(time);
                values.push(events * value);
            }
        }
        return { timestamps, values };
    };
}

/** Where the canary's event stops: nowhere, or at one of the hops verify names. */
export type CanaryPath =
    | "delivered"
    | "no-event"
    | "failed-invocation"
    | "dead-letter"
    | "not-delivered"
    /** Failed, and EventBridge could not send it to the dead-letter queue either. */
    | "lost"
    /** Published, and neither delivered nor failed: what SNS does with no confirmed subscription. */
    | "published";

/** One event at `at`, in the period that holds it. */
const once =
    (at: number): MetricSource =>
    ({ startMs, endMs, period }) =>
        at >= startMs && at < endMs
            ? { timestamps: [Math.floor(at / period) * period], values: [1] }
            : { timestamps: [], values: [] };

/**
 * What AWS would publish after the canary's call, a minute or two later: the home rules that watch
 * the operation match it, invoke the topic, and the topic delivers, unless `canaryPath` stops it.
 */
export function followCanary(fake: FakeAccount, operation: string): void {
    const { verification, canaryPath: path } = fake;
    if (path === "no-event") return;
    const at = fake.now;
    const set = (
        namespace: string,
        name: string,
        dimensions: Record<string, string>,
        delay: number,
    ) =>
        fake.metrics.set(
            metricKey(verification.homeRegion, namespace, name, dimensions),
            once(at + delay),
        );
    const rules = verification.rules.filter(
        (rule) =>
            rule.kind === "alert" &&
            rule.region === verification.homeRegion &&
            rule.busName === "default" &&
            (rule.eventPattern ?? "").includes(`"${operation}"`),
    );
    for (const rule of rules) {
        set("AWS/Events", "TriggeredRules", { RuleName: rule.name }, 60_000);
        set("AWS/Events", "Invocations", { RuleName: rule.name }, 60_000);
        if (path === "failed-invocation")
            set("AWS/Events", "FailedInvocations", { RuleName: rule.name }, 90_000);
        if (path === "dead-letter")
            set("AWS/Events", "InvocationsSentToDlq", { RuleName: rule.name }, 90_000);
        if (path === "lost")
            set("AWS/Events", "InvocationsFailedToBeSentToDlq", { RuleName: rule.name }, 90_000);
    }
    if (path === "failed-invocation" || path === "dead-letter" || path === "lost") return;
    const topic = { TopicName: verification.topics[0].name };
    set("AWS/SNS", "NumberOfMessagesPublished", topic, 90_000);
    if (path === "published") return;
    set(
        "AWS/SNS",
        path === "not-delivered" ? "NumberOfNotificationsFailed" : "NumberOfNotificationsDelivered",
        topic,
        120_000,
    );
}

const byType = (plan: Plan, type: string) =>
    plan.recorded.filter((resource) => resource.type === type);
const regionOf = (plan: Plan, resource: RecordedResource) =>
    resource.inputs.region ?? plan.homeRegion;

function fakeRules(plan: Plan): Map<string, FakeRule> {
    const rules = new Map<string, FakeRule>();
    for (const rule of byType(plan, "aws:cloudwatch/eventRule:EventRule")) {
        const region = regionOf(plan, rule);
        const bus = rule.inputs.eventBusName ?? "default";
        const targets = byType(plan, "aws:cloudwatch/eventTarget:EventTarget")
            .filter(
                (target) =>
                    target.inputs.rule === rule.inputs.name &&
                    regionOf(plan, target) === region &&
                    (target.inputs.eventBusName ?? "default") === bus,
            )
            .map((target) => ({
                Id: target.state.targetId,
                Arn: target.inputs.arn,
                RoleArn: target.inputs.roleArn,
                DeadLetterConfig: target.inputs.deadLetterConfig && {
                    Arn: target.inputs.deadLetterConfig.arn,
                },
                RetryPolicy: target.inputs.retryPolicy && {
                    MaximumEventAgeInSeconds: target.inputs.retryPolicy.maximumEventAgeInSeconds,
                    MaximumRetryAttempts: target.inputs.retryPolicy.maximumRetryAttempts,
                },
            }));
        rules.set(`${region} ${bus} ${rule.inputs.name}`, {
            State: rule.inputs.state,
            EventPattern: rule.inputs.eventPattern,
            ScheduleExpression: rule.inputs.scheduleExpression,
            Targets: targets,
        });
    }
    return rules;
}

function fakeAlarms(plan: Plan): Map<string, MetricAlarm> {
    return new Map(
        byType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => [
            `${regionOf(plan, alarm)} ${alarm.inputs.name}`,
            {
                AlarmName: alarm.inputs.name,
                AlarmArn: alarm.state.arn,
                AlarmActions: alarm.inputs.alarmActions ?? [],
                ActionsEnabled: true,
                StateValue: "OK",
                StateReason:
                    "Threshold Crossed: 1 datapoint [0.0] was not greater than the threshold (0.0).",
                EvaluationState: undefined,
            },
        ]),
    );
}

/** A trail that records every management event, seen in every watched region. */
function fakeTrails(plan: Plan, verification: VerificationOutput): Map<string, FakeTrail[]> {
    const own = byType(plan, "awsx:cloudtrail:Trail")[0];
    const name = own?.inputs.name ?? "organization-trail";
    const trail: FakeTrail = {
        trail: {
            Name: name,
            TrailARN: `arn:aws:cloudtrail:${plan.homeRegion}:${own ? verification.account : "123456789012"}:trail/${name}`,
            HomeRegion: plan.homeRegion,
            IsMultiRegionTrail: true,
            IsOrganizationTrail: own === undefined,
        },
        logging: true,
        selectors: { EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true }] },
    };
    return new Map(verification.regions.map((region) => [region, [{ ...trail }]]));
}

export function healthyAccount(plan: Plan): FakeAccount {
    const verification = plan.outputs.verification as VerificationOutput;
    const key = byType(plan, "aws:kms/key:Key")[0];
    const fake: FakeAccount = {
        verification,
        account: verification.account,
        callerAccount: verification.account,
        rules: fakeRules(plan),
        ...fakeTopics(plan),
        ...fakeApiDestinations(plan),
        trails: fakeTrails(plan, verification),
        keys: new Map(
            key === undefined
                ? []
                : [
                      [
                          key.state.arn,
                          {
                              arn: key.state.arn,
                              state: "Enabled",
                              manager: "CUSTOMER",
                              policy: key.inputs.policy,
                          },
                      ],
                  ],
        ),
        alarms: fakeAlarms(plan),
        queues: new Map(byType(plan, "aws:sqs/queue:Queue").map((queue) => [queue.state.url, 0])),
        metrics: new Map(
            verification.heartbeats.map((heartbeat) => [
                metricKey(heartbeat.region, "AWS/Events", "Invocations", {
                    RuleName: heartbeat.ruleName,
                }),
                steady(1, 300_000),
            ]),
        ),
        organization: fakeOrganization(verification),
        kmsCalls: [],
        canaryPath: "delivered",
        now: NOW,
    };
    return fake;
}

const account = (id: string, state = "ACTIVE"): Account => ({
    Id: id,
    State: state as "ACTIVE",
    Name: id,
});

/**
 * Each OU holds the management account, the central account, two active members, a suspended one,
 * and a child OU with one more member, who is found only by walking the OUs.
 */
function fakeOrganization(verification: VerificationOutput): FakeOrganization {
    const organization: FakeOrganization = {
        managementAccount: "123456789012",
        children: new Map(),
        instances: [],
        lastHeartbeats: new Map(),
        linkedAccounts: new Map(),
    };
    const units = verification.organization?.organizationalUnitIds ?? [];
    units.forEach((unit, index) => {
        const member = (n: number) => `2000000000${index}${n}`;
        const child = `${unit}-child`;
        organization.children.set(unit, {
            accounts: [
                account("123456789012"),
                account(verification.account),
                account(member(1)),
                account(member(2)),
                account(member(3), "SUSPENDED"),
            ],
            units: [child],
        });
        organization.children.set(child, { accounts: [account(member(4))], units: [] });
        for (const id of [member(1), member(2), member(4)]) {
            for (const region of verification.organization?.regions ?? []) {
                organization.instances.push({
                    Account: id,
                    Region: region,
                    OrganizationalUnitId: id.endsWith("4") ? child : unit,
                    Status: "CURRENT",
                    StackInstanceStatus: { DetailedStatus: "SUCCEEDED" },
                });
                organization.lastHeartbeats.set(`${id} ${region}`, NOW - 120_000);
                organization.linkedAccounts.set(region, [
                    ...(organization.linkedAccounts.get(region) ?? [verification.account]),
                    id,
                ]);
            }
        }
    });
    return organization;
}
