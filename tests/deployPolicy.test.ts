import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { shippedStacks, snapshotPlan } from "../scripts/snapshots";
import { evaluate, Request } from "../verify/policyEvaluator";
import { REPO_ROOT } from "./harness";
import { everythingStack } from "./stack/fixtures";
import { INVOKE_ACTIONS, RESOURCE_ACTIONS } from "./support/deployActions";

const POLICY = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "deploy-policy.json"), "utf8"));

type Statement = { Sid: string; Action: string | string[] };

const granted = (): string[] =>
    [...new Set((POLICY.Statement as Statement[]).flatMap((statement) => statement.Action))].sort();

/** Every resource type and invoke the shipped stacks and the stack with every option use. */
async function used(): Promise<{ types: Set<string>; invokes: Set<string> }> {
    const types = new Set<string>();
    for (const stack of shippedStacks()) {
        (await snapshotPlan(stack)).recorded.forEach((resource) => types.add(resource.type));
    }
    const { recorder } = await everythingStack();
    recorder.resources.forEach((resource) => types.add(resource.type));
    // The program's own components call nothing themselves.
    [...types]
        .filter((type) => type.startsWith("kms-monitoring:"))
        .forEach((type) => types.delete(type));
    return { types, invokes: new Set(recorder.invokes.map((invoke) => invoke.token)) };
}

const ask = (action: string, resource: string, context: Record<string, string> = {}): Request => ({
    principal: { type: "AWS", id: "arn:aws:iam::111122223333:role/deployer" },
    action,
    resource,
    context,
});

describe("deploy-policy.json, what pulumi up needs", function () {
    this.timeout(60_000);

    it("knows the calls of every resource type and invoke the stacks use, and of no other", async () => {
        const { types, invokes } = await used();
        assert.deepEqual([...types].sort(), Object.keys(RESOURCE_ACTIONS).sort());
        assert.deepEqual([...invokes].sort(), Object.keys(INVOKE_ACTIONS).sort());
    });

    it("grants exactly the actions those calls need", () => {
        const needed = [
            ...Object.values(RESOURCE_ACTIONS).flat(),
            ...Object.values(INVOKE_ACTIONS).flat(),
        ];
        assert.deepEqual(granted(), [...new Set(needed)].sort());
    });

    it("lets a role be passed only to the services that use one, and creates only the two service-linked roles", () => {
        for (const service of [
            "events.amazonaws.com",
            "chatbot.amazonaws.com",
            "cloudtrail.amazonaws.com",
        ]) {
            const passed = ask("iam:PassRole", "arn:aws:iam::111122223333:role/x", {
                "iam:PassedToService": service,
            });
            assert.equal(evaluate(POLICY, passed), "Allow", service);
        }
        const toLambda = ask("iam:PassRole", "arn:aws:iam::111122223333:role/x", {
            "iam:PassedToService": "lambda.amazonaws.com",
        });
        assert.equal(evaluate(POLICY, toLambda), "ImplicitDeny");
        const serviceLinked = (service: string, role: string) =>
            evaluate(
                POLICY,
                ask(
                    "iam:CreateServiceLinkedRole",
                    `arn:aws:iam::111122223333:role/aws-service-role/${service}/${role}`,
                    {
                        "iam:AWSServiceName": service,
                    },
                ),
            );
        assert.equal(
            serviceLinked("management.chatbot.amazonaws.com", "AWSServiceRoleForAWSChatbot"),
            "Allow",
        );
        assert.equal(
            serviceLinked(
                "apidestinations.events.amazonaws.com",
                "AWSServiceRoleForAmazonEventBridgeApiDestinations",
            ),
            "Allow",
        );
        assert.equal(serviceLinked("ecs.amazonaws.com", "AWSServiceRoleForECS"), "ImplicitDeny");
    });

    it("touches only the secrets of EventBridge connections", () => {
        const secret = (name: string) =>
            evaluate(
                POLICY,
                ask(
                    "secretsmanager:CreateSecret",
                    `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${name}`,
                ),
            );
        assert.equal(secret("events!connection/kms-monitoring-prod-pagerduty/abc-123"), "Allow");
        assert.equal(secret("prod/database-password-AbCdEf"), "ImplicitDeny");
    });

    it("is explained statement by statement in docs/deploy-permissions.md", () => {
        const page = fs.readFileSync(path.join(REPO_ROOT, "docs", "deploy-permissions.md"), "utf8");
        for (const { Sid } of POLICY.Statement as Statement[]) {
            assert.ok(page.includes(`\`${Sid}\``), Sid);
        }
    });
});
