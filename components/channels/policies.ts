import { AwsEnvironment, denyInsecureTransport, PolicyDocument } from "../shared";

/**
 * The principal that subscribes Amazon Q Developer to the chat topic: "AWS Chatbot automatically
 * uses the AWSServiceRoleForAWSChatbot service-linked role to add or remove subscriptions to the
 * AWS Chatbot global Amazon SNS subscription endpoint" (Administrator Guide, "Using service-linked
 * roles"). The role is trusted by `management.chatbot.amazonaws.com` (Administrator Guide,
 * "Service-linked role for performing operations on Amazon SNS topics"), and its policy, the AWS
 * managed AWSChatbotServiceLinkedRolePolicy, grants `sns:Subscribe`, `sns:Unsubscribe` and
 * `sns:ListSubscriptionsByTopic` (AWS Managed Policy Reference): the subscription is that role's
 * own call, so `aws:PrincipalArn` is this ARN, on the path service-linked roles have. The chat
 * topic lets it alone subscribe.
 */
export function chatbotServiceLinkedRoleArn(env: Pick<AwsEnvironment, "partition" | "accountId">) {
    return (
        `arn:${env.partition}:iam::${env.accountId}:role/aws-service-role/` +
        "management.chatbot.amazonaws.com/AWSServiceRoleForAWSChatbot"
    );
}

/**
 * Who may assume the chat configurations' role: Amazon Q Developer in chat applications, still
 * `chatbot.amazonaws.com`, and nobody else.
 */
export function chatRoleTrustPolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AmazonQDeveloperInChatApplications",
                Effect: "Allow",
                Principal: { Service: "chatbot.amazonaws.com" },
                Action: "sts:AssumeRole",
            },
        ],
    };
}

/**
 * Every chat configuration's guardrail: the most any command run from the channel may do, whatever
 * role runs it ("What your users can do is the intersection of your guardrail policies and what is
 * allowed by their roles", Amazon Q Developer in chat applications Administrator Guide,
 * "Understanding permissions"): read CloudWatch, nothing else. It replaces the provider's default
 * guardrail, AdministratorAccess (`guardrailPolicyArns` on aws.chatbot.SlackChannelConfiguration).
 * The channel role itself gets no permission at all (ChatChannels): the stack's notifications are
 * custom ones that carry all they show, and the configurations require each member's own role.
 */
export function chatGuardrailPolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadCloudWatchOnly",
                Effect: "Allow",
                Action: ["cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*"],
                Resource: "*",
            },
        ],
    };
}

/** What the PagerDuty role may do: invoke the one API destination, nothing else. */
export function pagerDutyRolePolicy(apiDestinationArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "InvokeThePagerDutyDestination",
                Effect: "Allow",
                Action: "events:InvokeApiDestination",
                Resource: apiDestinationArn,
            },
        ],
    };
}

/**
 * The webhook subscriptions' dead-letter queue: only the webhook topic may send to it (SNS
 * Developer Guide, "Configuring an Amazon SNS dead-letter queue for a subscription": sns.amazonaws.com
 * with aws:SourceArn the topic).
 */
export function webhookDeadLetterPolicy(queueArn: string, topicArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WebhookTopicSendsUndeliveredMessages",
                Effect: "Allow",
                Principal: { Service: "sns.amazonaws.com" },
                Action: "sqs:SendMessage",
                Resource: queueArn,
                Condition: { ArnEquals: { "aws:SourceArn": topicArn } },
            },
            denyInsecureTransport("sqs:*", queueArn),
        ],
    };
}
