/**
 * The parts of a fake account that every topic has, and those of the alert channels: each topic's
 * attributes and subscriptions (the stack's, and the one Amazon Q Developer makes on a chat
 * topic), each subscription's attributes, PagerDuty's API destination and connection, and the
 * member accounts whose metrics the central account sees through its sinks.
 */
import type { Subscription } from "@aws-sdk/client-sns";
import type { Plan } from "../../scripts/plan";

const byType = (plan: Plan, type: string) =>
    plan.recorded.filter((resource) => resource.type === type);

/** The HTTPS endpoint public configurations show Amazon Q Developer subscribing with. */
export const CHATBOT_ENDPOINT = "https://global.sns-api.chatbot.amazonaws.com";

export interface FakeApiDestination {
    ApiDestinationState: string;
    InvocationEndpoint: string;
    ConnectionArn: string;
}

export interface FakeConnection {
    ConnectionState: string;
    StateReason?: string;
}

export interface FakeTopics {
    /** Topic ARN → its attributes (key, policy). */
    readonly topicAttributes: Map<string, Record<string, string>>;
    /** Topic ARN → its subscriptions, confirmed. */
    readonly subscriptions: Map<string, Subscription[]>;
    /** Subscription ARN → its attributes. */
    readonly subscriptionAttributes: Map<string, Record<string, string>>;
}

/** Every topic as deployed, each subscription confirmed, Amazon Q Developer's on each chat topic. */
export function fakeTopics(plan: Plan): FakeTopics {
    const fake: FakeTopics = {
        topicAttributes: new Map(),
        subscriptions: new Map(),
        subscriptionAttributes: new Map(),
    };
    const policies = byType(plan, "aws:sns/topicPolicy:TopicPolicy");
    for (const topic of byType(plan, "aws:sns/topic:Topic")) {
        const arn = topic.state.arn;
        fake.topicAttributes.set(arn, {
            ...(topic.inputs.kmsMasterKeyId ? { KmsMasterKeyId: topic.inputs.kmsMasterKeyId } : {}),
            Policy: policies.find((policy) => policy.inputs.arn === arn)?.inputs.policy,
        });
        fake.subscriptions.set(arn, []);
    }
    const chatTopics = [
        ...byType(plan, "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration"),
        ...byType(plan, "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration"),
    ].flatMap((configuration) => configuration.inputs.snsTopicArns as string[]);
    const subscribed = [
        ...byType(plan, "aws:sns/topicSubscription:TopicSubscription").map((each) => ({
            topicArn: each.inputs.topic as string,
            protocol: each.inputs.protocol as string,
            endpoint: each.inputs.endpoint as string,
            attributes: {
                ...(each.inputs.redrivePolicy ? { RedrivePolicy: each.inputs.redrivePolicy } : {}),
                ...(each.inputs.deliveryPolicy
                    ? { DeliveryPolicy: each.inputs.deliveryPolicy }
                    : {}),
            },
        })),
        ...[...new Set(chatTopics)].map((topicArn) => ({
            topicArn,
            protocol: "https",
            endpoint: CHATBOT_ENDPOINT,
            attributes: {},
        })),
    ];
    subscribed.forEach(({ topicArn, protocol, endpoint, attributes }, index) => {
        const SubscriptionArn = `${topicArn}:0000000${index}-confirmed`;
        fake.subscriptions
            .get(topicArn)
            ?.push({ SubscriptionArn, Protocol: protocol, Endpoint: endpoint, TopicArn: topicArn });
        fake.subscriptionAttributes.set(SubscriptionArn, {
            SubscriptionArn,
            TopicArn: topicArn,
            Protocol: protocol,
            Endpoint: endpoint,
            PendingConfirmation: "false",
            ...attributes,
        });
    });
    return fake;
}

/** Every API destination ACTIVE, on its connection, which is AUTHORIZED; by name. */
export function fakeApiDestinations(plan: Plan): {
    apiDestinations: Map<string, FakeApiDestination>;
    connections: Map<string, FakeConnection>;
} {
    const connections = byType(plan, "aws:cloudwatch/eventConnection:EventConnection");
    // The ARN of each, as the mock gives it, ends in an ID as EventBridge's does: connection/<name>/<id>.
    return {
        apiDestinations: new Map(
            byType(plan, "aws:cloudwatch/eventApiDestination:EventApiDestination").map(
                (destination) => [
                    destination.inputs.name,
                    {
                        ApiDestinationState: "ACTIVE",
                        InvocationEndpoint: destination.inputs.invocationEndpoint,
                        ConnectionArn: destination.inputs.connectionArn,
                    },
                ],
            ),
        ),
        connections: new Map(
            connections.map((connection) => [
                connection.inputs.name,
                { ConnectionState: "AUTHORIZED" },
            ]),
        ),
    };
}
