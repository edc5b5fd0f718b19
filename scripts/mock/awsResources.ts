/**
 * What the mock answers when a resource registers: the ID and state AWS (through the provider)
 * would give it. Every ID and ARN is derived from names only, so runs are deterministic and a
 * value found in another resource's inputs identifies exactly one resource.
 */
import * as crypto from "crypto";
import { fakeUuid } from "./wire";

export interface MockEnvironment {
    readonly accountId: string;
    readonly region: string;
    readonly partition: string;
}

export interface MockResourceState {
    readonly id: string;
    readonly state: Record<string, any>;
}

/** What one resource type's answer is built from. */
interface Registration {
    readonly type: string;
    /** The Pulumi name. */
    readonly name: string;
    readonly inputs: Record<string, any>;
    /** The physical name: the `name` input, else Pulumi's auto-name (name plus a suffix). */
    readonly physical: string;
    /** The resource's own `region` input (AWS provider v7), else the provider's. */
    readonly region: string;
    readonly env: MockEnvironment;
    /** A regional ARN in the account. */
    arn(service: string, resource: string, region?: string): string;
}

type Answer = (registration: Registration) => MockResourceState;

/** The ID is the physical name, and the state adds the ARN. */
function namedWithArn(service: string, resource: (registration: Registration) => string): Answer {
    return (r) => {
        const arn = r.arn(service, resource(r), r.region);
        return { id: r.physical, state: { ...r.inputs, name: r.physical, arn } };
    };
}

function globalArn(r: Registration, service: string, resource: string): string {
    return `arn:${r.env.partition}:${service}::${r.env.accountId}:${resource}`;
}

