import { strict as assert } from "assert";
import { alarmArnPattern, eventRuleArn } from "../../components/shared";
import { PolicyStatement } from "../../components/shared";
import { topicPolicyDocument } from "../../components/alerts/topicPolicies";

const ENV = { accountId: "111122223333", partition: "aws", region: "eu-west-1" };
const TOPIC = "arn:aws:sns:eu-west-1:111122223333:snsworkshop";
const RULES = [
    eventRuleArn(ENV, "kms-monitoring-dev-data-key-generation"),
    eventRuleArn(ENV, "kms-monitoring-dev-key-lifecycle"),
];

function statement(sid: string, statements: readonly PolicyStatement[]): PolicyStatement {
    const found = statements.find((candidate) => candidate.Sid === sid);
    assert.ok(found, `statement ${sid}`);
    return found;
}

describe("ARN helpers", () => {
    it("builds rule ARNs on the default bus", () => {
        assert.equal(eventRuleArn(ENV, "r"), "arn:aws:events:eu-west-1:111122223333:rule/r");
    });

    it("builds the alarm ARN pattern in any partition", () => {
        assert.equal(
            alarmArnPattern({ ...ENV, partition: "aws-cn", region: "cn-north-1" }),
            "arn:aws-cn:cloudwatch:cn-north-1:111122223333:alarm:*",
        );
    });
});

describe("topic policy document", () => {
    const policy = () => topicPolicyDocument({ ...ENV, topicArn: TOPIC, eventRuleArns: RULES });

    it("is a 2012-10-17 policy whose every statement is on the topic", () => {
        assert.equal(policy().Version, "2012-10-17");
        for (const each of policy().Statement) {
            assert.equal(each.Resource, TOPIC, each.Sid);
        }
    });

    it("keeps the owner account's usual rights, scoped by AWS:SourceOwner", () => {
        const owner = statement("TopicOwnerAccess", policy().Statement);
        assert.equal(owner.Effect, "Allow");
        assert.deepEqual(owner.Principal, { AWS: "*" });
        assert.ok((owner.Action as string[]).includes("sns:Publish"));
        assert.ok((owner.Action as string[]).includes("sns:Subscribe"));
        assert.deepEqual(owner.Condition, { StringEquals: { "AWS:SourceOwner": "111122223333" } });
    });

    it("lets only this stack's EventBridge rules publish", () => {
        const events = statement("EventBridgeRulesPublish", policy().Statement);
        assert.equal(events.Effect, "Allow");
        assert.deepEqual(events.Principal, { Service: "events.amazonaws.com" });
        assert.equal(events.Action, "sns:Publish");
        assert.deepEqual(events.Condition, {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnEquals: { "aws:SourceArn": RULES },
        });
    });

    it("lets only this account's CloudWatch alarms in the region publish", () => {
        const alarms = statement("CloudWatchAlarmsPublish", policy().Statement);
        assert.equal(alarms.Effect, "Allow");
        assert.deepEqual(alarms.Principal, { Service: "cloudwatch.amazonaws.com" });
        assert.equal(alarms.Action, "sns:Publish");
        assert.deepEqual(alarms.Condition, {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*" },
        });
    });

    it("denies every action over plain HTTP", () => {
        const deny = statement("DenyInsecureTransport", policy().Statement);
        assert.equal(deny.Effect, "Deny");
        assert.equal(deny.Principal, "*");
        assert.equal(deny.Action, "sns:*");
        assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
    });

    it("never allows an open principal without an account condition", () => {
        for (const each of policy().Statement.filter((candidate) => candidate.Effect === "Allow")) {
            const conditions = JSON.stringify(each.Condition ?? {});
            assert.ok(conditions.includes("111122223333"), `${each.Sid} is limited to the account`);
        }
    });

    it("grants EventBridge nothing when the stack has no rules", () => {
        const document = topicPolicyDocument({ ...ENV, topicArn: TOPIC, eventRuleArns: [] });
        assert.equal(
            document.Statement.some((each) =>
                JSON.stringify(each.Principal).includes("events.amazonaws.com"),
            ),
            false,
        );
    });
});
