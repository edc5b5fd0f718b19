import { strict as assert } from "assert";
import { PolicyDocument } from "../../components/shared";
import { evaluate, Request } from "../../verify/policyEvaluator";
import { RULE_ARN, TLS, TOPIC_ARN } from "./fixtures";

describe("the test policy evaluator", () => {
    const policy: PolicyDocument = {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "Events",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sns:Publish",
                Resource: "arn:aws:sns:*:111122223333:*",
                Condition: { ArnLike: { "aws:SourceArn": "arn:aws:events:*:111122223333:rule/*" } },
            },
            {
                Sid: "Root",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:root" },
                Action: "sns:Get*",
                Resource: "*",
            },
            {
                Sid: "Tls",
                Effect: "Deny",
                Principal: "*",
                Action: "sns:*",
                Resource: "*",
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
    const publish = (context: Record<string, string>, id = "events.amazonaws.com"): Request => ({
        principal: { type: "Service", id },
        action: "SNS:Publish",
        resource: TOPIC_ARN,
        context: { ...TLS, ...context },
    });

    it("allows when an Allow applies, with wildcard actions, resources and ArnLike", () => {
        assert.equal(evaluate(policy, publish({ "aws:SourceArn": RULE_ARN })), "Allow");
    });

    it("denies implicitly when a condition key is missing or does not match", () => {
        assert.equal(evaluate(policy, publish({})), "ImplicitDeny");
        assert.equal(
            evaluate(
                policy,
                publish({ "aws:SourceArn": "arn:aws:events:us-east-1:999988887777:rule/x" }),
            ),
            "ImplicitDeny",
        );
    });

    it("matches principals by service name and by account root", () => {
        assert.equal(
            evaluate(policy, publish({ "aws:SourceArn": RULE_ARN }, "cloudwatch.amazonaws.com")),
            "ImplicitDeny",
        );
        const reader = (arn: string): Request => ({
            principal: { type: "AWS", id: arn },
            action: "sns:GetTopicAttributes",
            resource: TOPIC_ARN,
            context: TLS,
        });
        assert.equal(evaluate(policy, reader("arn:aws:iam::111122223333:role/Admin")), "Allow");
        assert.equal(
            evaluate(policy, reader("arn:aws:iam::999988887777:role/Admin")),
            "ImplicitDeny",
        );
    });

    it("lets an explicit Deny win over an Allow, with case-insensitive condition keys", () => {
        assert.equal(
            evaluate(
                policy,
                publish({ "AWS:SourceArn": RULE_ARN, "aws:securetransport": "false" }),
            ),
            "ExplicitDeny",
        );
    });

    it("refuses an operator it does not model rather than guessing", () => {
        const unknown: PolicyDocument = {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "X",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "*",
                    Resource: "*",
                    Condition: { NumericLessThan: { "aws:Foo": "1" } },
                },
            ],
        };
        assert.throws(
            () => evaluate(unknown, publish({})),
            /does not model condition operator NumericLessThan/,
        );
    });

    it("holds a negated operator when no value matches, and when the request lacks the key", () => {
        const denyOthers: PolicyDocument = {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "Anyone",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "sns:Publish",
                    Resource: "*",
                },
                {
                    Sid: "OnlyTheRule",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "sns:Publish",
                    Resource: "*",
                    Condition: { ArnNotEquals: { "aws:SourceArn": [RULE_ARN, `${RULE_ARN}-2`] } },
                },
            ],
        };
        assert.equal(evaluate(denyOthers, publish({ "aws:SourceArn": RULE_ARN })), "Allow");
        assert.equal(
            evaluate(denyOthers, publish({ "aws:SourceArn": `${RULE_ARN}-3` })),
            "ExplicitDeny",
        );
        // A person's own call carries no aws:SourceArn: the negated condition holds.
        const user = "arn:aws:iam::111122223333:user/Alice";
        assert.equal(
            evaluate(denyOthers, { ...publish({}), principal: { type: "AWS", id: user } }),
            "ExplicitDeny",
        );
    });
});