const ANSWERS: Readonly<Record<string, Answer>> = {
    // Topics are global to their region: the provider's region, as the stack never sets one.
    "aws:sns/topic:Topic": (r) => {
        const arn = r.arn("sns", r.physical);
        return { id: arn, state: { ...r.inputs, name: r.physical, arn } };
    },
    "aws:sns/topicSubscription:TopicSubscription": (r) => {
        const email = r.inputs.protocol === "email";
        const arn = email ? "pending confirmation" : `${r.inputs.topic}:${fakeUuid(r.name)}`;
        return { id: arn, state: { ...r.inputs, arn, pendingConfirmation: email } };
    },
    // AWS identifies a topic or queue policy by its topic or queue; the mock appends the role so
    // that no two resources share an ID.
    "aws:sns/topicPolicy:TopicPolicy": (r) => ({
        id: `${r.inputs.arn}#policy`,
        state: { ...r.inputs, owner: r.env.accountId },
    }),
    "aws:sqs/queuePolicy:QueuePolicy": (r) => ({
        id: `${r.inputs.queueUrl}#policy`,
        state: { ...r.inputs },
    }),
    "aws:cloudwatch/eventRule:EventRule": namedWithArn("events", (r) => {
        const bus = r.inputs.eventBusName as string | undefined;
        return bus === undefined || bus === "default"
            ? `rule/${r.physical}`
            : `rule/${bus}/${r.physical}`;
    }),
    "aws:cloudwatch/eventTarget:EventTarget": (r) => {
        const targetId = fakeUuid(r.name).slice(0, 8);
        return { id: `${r.inputs.rule}-${targetId}`, state: { ...r.inputs, targetId } };
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": namedWithArn(
        "cloudwatch",
        (r) => `alarm:${r.physical}`,
    ),
    "aws:cloudwatch/eventBus:EventBus": namedWithArn("events", (r) => `event-bus/${r.physical}`),
    // The provider's arn attribute has no trailing `:*` (AWS provider v4 and later).
    "aws:cloudwatch/logGroup:LogGroup": namedWithArn("logs", (r) => `log-group:${r.physical}`),
    "aws:cloudwatch/eventConnection:EventConnection": namedWithArn(
        "events",
        (r) => `connection/${r.physical}/${fakeUuid(r.name)}`,
    ),
    "aws:cloudwatch/eventApiDestination:EventApiDestination": namedWithArn(
        "events",
        (r) => `api-destination/${r.physical}/${fakeUuid(r.name)}`,
    ),
    "aws:kms/externalKey:ExternalKey": (r) => {
        const keyId = fakeUuid(r.name);
        const expirationModel = r.inputs.validTo
            ? "KEY_MATERIAL_EXPIRES"
            : "KEY_MATERIAL_DOES_NOT_EXPIRE";
        return {
            id: keyId,
            state: {
                ...r.inputs,
                arn: r.arn("kms", `key/${keyId}`),
                keyState: "Enabled",
                expirationModel,
            },
        };
    },
    "aws:kms/key:Key": (r) => {
        const keyId = fakeUuid(r.name);
        return { id: keyId, state: { ...r.inputs, keyId, arn: r.arn("kms", `key/${keyId}`) } };
    },
    "aws:kms/alias:Alias": (r) => ({
        id: r.inputs.name,
        state: {
            ...r.inputs,
            arn: r.arn("kms", r.inputs.name),
            targetKeyArn: r.arn("kms", `key/${r.inputs.targetKeyId}`),
        },
    }),
    "aws:sqs/queue:Queue": (r) => {
        const url = `https://sqs.${r.region}.amazonaws.com/${r.env.accountId}/${r.physical}`;
        const arn = r.arn("sqs", r.physical, r.region);
        return { id: url, state: { ...r.inputs, name: r.physical, url, arn } };
    },
    "aws:iam/role:Role": (r) => {
        const uniqueId = `AROA${fakeUuid(r.name).replace(/-/g, "").slice(0, 17).toUpperCase()}`;
        const arn = globalArn(r, "iam", `role/${r.physical}`);
        return { id: r.physical, state: { ...r.inputs, name: r.physical, arn, uniqueId } };
    },
    "aws:iam/policy:Policy": (r) => {
        const arn = globalArn(r, "iam", `policy/${r.physical}`);
        return { id: arn, state: { ...r.inputs, name: r.physical, arn } };
    },
    "aws:cloudformation/stackSet:StackSet": (r) => {
        const stackSetId = `${r.physical}:${fakeUuid(r.name)}`;
        const arn = r.arn("cloudformation", `stackset/${stackSetId}`, r.region);
        return { id: r.physical, state: { ...r.inputs, name: r.physical, stackSetId, arn } };
    },
    // The sink's ARN ends in an ID AWS generates (OAM API reference, CreateSink).
    "aws:oam/sink:Sink": (r) => {
        const arn = r.arn("oam", `sink/${fakeUuid(r.name)}`, r.region);
        return { id: arn, state: { ...r.inputs, arn, sinkId: fakeUuid(r.name) } };
    },
    // Chat configurations are global: no region in their ARN.
    "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": (r) =>
        chatConfiguration(r, "slack-channel"),
    "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration": (r) =>
        chatConfiguration(r, "microsoft-teams-channel"),
    "random:index/randomBytes:RandomBytes": (r) => {
        const bytes = crypto.createHash("sha256").update(`material:${r.name}`).digest();
        const encoded = { base64: bytes.toString("base64"), hex: bytes.toString("hex") };
        return { id: `random-${fakeUuid(r.name)}`, state: { ...r.inputs, ...encoded } };
    },
};

function chatConfiguration(r: Registration, kind: string): MockResourceState {
    const resource = `chat-configuration/${kind}/${r.inputs.configurationName}`;
    const chatConfigurationArn = globalArn(r, "chatbot", resource);
    return { id: chatConfigurationArn, state: { ...r.inputs, chatConfigurationArn } };
}

/** The answer to one registration; a type the table does not know keeps its inputs as state. */
export function mockResourceState(
    env: MockEnvironment,
    type: string,
    name: string,
    inputs: Record<string, any>,
): MockResourceState {
    const suffix = crypto.createHash("sha1").update(name).digest("hex").slice(0, 7);
    const registration: Registration = {
        type,
        name,
        inputs,
        physical: (inputs.name as string | undefined) ?? `${name}-${suffix}`,
        region: (inputs.region as string | undefined) ?? env.region,
        env,
        arn: (service, resource, region) =>
            `arn:${env.partition}:${service}:${region ?? env.region}:${env.accountId}:${resource}`,
    };
    const answer = ANSWERS[type];
    return answer === undefined ? { id: `${name}-id`, state: { ...inputs } } : answer(registration);
}
