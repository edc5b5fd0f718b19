import { strict as assert } from "assert";
import type { VerificationOutput } from "../../components/stack";
import { shippedStacks } from "../../scripts/snapshots";
import { isSecretWire, RecordedResource, SECRET_PLACEHOLDERS } from "../harness";
import { regionOf, sorted, verifiedStack, VerifiedStack } from "./verificationFixtures";

for (const stack of shippedStacks()) {
    describe(`the verification output of Pulumi.${stack}.yaml`, () => {
        let verification: VerificationOutput;
        let byType: VerifiedStack["byType"];

        before(async () => {
            ({ verification, byType } = await verifiedStack(stack));
        });

        it("lists every topic with its kind and key, and every dead-letter queue with its kind", () => {
            // The channels' resources are named after their component: `<name>-chat-...`, `<name>-webhooks-...`.
            const kindOf = (resource: RecordedResource) =>
                /-(chat|webhooks)-/.exec(resource.name)?.[1] ?? "alerts";
            const topics = byType("aws:sns/topic:Topic");
            // A topic names its key by the alias; the output gives the key's ARN.
            const keyArnOf = (alias: string | undefined) => {
                const target = byType("aws:kms/alias:Alias").find(
                    (each) => each.inputs.name === alias,
                )?.inputs.targetKeyId;
                return byType("aws:kms/key:Key").find((key) => key.state.keyId === target)?.state
                    .arn;
            };
            assert.deepEqual(
                [...verification.topics].sort((a, b) => a.arn.localeCompare(b.arn)),
                topics
                    .map((topic) => ({
                        kind: kindOf(topic),
                        arn: topic.state.arn,
                        name: topic.state.name,
                        region: verification.homeRegion,
                        keyArn: keyArnOf(topic.inputs.kmsMasterKeyId),
                    }))
                    .sort((a, b) => a.arn.localeCompare(b.arn)),
            );
            assert.equal(verification.topics[0].kind, "alerts", "the alert topic comes first");
            assert.deepEqual(
                sorted(
                    verification.queues.map(
                        (queue) => `${queue.kind} ${queue.region} ${queue.url} ${queue.arn}`,
                    ),
                ),
                sorted(
                    byType("aws:sqs/queue:Queue").map(
                        (queue) =>
                            `${kindOf(queue) === "webhooks" ? "sns" : "eventbridge"} ` +
                            `${regionOf(queue, verification.homeRegion)} ${queue.state.url} ${queue.state.arn}`,
                    ),
                ),
            );
        });

        it("lists the stack's subscriptions, a webhook's by position, and Amazon Q Developer's on the chat topic", () => {
            const stackMade = verification.subscriptions.filter((each) => !each.createdBy);
            const registered = byType("aws:sns/topicSubscription:TopicSubscription");
            const describe = (each: {
                topicArn: string;
                protocol: string;
                endpoint?: string;
                deadLetterQueueArn?: string;
                deliveryPolicy?: string;
            }) =>
                [
                    each.topicArn,
                    each.protocol,
                    each.endpoint,
                    each.deadLetterQueueArn,
                    each.deliveryPolicy,
                ].join(" ");
            assert.deepEqual(
                sorted(stackMade.map(describe)),
                sorted(
                    registered.map((each) =>
                        describe({
                            topicArn: each.inputs.topic,
                            protocol: each.inputs.protocol,
                            // A webhook's URL is a secret: the record leaves it out.
                            endpoint: isSecretWire(each.wireInputs.endpoint)
                                ? undefined
                                : each.inputs.endpoint,
                            deadLetterQueueArn:
                                each.inputs.redrivePolicy &&
                                JSON.parse(each.inputs.redrivePolicy).deadLetterTargetArn,
                            deliveryPolicy: each.inputs.deliveryPolicy,
                        }),
                    ),
                ),
            );
            const chatTopics = [
                ...byType("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration"),
                ...byType("aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration"),
            ].flatMap((configuration) => configuration.inputs.snsTopicArns as string[]);
            assert.deepEqual(
                verification.subscriptions
                    .filter((each) => each.createdBy === "amazon-q-developer")
                    .map((each) => `${each.topicArn} ${each.protocol}`),
                [...new Set(chatTopics)].map((arn) => `${arn} https`),
            );
        });

        it("lists every API destination with its connection, and holds no secret", () => {
            const connections = byType("aws:cloudwatch/eventConnection:EventConnection");
            assert.deepEqual(
                verification.apiDestinations.map(({ name, arn, endpoint, connectionName }) => ({
                    name,
                    arn,
                    endpoint,
                    connectionName,
                })),
                byType("aws:cloudwatch/eventApiDestination:EventApiDestination").map(
                    (destination) => ({
                        name: destination.inputs.name,
                        arn: destination.state.arn,
                        endpoint: destination.inputs.invocationEndpoint,
                        connectionName: connections.find(
                            (each) => each.state.arn === destination.inputs.connectionArn,
                        )?.inputs.name,
                    }),
                ),
            );
            const text = JSON.stringify(verification);
            for (const secret of Object.values(SECRET_PLACEHOLDERS)) {
                assert.ok(!text.includes(secret), secret);
            }
        });
    });
}
