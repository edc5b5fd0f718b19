import { strict as assert } from "assert";
import { alarmArnPattern, eventRuleArn, PolicyDocument } from "../../components/shared";
import { alertKeyPolicyDocument, topicPolicyDocument } from "../../components/alerts/topicPolicies";
import { deadLetterQueuePolicyDocument } from "../../components/delivery/queuePolicy";
import { ACCOUNT_ID } from "../harness";
import { evaluate, Request } from "../../verify/policyEvaluator";
import { ENV, OTHER_ACCOUNT, QUEUE_ARN, RULE_ARN, TLS, TOPIC_ARN } from "./fixtures";

describe("who may use the alert topic, its key and the dead-letter queue", () => {
    let topicPolicy: PolicyDocument;
    let keyPolicy: PolicyDocument;
    let queuePolicy: PolicyDocument;

    before(() => {
        topicPolicy = topicPolicyDocument({
            ...ENV,
            topicArn: TOPIC_ARN,
            eventRuleArns: [RULE_ARN],
        });
        keyPolicy = alertKeyPolicyDocument(ENV);
        queuePolicy = deadLetterQueuePolicyDocument({
            accountId: ACCOUNT_ID,
            queueArn: QUEUE_ARN,
            eventRuleArns: [RULE_ARN],
        });
    });

    const servicePublish = (
        service: string,
        sourceArn: string,
        sourceAccount: string,
        secure = "true",
    ): Request => ({
        principal: { type: "Service", id: service },
        action: "sns:Publish",
        resource: TOPIC_ARN,
        context: {
            "aws:SourceArn": sourceArn,
            "aws:SourceAccount": sourceAccount,
            "aws:SecureTransport": secure,
        },
    });

    it("allows the stack's rule to publish", () => {
        assert.equal(
            evaluate(topicPolicy, servicePublish("events.amazonaws.com", RULE_ARN, ACCOUNT_ID)),
            "Allow",
        );
    });

    it("denies a rule in another account, and another rule of this account", () => {
        const foreignRule = `arn:aws:events:us-east-1:${OTHER_ACCOUNT}:rule/kms-monitoring-dev-data-key-generation`;
        assert.notEqual(
            evaluate(
                topicPolicy,
                servicePublish("events.amazonaws.com", foreignRule, OTHER_ACCOUNT),
            ),
            "Allow",
        );
        assert.notEqual(
            evaluate(
                topicPolicy,
                servicePublish(
                    "events.amazonaws.com",
                    eventRuleArn(ENV, "someone-elses-rule"),
                    ACCOUNT_ID,
                ),
            ),
            "Allow",
        );
    });

    it("allows an alarm in this account, and denies one in another", () => {
        const alarm = alarmArnPattern(ENV).replace(
            "*",
            "kms-monitoring-dev-key-material-expiry-alias-ImportedCMK",
        );
        assert.equal(
            evaluate(topicPolicy, servicePublish("cloudwatch.amazonaws.com", alarm, ACCOUNT_ID)),
            "Allow",
        );
        const foreignAlarm = `arn:aws:cloudwatch:us-east-1:${OTHER_ACCOUNT}:alarm:x`;
        assert.notEqual(
            evaluate(
                topicPolicy,
                servicePublish("cloudwatch.amazonaws.com", foreignAlarm, OTHER_ACCOUNT),
            ),
            "Allow",
        );
    });

    it("denies an anonymous principal", () => {
        const anonymous: Request = {
            principal: { type: "Anonymous", id: "*" },
            action: "sns:Publish",
            resource: TOPIC_ARN,
            context: TLS,
        };
        assert.notEqual(evaluate(topicPolicy, anonymous), "Allow");
    });

    it("lets the owner account publish and subscribe, but nobody else", () => {
        const owner = (account: string, action: string): Request => ({
            principal: { type: "AWS", id: `arn:aws:iam::${account}:role/Ops` },
            action,
            resource: TOPIC_ARN,
            context: { ...TLS, "AWS:SourceOwner": ACCOUNT_ID },
        });
        assert.equal(evaluate(topicPolicy, owner(ACCOUNT_ID, "sns:Subscribe")), "Allow");
        const stranger: Request = {
            principal: { type: "AWS", id: `arn:aws:iam::${OTHER_ACCOUNT}:role/Ops` },
            action: "sns:Publish",
            resource: TOPIC_ARN,
            context: TLS,
        };
        assert.notEqual(evaluate(topicPolicy, stranger), "Allow");
    });

    it("denies a request over plain HTTP, even from the stack's rule", () => {
        assert.equal(
            evaluate(
                topicPolicy,
                servicePublish("events.amazonaws.com", RULE_ARN, ACCOUNT_ID, "false"),
            ),
            "ExplicitDeny",
        );
    });

    it("lets EventBridge use the topic key without source conditions", () => {
        for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
            const request: Request = {
                principal: { type: "Service", id: "events.amazonaws.com" },
                action,
                resource: "*",
                context: {},
            };
            assert.equal(evaluate(keyPolicy, request), "Allow", action);
        }
    });

    it("lets CloudWatch use the topic key only for this account", () => {
        const use = (account: string): Request => ({
            principal: { type: "Service", id: "cloudwatch.amazonaws.com" },
            action: "kms:GenerateDataKey",
            resource: "*",
            context: { "aws:SourceAccount": account },
        });
        assert.equal(evaluate(keyPolicy, use(ACCOUNT_ID)), "Allow");
        assert.notEqual(evaluate(keyPolicy, use(OTHER_ACCOUNT)), "Allow");
    });

    it("gives the services nothing else on the key, and the account administers it", () => {
        const request = (principal: Request["principal"], action: string): Request => ({
            principal,
            action,
            resource: "*",
            context: { "aws:SourceAccount": ACCOUNT_ID },
        });
        assert.notEqual(
            evaluate(
                keyPolicy,
                request({ type: "Service", id: "events.amazonaws.com" }, "kms:ScheduleKeyDeletion"),
            ),
            "Allow",
        );
        assert.notEqual(
            evaluate(
                keyPolicy,
                request({ type: "Service", id: "events.amazonaws.com" }, "kms:Encrypt"),
            ),
            "Allow",
        );
        assert.equal(
            evaluate(
                keyPolicy,
                request(
                    { type: "AWS", id: `arn:aws:iam::${ACCOUNT_ID}:role/KeyAdmin` },
                    "kms:PutKeyPolicy",
                ),
            ),
            "Allow",
        );
        assert.notEqual(
            evaluate(
                keyPolicy,
                request(
                    { type: "AWS", id: `arn:aws:iam::${OTHER_ACCOUNT}:role/KeyAdmin` },
                    "kms:Decrypt",
                ),
            ),
            "Allow",
        );
    });

    it("lets only the stack's rules send to the dead-letter queue", () => {
        const send = (sourceArn: string, account: string): Request => ({
            principal: { type: "Service", id: "events.amazonaws.com" },
            action: "sqs:SendMessage",
            resource: QUEUE_ARN,
            context: { ...TLS, "aws:SourceArn": sourceArn, "aws:SourceAccount": account },
        });
        assert.equal(evaluate(queuePolicy, send(RULE_ARN, ACCOUNT_ID)), "Allow");
        assert.notEqual(
            evaluate(queuePolicy, send(eventRuleArn(ENV, "other"), ACCOUNT_ID)),
            "Allow",
        );
        assert.notEqual(
            evaluate(
                queuePolicy,
                send(`arn:aws:events:us-east-1:${OTHER_ACCOUNT}:rule/x`, OTHER_ACCOUNT),
            ),
            "Allow",
        );
    });
});
