import { strict as assert } from "assert";
import { alarmArnPattern, eventRuleArn } from "../../components/shared";
import {
    deliveryAlarmDescription,
    deliveryAlarmSettings,
} from "../../components/delivery/deliveryFailures";
import { KmsMonitoring } from "../../components/stack";
import { alertKeyPolicyDocument, topicPolicyDocument } from "../../components/alerts/topicPolicies";
import { deadLetterQueuePolicyDocument } from "../../components/delivery/queuePolicy";
import { PolicyDocument } from "../../components/shared";
import { TARGET_RETRY_POLICY } from "../../components/alerts/topicRule";
import { ACCOUNT_ID, installMocks, Recorder, restoreWarnings, settle } from "../harness";
import { evaluate, Request } from "../../verify/policyEvaluator";

const ENV = { accountId: ACCOUNT_ID, partition: "aws", region: "us-east-1" };
const OTHER_ACCOUNT = "999988887777";
const TOPIC_ARN = "arn:aws:sns:us-east-1:111122223333:snsworkshop";
const QUEUE_ARN = "arn:aws:sqs:us-east-1:111122223333:dead-letters";
const RULE_ARN = eventRuleArn(ENV, "kms-monitoring-dev-data-key-generation");
const TLS = { "aws:SecureTransport": "true" };

afterEach(restoreWarnings);

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
});

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

describe("topic key policy document", () => {
    it("keeps the account root statement and grants both services exactly GenerateDataKey* and Decrypt", () => {
        const statements = alertKeyPolicyDocument({ ...ENV, partition: "aws-cn" }).Statement;
        assert.deepEqual(statements[0].Principal, { AWS: "arn:aws-cn:iam::111122223333:root" });
        assert.equal(statements[0].Action, "kms:*");
        const byService = (service: string) =>
            statements.filter(
                (each) => JSON.stringify(each.Principal) === JSON.stringify({ Service: service }),
            );
        for (const service of ["events.amazonaws.com", "cloudwatch.amazonaws.com"]) {
            assert.equal(byService(service).length, 1, service);
            assert.deepEqual(
                byService(service)[0].Action,
                ["kms:GenerateDataKey*", "kms:Decrypt"],
                service,
            );
        }
        assert.equal(byService("events.amazonaws.com")[0].Condition, undefined);
        assert.deepEqual(byService("cloudwatch.amazonaws.com")[0].Condition, {
            StringEquals: { "aws:SourceAccount": "111122223333" },
        });
    });
});

describe("delivery failure alarms and retries", () => {
    it("watches the three places delivery can fail", () => {
        assert.deepEqual(
            (["dead-letters", "failed-invocations", "failed-notifications"] as const).map(
                (failure) => {
                    const settings = deliveryAlarmSettings(failure);
                    return [
                        settings.namespace,
                        settings.metricName,
                        settings.dimension,
                        settings.comparisonOperator,
                        settings.threshold,
                        settings.treatMissingData,
                    ];
                },
            ),
            [
                [
                    "AWS/SQS",
                    "ApproximateNumberOfMessagesVisible",
                    "QueueName",
                    "GreaterThanThreshold",
                    0,
                    "notBreaching",
                ],
                [
                    "AWS/Events",
                    "FailedInvocations",
                    "RuleName",
                    "GreaterThanThreshold",
                    0,
                    "notBreaching",
                ],
                [
                    "AWS/SNS",
                    "NumberOfNotificationsFailed",
                    "TopicName",
                    "GreaterThanThreshold",
                    0,
                    "notBreaching",
                ],
            ],
        );
    });

    it("tells the on-call what broke", () => {
        assert.match(
            deliveryAlarmDescription("failed-invocations", "kms-monitoring-dev-key-management"),
            /rule kms-monitoring-dev-key-management .* could not publish/,
        );
        assert.match(deliveryAlarmDescription("dead-letters", "q"), /SQS queue q/);
        assert.match(
            deliveryAlarmDescription("failed-notifications", "snsworkshop"),
            /topic snsworkshop could not deliver/,
        );
    });

    it("retries within EventBridge's limits", () => {
        assert.ok(
            TARGET_RETRY_POLICY.maximumEventAgeInSeconds >= 60 &&
                TARGET_RETRY_POLICY.maximumEventAgeInSeconds <= 86_400,
        );
        assert.ok(
            TARGET_RETRY_POLICY.maximumRetryAttempts >= 0 &&
                TARGET_RETRY_POLICY.maximumRetryAttempts <= 185,
        );
    });
});

