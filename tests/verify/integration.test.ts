import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    deployVerifyDestroy,
    integrationCode,
    IntegrationSteps,
    ThrowawayStack,
} from "../../scripts/integration";
import { deployed, runVerify } from "./runVerify";

/**
 * npm run test:integration's steps around a stack that fails where a real one can: the cleanup
 * runs whatever failed, and the stack's settings file never stays in the project directory,
 * where npm test would read it as a shipped stack.
 */
describe("npm run test:integration's cleanup", () => {
    const attempt = async (failing: { create?: boolean; up?: boolean; destroy?: boolean }) => {
        const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "integration-"));
        const calls: string[] = [];
        const settingsSeen: boolean[] = [];
        const step =
            (name: string, fails = false) =>
            async () => {
                calls.push(name);
                settingsSeen.push(
                    fs.existsSync(path.join(workDir, "Pulumi.kms-monitoring-it-x.yaml")),
                );
                if (fails) throw new Error(`${name} broke`);
            };
        const stack: ThrowawayStack = {
            up: step("up", failing.up),
            destroy: step("destroy", failing.destroy),
            remove: step("remove"),
        };
        const steps: IntegrationSteps = {
            stackName: "kms-monitoring-it-x",
            workDir,
            config: { "aws:region": "us-east-1" },
            log: () => undefined,
            createStack: async () => {
                await step("create", failing.create)();
                return stack;
            },
            verify: async () => {
                calls.push("verify");
                return 0;
            },
        };
        let error: Error | undefined;
        let code: number | undefined;
        try {
            code = await deployVerifyDestroy(steps);
        } catch (thrown) {
            error = thrown as Error;
        }
        const left = fs.readdirSync(workDir);
        fs.rmSync(workDir, { recursive: true, force: true });
        return { calls, code, error, settingsSeen, left };
    };

    it("deploys with the stack's settings file, verifies, destroys, removes the stack and its file", async () => {
        const run = await attempt({});
        assert.deepEqual(run.calls, ["create", "up", "verify", "destroy", "remove"]);
        assert.ok(run.settingsSeen.every(Boolean), "the settings file is there for every step");
        assert.equal(run.code, 0);
        assert.deepEqual(run.left, []);
    });

    it("still removes the stack and its settings file when destroy fails, and says what is left", async () => {
        const run = await attempt({ up: true, destroy: true });
        const kept = path.join(os.tmpdir(), "Pulumi.kms-monitoring-it-x.yaml");
        assert.match(fs.readFileSync(kept, "utf8"), /aws:region: us-east-1/);
        fs.rmSync(kept);
        assert.deepEqual(run.calls, ["create", "up", "destroy", "remove"]);
        assert.deepEqual(run.left, []);
        assert.match(
            run.error?.message ?? "",
            /pulumi destroy failed \(destroy broke\): stack kms-monitoring-it-x may still hold resources; copy .*Pulumi\.kms-monitoring-it-x\.yaml/,
        );
    });

    it("removes the settings file when the stack cannot even be created", async () => {
        const run = await attempt({ create: true });
        assert.deepEqual(run.calls, ["create"]);
        assert.match(run.error?.message ?? "", /create broke/);
        assert.deepEqual(run.left, []);
    });
});

describe("npm run test:integration's verdict on verify", () => {
    it("passes a stack whose one email is still pending, and nothing else failing; fails any other FAIL", async () => {
        const { fake } = await deployed("dev");
        [...fake.subscriptions.values()][0][0].SubscriptionArn = "PendingConfirmation";
        const failLines = async () => {
            const run = await runVerify("dev", fake);
            const lines = run.results
                .filter((each) => each.status === "FAIL")
                .map(
                    (each) => `FAIL  ${each.id}  ${each.region}  ${each.resource}: ${each.message}`,
                );
            return { code: run.code, lines };
        };
        const pending = await failLines();
        assert.equal(pending.code, 1);
        assert.equal(integrationCode(pending.code, pending.lines), 0);
        fake.rules.get("us-east-1 default kms-monitoring-dev-key-management")!.State = "DISABLED";
        const broken = await failLines();
        assert.equal(integrationCode(broken.code, broken.lines), 1);
        assert.equal(integrationCode(2, []), 2);
    });
});
