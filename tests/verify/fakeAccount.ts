/**
 * An AWS account in which a shipped stack is deployed exactly as its plan says, built from what the
 * program registered under the mock runtime (scripts/snapshots.ts snapshotPlan): the rules and
 * targets with their patterns, the topic and key policies, the alarms, the queues. Tests break one
 * thing in it and run verify against it through aws-sdk-client-mock (fakeClients.ts). Its parts are
 * built in fakeResources.ts (rules, alarms, trails), fakeChannels.ts (topics, subscriptions, API
 * destinations), fakeOrganization.ts and fakeMetrics.ts (metrics, the clock, the canary's path).
 */
import type { Subscription } from "@aws-sdk/client-sns";
import type { Target } from "@aws-sdk/client-eventbridge";
import type { MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { StackInstanceSummary } from "@aws-sdk/client-cloudformation";
import type { Account } from "@aws-sdk/client-organizations";
import type { EventSelector, AdvancedEventSelector, Trail } from "@aws-sdk/client-cloudtrail";
import type { VerificationOutput } from "../../components/stack";
import type { Plan } from "../../scripts/plan";
import {
    FakeApiDestination,
    fakeApiDestinations,
    FakeConnection,
    fakeTopics,
} from "./fakeChannels";
import { CanaryPath, metricKey, MetricSource, NOW, steady } from "./fakeMetrics";
import { fakeOrganization } from "./fakeOrganization";
import { byType, fakeAlarms, fakeRules, fakeTrails } from "./fakeResources";

/** The usage metric of KMS's shared symmetric quota, with the dimensions KMS publishes it with. */
export const USAGE_DIMENSIONS = {
    Service: "KMS",
    Type: "API",
    Resource: "CryptographicOperationsSymmetric",
    Class: "None",
};

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
    /** Key ARN → the key, with the names of its aliases. */
    readonly keys: Map<
        string,
        { arn: string; state: string; manager: string; policy: string; aliases: string[] }
    >;
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
    /** Regions where Service Quotas has no KMS quotas: SERVICE_QUOTA returns nothing there. */
    withoutServiceQuotas?: Set<string>;
    /** The fake clock, in milliseconds; verify's sleeps move it. */
    now: number;
    callerAccount: string;
}

export interface FakeOrganization {
    managementAccount: string;
    /** Parent (OU or root) → its direct accounts and OUs. */
    children: Map<string, { accounts: Account[]; units: string[] }>;
    /** The forwarders' StackSet's instances. */
    instances: StackInstanceSummary[];
    /** The links' StackSet and its instances, with observability. */
    linkStackSetName?: string;
    linkInstances: StackInstanceSummary[];
    /** What ListStackInstances throws instead of answering. */
    instancesError?: Error;
    /** `account region` → the last heartbeat, in milliseconds. */
    lastHeartbeats: Map<string, number>;
    /** Region → the member accounts whose metrics the central account sees through its sink. */
    linkedAccounts: Map<string, string[]>;
}

/** The account as the plan deploys it: every resource in place, every heartbeat arriving. */
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
                              aliases: byType(plan, "aws:kms/alias:Alias")
                                  .filter((alias) => alias.inputs.targetKeyId === key.state.keyId)
                                  .map((alias) => alias.inputs.name as string),
                          },
                      ],
                  ],
        ),
        alarms: fakeAlarms(plan),
        queues: new Map(byType(plan, "aws:sqs/queue:Queue").map((queue) => [queue.state.url, 0])),
        metrics: new Map([
            ...verification.heartbeats.map((heartbeat): [string, MetricSource] => [
                metricKey(heartbeat.region, "AWS/Events", "Invocations", {
                    RuleName: heartbeat.ruleName,
                }),
                steady(1, 300_000),
            ]),
            // KMS's symmetric calls in every watched region.
            ...verification.regions.map((region): [string, MetricSource] => [
                metricKey(region, "AWS/Usage", "CallCount", USAGE_DIMENSIONS),
                steady(120, 60_000),
            ]),
        ]),
        organization: fakeOrganization(verification),
        kmsCalls: [],
        canaryPath: "delivered",
        now: NOW,
    };
    return fake;
}
