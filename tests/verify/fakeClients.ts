/**
 * The AWS SDK clients verify uses, answered by aws-sdk-client-mock from a FakeAccount, in the
 * shapes of the services' API references. TestEventPattern is answered by the pattern matcher of
 * tests/support, the same the other tests trust.
 */
import { CloudFormationClient, ListStackInstancesCommand } from "@aws-sdk/client-cloudformation";
import {
    CloudTrailClient,
    DescribeTrailsCommand,
    GetEventSelectorsCommand,
    GetTrailStatusCommand,
} from "@aws-sdk/client-cloudtrail";
import {
    CloudWatchClient,
    DescribeAlarmsCommand,
    GetMetricDataCommand,
    ListMetricsCommand,
} from "@aws-sdk/client-cloudwatch";
import {
    CloudWatchLogsClient,
    GetQueryResultsCommand,
    StartQueryCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
    DescribeApiDestinationCommand,
    DescribeConnectionCommand,
    DescribeRuleCommand,
    EventBridgeClient,
    ListTargetsByRuleCommand,
    TestEventPatternCommand,
} from "@aws-sdk/client-eventbridge";
import {
    CancelKeyDeletionCommand,
    DescribeKeyCommand,
    GenerateDataKeyCommand,
    GetKeyPolicyCommand,
    KMSClient,
} from "@aws-sdk/client-kms";
import {
    DescribeOrganizationCommand,
    ListAccountsForParentCommand,
    ListOrganizationalUnitsForParentCommand,
    OrganizationsClient,
} from "@aws-sdk/client-organizations";
import {
    GetSubscriptionAttributesCommand,
    GetTopicAttributesCommand,
    ListSubscriptionsByTopicCommand,
    SNSClient,
} from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { matchesPattern } from "../support/eventMatcher";
import { FakeAccount, followCanary, metricKey } from "./fakeAccount";

/** An error as the SDK throws it for a service's answer. */
export function serviceError(name: string, message = name): Error {
    return Object.assign(new Error(message), { name, $fault: "client", $metadata: {} });
}

/**
 * TestEventPattern's event "must follow the format specified in Amazon Web Services Events, and
 * the following fields are mandatory: id, account, source, time, region, resources, detail-type"
 * (EventBridge API reference, TestEventPattern, Event). A sample that lacks one is refused here
 * (with one of the API's documented errors, InvalidEventPatternException), so that a broken
 * sample fails a test instead of matching in the fake only.
 */
export const TEST_EVENT_FIELDS = [
    "id",
    "account",
    "source",
    "time",
    "region",
    "resources",
    "detail-type",
] as const;

export function assertTestableEvent(event: Record<string, unknown>): void {
    const missing = TEST_EVENT_FIELDS.filter((field) => event[field] === undefined);
    if (missing.length > 0) {
        throw serviceError(
            "InvalidEventPatternException",
            `Event is not valid: missing ${missing.join(", ")}`,
        );
    }
}

type GetClient = () => { config: { region: () => Promise<string> } };
const regionOf = (getClient: GetClient) => getClient().config.region();

function fakeEvents(fake: FakeAccount) {
    const rule = async (
        input: { Name?: string; Rule?: string; EventBusName?: string },
        getClient: GetClient,
    ) => {
        const found = fake.rules.get(
            `${await regionOf(getClient)} ${input.EventBusName ?? "default"} ${input.Name ?? input.Rule}`,
        );
        if (found === undefined) {
            throw serviceError(
                "ResourceNotFoundException",
                `Rule ${input.Name ?? input.Rule} does not exist.`,
            );
        }
        return found;
    };
    const events = mockClient(EventBridgeClient);
    events.on(DescribeRuleCommand).callsFake(async (input, getClient) => {
        const { Targets: _targets, ...described } = await rule(input, getClient);
        return { Name: input.Name, EventBusName: input.EventBusName, ...described };
    });
    events.on(ListTargetsByRuleCommand).callsFake(async (input, getClient) => ({
        Targets: (await rule(input, getClient)).Targets,
    }));
    events.on(TestEventPatternCommand).callsFake((input) => {
        const event = JSON.parse(input.Event);
        assertTestableEvent(event);
        return { Result: matchesPattern(JSON.parse(input.EventPattern), event) };
    });
    const named = <T>(map: Map<string, T>, name: string, what: string): T => {
        const found = map.get(name);
        if (found === undefined) {
            throw serviceError("ResourceNotFoundException", `Failed to describe the ${what}(s).`);
        }
        return found;
    };
    events.on(DescribeApiDestinationCommand).callsFake((input) => ({
        Name: input.Name,
        ...named(fake.apiDestinations, input.Name, "api-destination"),
    }));
    events.on(DescribeConnectionCommand).callsFake((input) => ({
        Name: input.Name,
        AuthorizationType: "API_KEY",
        ...named(fake.connections, input.Name, "connection"),
    }));
    return events;
}

