import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CANARY_OPERATIONS } from "../../verify/checks/canaryPlan";
import { evaluate } from "../../verify/policyEvaluator";
import { REPO_ROOT } from "../harness";

const VERIFY = path.join(REPO_ROOT, "verify");
const POLICY = JSON.parse(fs.readFileSync(path.join(VERIFY, "verify-policy.json"), "utf8"));

/** The IAM prefix of each AWS SDK client package verify uses. */
const PREFIXES: Record<string, string> = {
    "client-cloudformation": "cloudformation",
    "client-cloudtrail": "cloudtrail",
    "client-cloudwatch": "cloudwatch",
    "client-cloudwatch-logs": "logs",
    "client-eventbridge": "events",
    "client-kms": "kms",
    "client-organizations": "organizations",
    "client-sns": "sns",
    "client-sqs": "sqs",
    "client-sts": "sts",
};

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") ? [full] : [];
    });
}

/**
 * Every `new XCommand(` and `paginateX(` (which sends XCommand for each page) of verify's code, as
 * the IAM action of the client package it is imported from.
 */
function calledActions(): string[] {
    const actions = sources(VERIFY).flatMap((file) => {
        const text = fs.readFileSync(file, "utf8");
        const imported = new Map<string, string>();
        for (const match of text.matchAll(/import \{([^}]*)\} from "@aws-sdk\/([a-z-]+)"/g)) {
            for (const name of match[1].split(",").map((each) => each.trim())) {
                imported.set(name, match[2]);
            }
        }
        return [...text.matchAll(/new (\w+)Command\(|paginate(\w+)\(/g)].map((match) => {
            const [name, operation] =
                match[1] !== undefined
                    ? [`${match[1]}Command`, match[1]]
                    : [`paginate${match[2]}`, match[2]];
            const client = imported.get(name);
            assert.ok(
                client && PREFIXES[client],
                `${path.relative(REPO_ROOT, file)}: ${name}'s client`,
            );
            return `${PREFIXES[client]}:${operation}`;
        });
    });
    return [...new Set(actions)].sort();
}

/**
 * Actions verify never calls itself but a service calls with the caller's permissions.
 * CloudFormation checks a CallAs DELEGATED_ADMIN caller (ListStackInstances of the organization
 * check) with organizations:ListDelegatedAdministrators, and without it answers "Account used is
 * not a delegated administrator" (CloudFormation User Guide, "Register a delegated administrator
 * member account": "Make sure your delegated administrators have
 * organizations:ListDelegatedAdministrators permissions"; terraform-provider-aws#37069).
 */
const IMPLICITLY_REQUIRED = ["organizations:ListDelegatedAdministrators"];

const granted = (): string[] =>
    POLICY.Statement.flatMap((statement: { Action: string | string[] }) => statement.Action).sort();

/**
 * Read access level, though the name does not say so: logs:StartQuery only starts a Logs Insights
 * query (Service Authorization Reference, "Actions defined by Amazon CloudWatch Logs": Read).
 */
const READS_BY_ANOTHER_NAME = ["logs:StartQuery"];

describe("verify/verify-policy.json", () => {
    it("grants exactly the actions verify's code calls, and those the services call for it", () => {
        assert.deepEqual(granted(), [...calledActions(), ...IMPLICITLY_REQUIRED].sort());
        assert.ok(calledActions().length >= 20);
    });

    it("grants nothing that writes, except the canary's calls", () => {
        const canary = CANARY_OPERATIONS.map((operation) => `kms:${operation}`);
        const writes = granted().filter(
            (action) =>
                !/^[a-z-]+:(Describe|Get|List|Test)/.test(action) &&
                !READS_BY_ANOTHER_NAME.includes(action),
        );
        assert.deepEqual(writes.sort(), [...canary].sort());
    });

    it("lets the canary touch only the stacks' topic keys, found by their alias", () => {
        const request = (action: string, aliases: string) => ({
            principal: { type: "AWS" as const, id: "arn:aws:iam::111122223333:role/verifier" },
            action,
            resource: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            context: { "kms:ResourceAliases": aliases },
        });
        for (const operation of CANARY_OPERATIONS) {
            assert.equal(
                evaluate(POLICY, request(`kms:${operation}`, "alias/kms-monitoring-dev-alerts")),
                "Allow",
            );
            assert.equal(
                evaluate(POLICY, request(`kms:${operation}`, "alias/payments")),
                "ImplicitDeny",
            );
        }
        assert.equal(
            evaluate(POLICY, request("kms:ScheduleKeyDeletion", "alias/kms-monitoring-dev-alerts")),
            "ImplicitDeny",
        );
        assert.equal(
            evaluate(POLICY, request("kms:Decrypt", "alias/kms-monitoring-dev-alerts")),
            "ImplicitDeny",
        );
    });
});
