import { strict as assert } from "assert";
import {
    chatGuardrailPolicy,
    chatRoleTrustPolicy,
    pagerDutyRolePolicy,
    webhookDeadLetterPolicy,
} from "../../components/channels";
import { eventBridgeRuleTrustPolicy } from "../../components/shared";
import { evaluate, Principal } from "../../verify/policyEvaluator";
import {
    ACCOUNT,
    events,
    OTHER_ACCOUNT,
    OTHER_STACK_RULE,
    request,
    ROLE,
    RULE,
    TOPIC,
} from "./policyFixtures";

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