function fakeCloudWatch(fake: FakeAccount) {
    const cloudWatch = mockClient(CloudWatchClient);
    cloudWatch.on(GetMetricDataCommand).callsFake(async (input, getClient) => {
        const region = await regionOf(getClient);
        return {
            MetricDataResults: input.MetricDataQueries.map(
                (query: {
                    Id: string;
                    MetricStat: {
                        Metric: {
                            Namespace: string;
                            MetricName: string;
                            Dimensions: { Name: string; Value: string }[];
                        };
                        Period: number;
                    };
                }) => {
                    const { Metric, Period } = query.MetricStat;
                    const dimensions = Object.fromEntries(
                        Metric.Dimensions.map((each) => [each.Name, each.Value]),
                    );
                    const source = fake.metrics.get(
                        metricKey(region, Metric.Namespace, Metric.MetricName, dimensions),
                    );
                    // "Start time less than 15 days ago - Round down to the nearest whole minute"
                    // (CloudWatch API reference, GetMetricData, StartTime).
                    const data = source?.({
                        startMs: Math.floor(input.StartTime.getTime() / 60_000) * 60_000,
                        endMs: input.EndTime.getTime(),
                        period: Period * 1000,
                    });
                    return {
                        Id: query.Id,
                        StatusCode: "Complete",
                        Timestamps: (data?.timestamps ?? []).map((time) => new Date(time)),
                        Values: data?.values ?? [],
                    };
                },
            ),
        };
    });
    // The linked metric of every account the sink sees, the central account's own included.
    cloudWatch.on(ListMetricsCommand).callsFake(async (input, getClient) => {
        const accounts = input.IncludeLinkedAccounts
            ? (fake.organization.linkedAccounts.get(await regionOf(getClient)) ?? [])
            : [];
        return {
            Metrics: accounts.map(() => ({
                Namespace: input.Namespace,
                MetricName: input.MetricName,
                Dimensions: input.Dimensions,
            })),
            OwningAccounts: accounts,
        };
    });
    cloudWatch.on(DescribeAlarmsCommand).callsFake(async (input, getClient) => {
        const region = await regionOf(getClient);
        return {
            MetricAlarms: (input.AlarmNames as string[])
                .map((name) => fake.alarms.get(`${region} ${name}`))
                .filter((alarm) => alarm !== undefined),
        };
    });
    return cloudWatch;
}

function fakeKms(fake: FakeAccount) {
    const key = (id: string) => {
        const found = [...fake.keys.values()].find(
            (each) => each.arn === id || each.arn.endsWith(`/${id}`),
        );
        if (found === undefined)
            throw serviceError("NotFoundException", `Key '${id}' does not exist`);
        return found;
    };
    const kms = mockClient(KMSClient);
    kms.on(DescribeKeyCommand).callsFake((input) => {
        if (input.KeyId === "alias/aws/sns") {
            return {
                KeyMetadata: {
                    Arn: "arn:aws:kms:us-east-1:111122223333:key/aws-managed-sns",
                    KeyManager: "AWS",
                    KeyState: "Enabled",
                },
            };
        }
        const found = key(input.KeyId);
        return {
            KeyMetadata: { Arn: found.arn, KeyManager: found.manager, KeyState: found.state },
        };
    });
    kms.on(GetKeyPolicyCommand).callsFake((input) => ({
        Policy: key(input.KeyId).policy,
        PolicyName: "default",
    }));
    kms.on(GenerateDataKeyCommand).callsFake((input) => {
        fake.kmsCalls.push(`GenerateDataKey ${input.KeyId}`);
        followCanary(fake, "GenerateDataKey");
        return {
            KeyId: key(input.KeyId).arn,
            Plaintext: new Uint8Array(32),
            CiphertextBlob: new Uint8Array(64),
        };
    });
    kms.on(CancelKeyDeletionCommand).callsFake((input) => {
        fake.kmsCalls.push(`CancelKeyDeletion ${input.KeyId}`);
        followCanary(fake, "CancelKeyDeletion");
        if (key(input.KeyId).state !== "PendingDeletion") {
            throw serviceError(
                "KMSInvalidStateException",
                `${input.KeyId} is not pending deletion`,
            );
        }
        return { KeyId: input.KeyId };
    });
    return kms;
}