describe("delivery wiring", () => {
    async function deploy(
        args: Partial<ConstructorParameters<typeof KmsMonitoring>[1]> = {},
        stack = "dev",
    ): Promise<Recorder> {
        const recorder = await installMocks({ stack });
        new KmsMonitoring("kms-monitoring", {
            namePrefix: `kms-monitoring-${stack}`,
            topicName: "snsworkshop",
            alertEmails: ["a@example.com"],
            ...args,
        });
        await settle(recorder);
        return recorder;
    }

    it("encrypts the topic with its own rotating key, never alias/aws/sns", async () => {
        const recorder = await deploy({ alertKeyDeletionWindowInDays: 14 });
        const key = recorder.one("aws:kms/key:Key");
        assert.equal(key.inputs.enableKeyRotation, true);
        assert.equal(key.inputs.deletionWindowInDays, 14);
        assert.equal(key.protect, false);
        const topic = recorder.one("aws:sns/topic:Topic");
        assert.equal(topic.inputs.kmsMasterKeyId, key.state.arn);
        assert.equal(
            recorder.one("aws:kms/alias:Alias").inputs.name,
            "alias/kms-monitoring-dev-alerts",
        );
        const policy = JSON.parse(key.inputs.policy);
        assert.deepEqual(policy, alertKeyPolicyDocument(ENV));
    });

    it("leaves the topic unencrypted only when asked", async () => {
        const recorder = await deploy({ encryptTopic: false });
        assert.equal(recorder.byType("aws:kms/key:Key").length, 0);
        assert.equal(recorder.one("aws:sns/topic:Topic").inputs.kmsMasterKeyId, undefined);
    });

    it("gives every target the dead-letter queue and the retry policy", async () => {
        const recorder = await deploy();
        const queue = recorder.one("aws:sqs/queue:Queue");
        assert.equal(queue.inputs.sqsManagedSseEnabled, true);
        assert.equal(queue.inputs.messageRetentionSeconds, 1_209_600);
        const targets = recorder.byType("aws:cloudwatch/eventTarget:EventTarget");
        assert.equal(targets.length, 4);
        for (const target of targets) {
            assert.deepEqual(target.inputs.deadLetterConfig, { arn: queue.state.arn }, target.name);
            assert.deepEqual(target.inputs.retryPolicy, TARGET_RETRY_POLICY, target.name);
        }
        const queuePolicy = recorder.one("aws:sqs/queuePolicy:QueuePolicy");
        assert.equal(queuePolicy.inputs.queueUrl, queue.state.url);
        const rules = recorder
            .byType("aws:cloudwatch/eventRule:EventRule")
            .map((rule) => rule.state.arn);
        assert.deepEqual(
            JSON.parse(queuePolicy.inputs.policy),
            deadLetterQueuePolicyDocument({
                accountId: ACCOUNT_ID,
                queueArn: queue.state.arn,
                eventRuleArns: rules,
            }),
        );
    });

    it("keeps the retry policy but no queue when dead-letter queues are off", async () => {
        const recorder = await deploy({ deadLetterQueue: false });
        assert.equal(recorder.byType("aws:sqs/queue:Queue").length, 0);
        for (const target of recorder.byType("aws:cloudwatch/eventTarget:EventTarget")) {
            assert.equal(target.inputs.deadLetterConfig, undefined);
            assert.deepEqual(target.inputs.retryPolicy, TARGET_RETRY_POLICY);
        }
    });

    it("creates no dead-letter queue when the stack has no rules", async () => {
        const recorder = await deploy({
            apiCallAlerts: [],
            keyLifecycleEvents: false,
            discoverExpiringKeys: false,
        });
        assert.equal(recorder.byType("aws:cloudwatch/eventRule:EventRule").length, 0);
        assert.equal(recorder.byType("aws:sqs/queue:Queue").length, 0);
        assert.deepEqual(
            recorder
                .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
                .map((alarm) => alarm.inputs.name),
            ["kms-monitoring-dev-sns-failed-notifications"],
        );
    });

    it("points each delivery alarm at the right dimension and at the topic", async () => {
        const recorder = await deploy();
        const alarms = recorder
            .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter(
                (alarm) =>
                    alarm.inputs.namespace !== "AWS/KMS" &&
                    alarm.inputs.metricQueries === undefined,
            )
            .sort((a, b) => a.inputs.name.localeCompare(b.inputs.name));
        const topic = recorder.one("aws:sns/topic:Topic");
        const queue = recorder.one("aws:sqs/queue:Queue");
        assert.deepEqual(
            alarms.map((alarm) => [
                alarm.inputs.name,
                alarm.inputs.metricName,
                alarm.inputs.dimensions,
            ]),
            [
                [
                    "kms-monitoring-dev-data-key-generation-failed-invocations",
                    "FailedInvocations",
                    { RuleName: "kms-monitoring-dev-data-key-generation" },
                ],
                [
                    "kms-monitoring-dev-dead-letters",
                    "ApproximateNumberOfMessagesVisible",
                    { QueueName: queue.state.name },
                ],
                [
                    "kms-monitoring-dev-expiring-keys-failed-invocations",
                    "FailedInvocations",
                    { RuleName: "kms-monitoring-dev-expiring-keys" },
                ],
                [
                    "kms-monitoring-dev-key-lifecycle-failed-invocations",
                    "FailedInvocations",
                    { RuleName: "kms-monitoring-dev-key-lifecycle" },
                ],
                [
                    "kms-monitoring-dev-key-management-failed-invocations",
                    "FailedInvocations",
                    { RuleName: "kms-monitoring-dev-key-management" },
                ],
                [
                    "kms-monitoring-dev-sns-failed-notifications",
                    "NumberOfNotificationsFailed",
                    { TopicName: "snsworkshop" },
                ],
            ],
        );
        for (const alarm of alarms) {
            assert.deepEqual(alarm.inputs.alarmActions, [topic.state.arn]);
            assert.equal(alarm.inputs.treatMissingData, "notBreaching");
            assert.ok(alarm.inputs.alarmDescription.length > 40);
        }
        assert.equal(
            recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm").length,
            alarms.length + 1,
            "no imported or watched key: only the expiring-material alarm",
        );
    });

    it("adds no delivery alarms when self-monitoring is off", async () => {
        const recorder = await deploy({ selfMonitoring: false, discoverExpiringKeys: false });
        assert.equal(recorder.byType("kms-monitoring:delivery:DeliveryAlarms").length, 0);
        assert.equal(recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm").length, 0);
    });

    it("protects the alert key when asked", async () => {
        const recorder = await deploy({ alertKeyProtect: true });
        assert.equal(recorder.one("aws:kms/key:Key").protect, true);
        assert.equal(recorder.one("aws:kms/alias:Alias").protect, true);
    });

    it("can only schedule the deletion of any KMS key it creates", async () => {
        const recorder = await deploy({ importedKey: { alias: "alias/ImportedCMK" } });
        const keys = [
            ...recorder.byType("aws:kms/key:Key"),
            ...recorder.byType("aws:kms/externalKey:ExternalKey"),
        ];
        assert.equal(keys.length, 2);
        for (const key of keys) {
            assert.ok(
                key.inputs.deletionWindowInDays >= 7 && key.inputs.deletionWindowInDays <= 30,
                key.name,
            );
        }
    });
});
