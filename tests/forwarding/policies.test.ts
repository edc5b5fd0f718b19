import { strict as assert } from "assert";
import { KmsMonitoring } from "../../components/stack";
import { forwardingRolePolicy, heartbeatLogPolicy } from "../../components/forwarding";
import { eventBridgeLogGroupPolicy, eventBridgeRuleTrustPolicy } from "../../components/shared";
import { ACCOUNT_ID, build, Recorder, restoreWarnings } from "../harness";
import { snapshotPlan } from "../../scripts/snapshots";
import { evaluate, Request } from "../../verify/policyEvaluator";

const HOME_BUS = "arn:aws:events:us-east-1:111122223333:event-bus/default";
const EVENTS = { type: "Service", id: "events.amazonaws.com" } as const;
const ROLE = "arn:aws:iam::111122223333:role/forwarding";

afterEach(restoreWarnings);

const FORWARDER = "arn:aws:events:eu-west-1:111122223333:rule/kms-monitoring-dev-forward-api-calls";

function assume(
    principal: Request["principal"],
    sourceAccount: string,
    sourceArn = FORWARDER,
): Request {
    return {
        principal,
        action: "sts:AssumeRole",
        resource: ROLE,
        context: { "aws:SourceAccount": sourceAccount, "aws:SourceArn": sourceArn },
    };
}

function putEvents(resource: string, action = "events:PutEvents"): Request {
    // An identity-based policy speaks for the role it is attached to.
    return { principal: { type: "AWS", id: ROLE }, action, resource, context: {} };
}

