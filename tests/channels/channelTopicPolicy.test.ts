import { strict as assert } from "assert";
import { topicPolicyDocument } from "../../components/alerts";
import { chatbotServiceLinkedRoleArn } from "../../components/channels";
import { evaluate, Principal } from "../../verify/policyEvaluator";
import {
    ACCOUNT,
    ENV,
    events,
    OTHER_ACCOUNT,
    OTHER_STACK_RULE,
    request,
    RULE,
    TOPIC,
} from "./policyFixtures";

describe("the chat and webhook topics", () => {
    const policy = topicPolicyDocument({
        ...ENV,
        topicArn: TOPIC,
        eventRuleArns: [RULE],
        alarmsPublish: false,
        subscriberArns: [chatbotServiceLinkedRoleArn(ENV)],
    });
    const publish = (principal: Principal, context: Record<string, string>) =>
        evaluate(policy, request(principal, "sns:Publish", TOPIC, context));
    /**
     * In the topic's own account a request is allowed when the topic policy or the caller's
     * identity policy allows it and neither denies it (IAM User Guide, "Policy evaluation logic").
     */
    const sameAccount = (identityPolicy: object, principal: Principal, action: string) => {
        const asked = request(principal, action, TOPIC, { "aws:PrincipalArn": principal.id });
        const decisions = [evaluate(policy, asked), evaluate(identityPolicy as never, asked)];
        if (decisions.includes("ExplicitDeny")) return "ExplicitDeny";
        return decisions.includes("Allow") ? "Allow" : "ImplicitDeny";
    };
    const snsAdmin = {
        Statement: [{ Effect: "Allow", Action: "sns:*", Resource: "*" }],
    };
    /** AWSChatbotServiceLinkedRolePolicy, the AWS managed policy of Amazon Q Developer's service-linked role. */
    const chatbotServiceLinkedRolePolicy = {
        Statement: [
            {
                Effect: "Allow",
                Action: [
                    "sns:ListSubscriptionsByTopic",
                    "sns:ListTopics",
                    "sns:Unsubscribe",
                    "sns:Subscribe",
                    "sns:ListSubscriptions",
                ],
                Resource: "*",
            },
        ],
    };

    it("let nobody else in the account publish or subscribe, whatever their own policy allows", () => {
        const alice: Principal = { type: "AWS", id: `arn:aws:iam::${ACCOUNT}:user/Alice` };
        assert.equal(sameAccount(snsAdmin, alice, "sns:Publish"), "ExplicitDeny");
        assert.equal(sameAccount(snsAdmin, alice, "sns:Subscribe"), "ExplicitDeny");
        assert.equal(sameAccount(snsAdmin, alice, "sns:ListSubscriptionsByTopic"), "Allow");
    });

    it("let Amazon Q Developer's service-linked role subscribe its endpoint", () => {
        const slr: Principal = { type: "AWS", id: chatbotServiceLinkedRoleArn(ENV) };
        assert.equal(sameAccount(chatbotServiceLinkedRolePolicy, slr, "sns:Subscribe"), "Allow");
        assert.equal(
            sameAccount(chatbotServiceLinkedRolePolicy, slr, "sns:Publish"),
            "ExplicitDeny",
        );
    });

    it("take alerts from this stack's rules", () => {
        assert.equal(
            publish(events, { "aws:SourceArn": RULE, "aws:SourceAccount": ACCOUNT }),
            "Allow",
        );
    });

    it("refuse another stack's rule, another account's rule, and any alarm", () => {
        assert.equal(
            publish(events, { "aws:SourceArn": OTHER_STACK_RULE, "aws:SourceAccount": ACCOUNT }),
            "ExplicitDeny",
        );
        assert.equal(
            publish(events, {
                "aws:SourceArn": RULE.replace(ACCOUNT, OTHER_ACCOUNT),
                "aws:SourceAccount": OTHER_ACCOUNT,
            }),
            "ExplicitDeny",
        );
        assert.equal(
            publish(
                { type: "Service", id: "cloudwatch.amazonaws.com" },
                {
                    "aws:SourceArn": `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:x`,
                    "aws:SourceAccount": ACCOUNT,
                },
            ),
            "ExplicitDeny",
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
