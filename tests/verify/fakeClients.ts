/**
 * The AWS SDK clients verify uses, answered by aws-sdk-client-mock from a FakeAccount, in the
 * shapes of the services' API references: STS, SNS and SQS here, the others in fakeEvents.ts,
 * fakeCloudWatch.ts, fakeKms.ts, fakeCloudTrail.ts and fakeOrganizationClients.ts.
 */
import {
    GetSubscriptionAttributesCommand,
    GetTopicAttributesCommand,
    ListSubscriptionsByTopicCommand,
    SNSClient,
} from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import type { FakeAccount } from "./fakeAccount";
import { fakeCloudTrail } from "./fakeCloudTrail";
import { fakeCloudWatch } from "./fakeCloudWatch";
import { fakeEvents } from "./fakeEvents";
import { fakeKms } from "./fakeKms";
import { fakeOrganizations } from "./fakeOrganizationClients";
import { pageOf, serviceError } from "./fakeService";

/** Installs the fakes; returns the function that takes them away. */
export function installFakes(fake: FakeAccount): () => void {
    const sts = mockClient(STSClient);
    sts.on(GetCallerIdentityCommand).callsFake(() => ({
        Account: fake.callerAccount,
        Arn: `arn:aws:iam::${fake.callerAccount}:role/verifier`,
        UserId: "AROAEXAMPLE",
    }));
    const sns = mockClient(SNSClient);
    sns.on(ListSubscriptionsByTopicCommand).callsFake((input) => {
        const { page, NextToken } = pageOf(
            fake.subscriptions.get(input.TopicArn) ?? [],
            input.NextToken,
        );
        return { Subscriptions: page, NextToken };
    });
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