describe("the forwarding role", () => {
    const trust = eventBridgeRuleTrustPolicy(ACCOUNT_ID, [
        "arn:aws:events:*:111122223333:rule/kms-monitoring-dev-forward-api-calls",
    ]);
    const permissions = forwardingRolePolicy(HOME_BUS);

    it("may be assumed by EventBridge for this account's forwarding rules only", () => {
        assert.equal(evaluate(trust, assume(EVENTS, ACCOUNT_ID)), "Allow");
        assert.equal(evaluate(trust, assume(EVENTS, "999988887777")), "ImplicitDeny");
        for (const other of [
            "arn:aws:events:eu-west-1:111122223333:rule/someone-elses-rule",
            "arn:aws:events:eu-west-1:999988887777:rule/kms-monitoring-dev-forward-api-calls",
        ]) {
            assert.equal(evaluate(trust, assume(EVENTS, ACCOUNT_ID, other)), "ImplicitDeny", other);
        }
        assert.equal(
            evaluate(trust, assume({ type: "Service", id: "lambda.amazonaws.com" }, ACCOUNT_ID)),
            "ImplicitDeny",
        );
        assert.equal(
            evaluate(
                trust,
                assume({ type: "AWS", id: "arn:aws:iam::111122223333:root" }, ACCOUNT_ID),
            ),
            "ImplicitDeny",
        );
    });

    it("may put events on the home bus and do nothing else", () => {
        assert.equal(evaluate(permissions, putEvents(HOME_BUS)), "Allow");
        assert.equal(
            evaluate(
                permissions,
                putEvents("arn:aws:events:eu-west-1:111122223333:event-bus/default"),
            ),
            "ImplicitDeny",
        );
        assert.equal(
            evaluate(
                permissions,
                putEvents("arn:aws:events:us-east-1:111122223333:event-bus/other"),
            ),
            "ImplicitDeny",
        );
        assert.equal(evaluate(permissions, putEvents(HOME_BUS, "events:PutRule")), "ImplicitDeny");
        assert.equal(evaluate(permissions, putEvents("*", "sqs:SendMessage")), "ImplicitDeny");
    });

    it("lets EventBridge write the heartbeats of the named rules only", () => {
        const logGroup = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/events/x-heartbeats";
        const rule = "arn:aws:events:us-east-1:111122223333:rule/x-heartbeat-eu-west-1";
        const write = (action: string, sourceArn: string): Request => ({
            principal: EVENTS,
            action,
            resource: `${logGroup}:log-stream:abc`,
            context: { "aws:SourceArn": sourceArn },
        });
        // The home heartbeats name their rules in a list, the member heartbeats their one rule.
        for (const policy of [
            heartbeatLogPolicy(logGroup, [rule]),
            eventBridgeLogGroupPolicy(logGroup, rule, "OneRule"),
        ]) {
            assert.equal(evaluate(policy, write("logs:PutLogEvents", rule)), "Allow");
            assert.equal(
                evaluate(policy, write("logs:PutLogEvents", `${rule}-other`)),
                "ImplicitDeny",
            );
            assert.equal(evaluate(policy, write("logs:CreateLogStream", `${rule}-other`)), "Allow");
            assert.equal(
                evaluate(policy, {
                    ...write("logs:PutLogEvents", rule),
                    resource: "arn:aws:logs:us-east-1:111122223333:log-group:/other:log-stream:abc",
                }),
                "ImplicitDeny",
            );
        }
    });

    describe("as deployed", () => {
        let recorder: Recorder;
        before(async () => {
            recorder = await build(
                () =>
                    new KmsMonitoring("kms-monitoring", {
                        namePrefix: "kms-monitoring-dev",
                        homeRegion: "us-east-1",
                        regions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
                    }),
            );
        });

        it("is one role for every region, trusted by exactly the stack's forwarding rules", () => {
            const role = recorder.one("aws:iam/role:Role");
            const deployedTrust = JSON.parse(role.inputs.assumeRolePolicy);
            const forwarders = recorder
                .byType("aws:cloudwatch/eventRule:EventRule")
                .filter((rule) => rule.inputs.region !== undefined);
            assert.equal(forwarders.length, 10);
            for (const rule of forwarders) {
                assert.equal(
                    evaluate(deployedTrust, assume(EVENTS, ACCOUNT_ID, rule.state.arn)),
                    "Allow",
                    rule.inputs.name,
                );
            }
            for (const rule of recorder
                .byType("aws:cloudwatch/eventRule:EventRule")
                .filter((each) => each.inputs.region === undefined)) {
                assert.equal(
                    evaluate(deployedTrust, assume(EVENTS, ACCOUNT_ID, rule.state.arn)),
                    "ImplicitDeny",
                    `home rule ${rule.inputs.name}`,
                );
            }
            const policy = recorder.one("aws:iam/rolePolicy:RolePolicy");
            assert.equal(policy.inputs.role, role.state.name);
            assert.deepEqual(JSON.parse(policy.inputs.policy), permissions);
        });

        it("gives each region its own dead-letter queue that admits only that region's forwarders", () => {
            for (const region of ["eu-west-1", "ap-southeast-2"]) {
                const queue = recorder
                    .byType("aws:sqs/queue:Queue")
                    .find((each) => each.inputs.region === region);
                assert.ok(queue, `a queue in ${region}`);
                assert.equal(queue.inputs.sqsManagedSseEnabled, true);
                const queuePolicy = recorder
                    .byType("aws:sqs/queuePolicy:QueuePolicy")
                    .find((each) => each.inputs.queueUrl === queue.state.url);
                assert.ok(queuePolicy);
                assert.equal(queuePolicy.inputs.region, region);
                const policy = JSON.parse(queuePolicy.inputs.policy);
                const send = (ruleArn: string): Request => ({
                    principal: EVENTS,
                    action: "sqs:SendMessage",
                    resource: queue.state.arn,
                    context: {
                        "aws:SourceArn": ruleArn,
                        "aws:SourceAccount": ACCOUNT_ID,
                        "aws:SecureTransport": "true",
                    },
                });
                const regionRules = recorder
                    .byType("aws:cloudwatch/eventRule:EventRule")
                    .filter((rule) => rule.inputs.region === region);
                assert.equal(regionRules.length, 5);
                for (const rule of regionRules) {
                    assert.equal(evaluate(policy, send(rule.state.arn)), "Allow", rule.inputs.name);
                }
                const otherRegion = region === "eu-west-1" ? "ap-southeast-2" : "eu-west-1";
                assert.equal(
                    evaluate(
                        policy,
                        send(
                            `arn:aws:events:${otherRegion}:${ACCOUNT_ID}:rule/kms-monitoring-dev-forward-api-calls`,
                        ),
                    ),
                    "ImplicitDeny",
                );
                assert.equal(
                    evaluate(
                        policy,
                        send(
                            `arn:aws:events:us-east-1:${ACCOUNT_ID}:rule/kms-monitoring-dev-key-management`,
                        ),
                    ),
                    "ImplicitDeny",
                );
            }
        });
    });
});

describe("the heartbeat log groups' resource policies", () => {
    it("are attached to their log group, not to the account's ten policies a region", async () => {
        const { recorded } = await snapshotPlan("org");
        const policies = recorded.filter(
            (resource) => resource.type === "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
        );
        const logGroups = recorded.filter(
            (resource) => resource.type === "aws:cloudwatch/logGroup:LogGroup",
        );
        assert.equal(policies.length, 2, "home heartbeats and member heartbeats");
        for (const policy of policies) {
            assert.equal(policy.inputs.policyName, undefined, policy.name);
            const logGroup = logGroups.find(
                (group) => group.state.arn === policy.inputs.resourceArn,
            );
            assert.ok(logGroup, `${policy.name} names a log group of the stack`);
            const statements = JSON.parse(policy.inputs.policyDocument).Statement as {
                Resource: string;
            }[];
            assert.ok(statements.every((each) => each.Resource === `${logGroup.state.arn}:*`));
        }
    });
});