function fakeCloudTrail(fake: FakeAccount) {
    const trail = async (name: string, getClient: GetClient) =>
        (fake.trails.get(await regionOf(getClient)) ?? []).find(
            (each) => each.trail.TrailARN === name,
        );
    const cloudTrail = mockClient(CloudTrailClient);
    cloudTrail.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => {
        if (fake.trailError !== undefined) throw fake.trailError;
        return {
            trailList: (fake.trails.get(await regionOf(getClient)) ?? []).map((each) => each.trail),
        };
    });
    cloudTrail.on(GetTrailStatusCommand).callsFake(async (input, getClient) => ({
        IsLogging: (await trail(input.Name, getClient))?.logging,
    }));
    cloudTrail.on(GetEventSelectorsCommand).callsFake(async (input, getClient) => {
        const found = await trail(input.TrailName, getClient);
        if (found?.selectors === undefined)
            throw serviceError("TrailNotFoundException", "Unknown trail");
        return { TrailARN: input.TrailName, ...found.selectors };
    });
    return cloudTrail;
}

function fakeOrganizations(fake: FakeAccount) {
    const organizations = mockClient(OrganizationsClient);
    const children = (id: string) =>
        fake.organization.children.get(id) ?? { accounts: [], units: [] };
    organizations
        .on(DescribeOrganizationCommand)
        .resolves({ Organization: { MasterAccountId: fake.organization.managementAccount } });
    organizations
        .on(ListAccountsForParentCommand)
        .callsFake((input) => ({ Accounts: children(input.ParentId).accounts }));
    organizations.on(ListOrganizationalUnitsForParentCommand).callsFake((input) => ({
        OrganizationalUnits: children(input.ParentId).units.map((Id) => ({ Id })),
    }));
    const cloudFormation = mockClient(CloudFormationClient);
    cloudFormation.on(ListStackInstancesCommand).callsFake(() => {
        if (fake.organization.instancesError !== undefined) throw fake.organization.instancesError;
        return { Summaries: fake.organization.instances };
    });
    const logs = mockClient(CloudWatchLogsClient);
    logs.on(StartQueryCommand).resolves({ queryId: "query-1" });
    logs.on(GetQueryResultsCommand).callsFake(() => ({
        status: "Complete",
        results: [...fake.organization.lastHeartbeats].map(([pair, time]) => {
            const [account, region] = pair.split(" ");
            const stamp = new Date(time).toISOString().replace("T", " ").replace("Z", "");
            return [
                { field: "account", value: account },
                { field: "region", value: region },
                { field: "lastHeartbeat", value: stamp },
            ];
        }),
    }));
    return [organizations, cloudFormation, logs];
}

/** Installs the fakes; returns the function that takes them away. */
export function installFakes(fake: FakeAccount): () => void {
    const sts = mockClient(STSClient);
    sts.on(GetCallerIdentityCommand).callsFake(() => ({
        Account: fake.callerAccount,
        Arn: `arn:aws:iam::${fake.callerAccount}:role/verifier`,
        UserId: "AROAEXAMPLE",
    }));
    const sns = mockClient(SNSClient);
    sns.on(ListSubscriptionsByTopicCommand).callsFake((input) => ({
        Subscriptions: fake.subscriptions.get(input.TopicArn) ?? [],
    }));
    sns.on(GetTopicAttributesCommand).callsFake((input) => ({
        Attributes: fake.topicAttributes.get(input.TopicArn),
    }));
    sns.on(GetSubscriptionAttributesCommand).callsFake((input) => {
        const attributes = fake.subscriptionAttributes.get(input.SubscriptionArn);
        if (attributes === undefined)
            throw serviceError("NotFoundException", "Subscription does not exist");
        return { Attributes: attributes };
    });
    const sqs = mockClient(SQSClient);
    sqs.on(GetQueueAttributesCommand).callsFake((input) => {
        const count = fake.queues.get(input.QueueUrl);
        if (count === undefined)
            throw serviceError("QueueDoesNotExist", "The specified queue does not exist.");
        return {
            Attributes: {
                ApproximateNumberOfMessages: String(count),
                ApproximateNumberOfMessagesNotVisible: "0",
                ApproximateNumberOfMessagesDelayed: "0",
            },
        };
    });
    const mocks = [
        sts,
        sns,
        sqs,
        fakeEvents(fake),
        fakeCloudWatch(fake),
        fakeKms(fake),
        fakeCloudTrail(fake),
        ...fakeOrganizations(fake),
    ];
    return () => mocks.forEach((mock) => mock.restore());
}
