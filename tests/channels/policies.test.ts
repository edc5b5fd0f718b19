import { strict as assert } from "assert";
import { topicPolicyDocument } from "../../components/alerts";
import {
    chatGuardrailPolicy,
    chatRoleTrustPolicy,
    pagerDutyRolePolicy,
    webhookDeadLetterPolicy,
} from "../../components/channels";
import { eventBridgeRuleTrustPolicy } from "../../components/shared";
import { evaluate, Principal, Request } from "../../verify/policyEvaluator";

const ACCOUNT = "111122223333";
const OTHER_ACCOUNT = "444455556666";
const ENV = { accountId: ACCOUNT, partition: "aws", region: "us-east-1" };
const RULE = `arn:aws:events:us-east-1:${ACCOUNT}:rule/kms-monitoring-prod-alarms-firing`;
const OTHER_STACK_RULE = `arn:aws:events:us-east-1:${ACCOUNT}:rule/other-stack-alarms-firing`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:kms-monitoring-chat-topic`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/kms-monitoring-chat-role`;

function request(
    principal: Principal,
    action: string,
    resource: string,
    context: Record<string, string> = {},
): Request {
    return { principal, action, resource, context: { "aws:SecureTransport": "true", ...context } };
}

const events: Principal = { type: "Service", id: "events.amazonaws.com" };

describe("the chat role and the chat guardrail", () => {
    const policy = chatGuardrailPolicy();

    it("is assumed by Amazon Q Developer in chat applications only", () => {
        const trust = chatRoleTrustPolicy();
        const assume = (principal: Principal) =>
            evaluate(trust, request(principal, "sts:AssumeRole", ROLE));
        assert.equal(assume({ type: "Service", id: "chatbot.amazonaws.com" }), "Allow");
        assert.equal(assume(events), "ImplicitDeny");
        assert.equal(assume({ type: "AWS", id: `arn:aws:iam::${ACCOUNT}:root` }), "ImplicitDeny");
    });

    it("lets a command from the channel read CloudWatch at most", () => {
        for (const action of [
            "cloudwatch:DescribeAlarms",
            "cloudwatch:GetMetricData",
            "cloudwatch:GetMetricWidgetImage",
            "cloudwatch:ListMetrics",
        ]) {
            assert.equal(
                evaluate(policy, request({ type: "AWS", id: ROLE }, action, "*")),
                "Allow",
            );
        }
    });

    it("lets no command from the channel write anything", () => {
        const allowed = policy.Statement.flatMap((statement) =>
            statement.Effect === "Allow" ? [statement.Action].flat() : [],
        );
        for (const action of allowed) {
            assert.match(action, /^cloudwatch:(Describe|Get|List)\*$/, "read actions only");
        }
        for (const action of [
            "cloudwatch:PutMetricAlarm",
            "cloudwatch:DeleteAlarms",
            "cloudwatch:SetAlarmState",
            "cloudwatch:DisableAlarmActions",
            "cloudwatch:PutDashboard",
            "cloudwatch:PutMetricData",
            "cloudwatch:TagResource",
            "sns:Publish",
            "sns:Subscribe",
            "kms:Decrypt",
            "kms:ScheduleKeyDeletion",
            "iam:PassRole",
            "iam:CreateRole",
            "events:PutEvents",
            "logs:PutLogEvents",
            "s3:PutObject",
            "lambda:InvokeFunction",
        ]) {
            assert.equal(
                evaluate(policy, request({ type: "AWS", id: ROLE }, action, "*")),
                "ImplicitDeny",
                action,
            );
        }
    });
});

