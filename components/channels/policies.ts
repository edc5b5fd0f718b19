import { denyInsecureTransport, PolicyDocument } from "../shared";

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
 * What the chat role may do, and the guardrail of every chat configuration (the most any channel
 * member's command may do): read CloudWatch, which the notifications-only role of the Amazon Q
 * Developer console also grants, and nothing else. The provider's default guardrail is
 * AdministratorAccess (`guardrailPolicyArns` on aws.chatbot.SlackChannelConfiguration), which this
 * policy replaces.
 */
export function chatNotificationsPolicy(): PolicyDocument {
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
