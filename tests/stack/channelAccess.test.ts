import { strict as assert } from "assert";
import { Recorder, restoreWarnings } from "../harness";
import { evaluate, Principal } from "../../verify/policyEvaluator";
import { busOf, everythingStack, targetsOf, topicArn } from "./fixtures";

afterEach(restoreWarnings);

describe("who may use the channels: the chat role and guardrail, the channel topics' policies", function () {
    this.timeout(60_000);
    let recorder: Recorder;
    before(async () => {
        ({ recorder } = await everythingStack());
    });
    const run = (document: object, principal: Principal, action: string) =>
        evaluate(document as never, { principal, action, resource: "*", context: {} });

    it("gives the chat role no permission: custom notifications fetch nothing", () => {
        const role = recorder.one("aws:iam/role:Role", "-chat-role");
        // Everything the role may do: the policies attached to it or inline in it.
        const attached = recorder
            .byType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((each) => each.inputs.role === role.state.name)
            .map((each) => each.inputs.policyArn);
        const rolePolicies = [
            ...recorder
                .byType("aws:iam/policy:Policy")
                .filter((each) => attached.includes(each.state.arn)),
            ...recorder
                .byType("aws:iam/rolePolicy:RolePolicy")
                .filter((each) => each.inputs.role === role.state.name),
        ].map((each) => JSON.parse(each.inputs.policy));
        assert.equal(role.inputs.managedPolicyArns, undefined);
        assert.equal(role.inputs.inlinePolicies, undefined);
        const principal: Principal = { type: "AWS", id: role.state.arn };
        for (const action of [
            "cloudwatch:DescribeAlarms",
            "cloudwatch:GetMetricData",
            "kms:Decrypt",
            "sns:Publish",
        ]) {
            for (const document of rolePolicies) {
                assert.notEqual(run(document, principal, action), "Allow", action);
            }
        }
    });

    it("requires each member's own role, behind a read-only guardrail, never AdministratorAccess, logging errors, in a Region with the API", () => {
        const role = recorder.one("aws:iam/role:Role", "-chat-role");
        const guardrail = recorder.one("aws:iam/policy:Policy", "-chat-read-cloudwatch");
        const ceiling = JSON.parse(guardrail.inputs.policy);
        const member: Principal = { type: "AWS", id: "arn:aws:iam::111122223333:role/Admin" };
        assert.equal(run(ceiling, member, "cloudwatch:DescribeAlarms"), "Allow");
        assert.equal(run(ceiling, member, "kms:ScheduleKeyDeletion"), "ImplicitDeny");
        const configurations = [
            recorder.one("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration"),
            recorder.one("aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration"),
        ];
        for (const configuration of configurations) {
            assert.deepEqual(configuration.inputs.guardrailPolicyArns, [guardrail.state.arn]);
            assert.equal(configuration.inputs.userAuthorizationRequired, true);
            assert.ok(!JSON.stringify(configuration.inputs).includes("AdministratorAccess"));
            assert.equal(configuration.inputs.loggingLevel, "ERROR");
            assert.equal(configuration.inputs.iamRoleArn, role.state.arn);
            assert.deepEqual(configuration.inputs.snsTopicArns, [
                topicArn(recorder, "-chat-topic-topic"),
            ]);
            // us-east-1 has no Amazon Q Developer API.
            assert.equal(configuration.inputs.region, "us-east-2");
            assert.deepEqual(configuration.replaceOnChanges, ["configurationName"]);
            assert.equal(configuration.deleteBeforeReplace, true);
        }
        assert.match(
            configurations[0].inputs.configurationName,
            /^kms-monitoring-test-slack-T07EA123LEP-C07EZ1ABC23$/,
        );
        assert.match(
            configurations[1].inputs.configurationName,
            /^kms-monitoring-test-teams-[0-9a-f]{12}$/,
        );
    });

    it("let only the stack's rules publish to the channel topics, and only the stack's own subscribers subscribe", () => {
        const account = "111122223333";
        const subscribers = {
            // Amazon Q Developer subscribes with its service-linked role; the webhooks are the
            // deployer's (the mock runtime's caller).
            chat: `arn:aws:iam::${account}:role/aws-service-role/management.chatbot.amazonaws.com/AWSServiceRoleForAWSChatbot`,
            webhooks: `arn:aws:iam::${account}:user/deployer`,
        };
        for (const [channel, subscriber] of Object.entries(subscribers)) {
            const topic = topicArn(recorder, `-${channel}-topic-topic`);
            const policy = JSON.parse(
                recorder.one("aws:sns/topicPolicy:TopicPolicy", `-${channel}-topic-policy`).inputs
                    .policy,
            );
            const ask = (principal: Principal, action: string, context: Record<string, string>) =>
                evaluate(policy, {
                    principal,
                    action,
                    resource: topic,
                    context: { "aws:SecureTransport": "true", ...context },
                });
            const publishers = recorder
                .byType("aws:cloudwatch/eventRule:EventRule")
                .filter((rule) =>
                    targetsOf(recorder, rule).some((target) => target.inputs.arn === topic),
                );
            assert.ok(publishers.length > 3, channel);
            for (const rule of publishers) {
                const bus = busOf(rule) === "default" ? "" : `${busOf(rule)}/`;
                const sourceArn = `arn:aws:events:us-east-1:${account}:rule/${bus}${rule.inputs.name}`;
                const events: Principal = { type: "Service", id: "events.amazonaws.com" };
                const context = { "aws:SourceArn": sourceArn, "aws:SourceAccount": account };
                assert.equal(ask(events, "sns:Publish", context), "Allow", sourceArn);
            }
            const alice: Principal = { type: "AWS", id: `arn:aws:iam::${account}:user/Alice` };
            const as = (id: string) => ({ "aws:PrincipalArn": id });
            assert.equal(ask(alice, "sns:Publish", as(alice.id)), "ExplicitDeny", channel);
            assert.equal(ask(alice, "sns:Subscribe", as(alice.id)), "ExplicitDeny", channel);
            // Not denied: the subscriber's own policy decides (same account).
            const own: Principal = { type: "AWS", id: subscriber };
            assert.equal(ask(own, "sns:Subscribe", as(subscriber)), "ImplicitDeny", channel);
            assert.equal(ask(own, "sns:Publish", as(subscriber)), "ExplicitDeny", channel);
        }
    });
});