describe("the chat and webhook topics", () => {
    const policy = topicPolicyDocument({
        ...ENV,
        topicArn: TOPIC,
        eventRuleArns: [RULE],
        alarmsPublish: false,
    });
    const publish = (principal: Principal, context: Record<string, string>) =>
        evaluate(policy, request(principal, "sns:Publish", TOPIC, context));

    it("take alerts from this stack's rules", () => {
        assert.equal(
            publish(events, { "aws:SourceArn": RULE, "aws:SourceAccount": ACCOUNT }),
            "Allow",
        );
    });

    it("refuse another stack's rule, another account's rule, and any alarm", () => {
        assert.equal(
            publish(events, { "aws:SourceArn": OTHER_STACK_RULE, "aws:SourceAccount": ACCOUNT }),
            "ImplicitDeny",
        );
        assert.equal(
            publish(events, {
                "aws:SourceArn": RULE.replace(ACCOUNT, OTHER_ACCOUNT),
                "aws:SourceAccount": OTHER_ACCOUNT,
            }),
            "ImplicitDeny",
        );
        assert.equal(
            publish(
                { type: "Service", id: "cloudwatch.amazonaws.com" },
                {
                    "aws:SourceArn": `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:x`,
                    "aws:SourceAccount": ACCOUNT,
                },
            ),
            "ImplicitDeny",
        );
    });

    it("refuse plain HTTP", () => {
        assert.equal(
            evaluate(
                policy,
                request(events, "sns:Publish", TOPIC, {
                    "aws:SourceArn": RULE,
                    "aws:SourceAccount": ACCOUNT,
                    "aws:SecureTransport": "false",
                }),
            ),
            "ExplicitDeny",
        );
    });
});

describe("the PagerDuty role", () => {
    const destination = `arn:aws:events:us-east-1:${ACCOUNT}:api-destination/kms-monitoring-prod-pagerduty/abc`;
    const trust = eventBridgeRuleTrustPolicy(ACCOUNT, [
        `arn:aws:events:us-east-1:${ACCOUNT}:rule/kms-monitoring-prod-pagerduty-*`,
        `arn:aws:events:us-east-1:${ACCOUNT}:rule/kms-monitoring-prod-alarms-*`,
    ]);
    const assume = (sourceArn: string, account = ACCOUNT) =>
        evaluate(
            trust,
            request(events, "sts:AssumeRole", "*", {
                "aws:SourceArn": sourceArn,
                "aws:SourceAccount": account,
            }),
        );

    it("is assumed by EventBridge for this stack's PagerDuty and alarm rules only", () => {
        assert.equal(assume(`${RULE.replace("alarms-firing", "pagerduty-critical")}`), "Allow");
        assert.equal(assume(RULE), "Allow");
        assert.equal(assume(OTHER_STACK_RULE), "ImplicitDeny");
        assert.equal(assume(RULE.replace(ACCOUNT, OTHER_ACCOUNT), OTHER_ACCOUNT), "ImplicitDeny");
        assert.equal(
            evaluate(trust, request({ type: "AWS", id: ROLE }, "sts:AssumeRole", "*")),
            "ImplicitDeny",
        );
    });

    it("invokes the PagerDuty destination and nothing else", () => {
        const policy = pagerDutyRolePolicy(destination);
        const principal: Principal = { type: "AWS", id: ROLE };
        assert.equal(
            evaluate(policy, request(principal, "events:InvokeApiDestination", destination)),
            "Allow",
        );
        assert.equal(
            evaluate(policy, request(principal, "events:InvokeApiDestination", `${destination}x`)),
            "ImplicitDeny",
        );
        assert.equal(evaluate(policy, request(principal, "events:PutEvents", "*")), "ImplicitDeny");
    });
});

describe("the webhook dead-letter queue", () => {
    const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:kms-monitoring-webhooks-dead-letters`;
    const topic = `arn:aws:sns:us-east-1:${ACCOUNT}:kms-monitoring-webhooks-topic`;
    const policy = webhookDeadLetterPolicy(queue, topic);
    const send = (sourceArn: string, secure = "true") =>
        evaluate(
            policy,
            request({ type: "Service", id: "sns.amazonaws.com" }, "sqs:SendMessage", queue, {
                "aws:SourceArn": sourceArn,
                "aws:SecureTransport": secure,
            }),
        );

    it("takes the webhook topic's undelivered messages and nobody else's", () => {
        assert.equal(send(topic), "Allow");
        assert.equal(send(TOPIC), "ImplicitDeny");
        assert.equal(send(topic, "false"), "ExplicitDeny");
        assert.equal(
            evaluate(policy, request(events, "sqs:SendMessage", queue, { "aws:SourceArn": RULE })),
            "ImplicitDeny",
        );
    });
});
