import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { planJson, planStack, planTree } from "../scripts/plan";
import {
    installMocks,
    isSecretWire,
    Recorder,
    redactWire,
    restoreWarnings,
    runProgram,
    validToAfter,
} from "./harness";

const MATERIAL = Buffer.from("0123456789abcdef0123456789ABCDEF").toString("base64");

/**
 * Everything the program hands the engine or the user, with Pulumi secrets redacted: the names
 * and URNs of the resources too, which are never secret (the engine and the console show them).
 */
function everythingVisible(recorder: Recorder, outputs: Record<string, unknown>): string {
    return JSON.stringify({
        names: recorder.resources.map((resource) => resource.name),
        urns: recorder.resources.map((resource) => resource.urn),
        inputs: recorder.resources.map((resource) => redactWire(resource.wireInputs)),
        componentOutputs: [...recorder.componentOutputs.values()].map(redactWire),
        stackOutputs: outputs,
        warnings: recorder.warnings,
    });
}

afterEach(restoreWarnings);

describe("imported key material secrecy", () => {
    it("never shows material given in config outside a secret", async () => {
        const recorder = await installMocks({
            config: {
                "kms-monitoring:importedKey": JSON.stringify({
                    alias: "alias/ImportedCMK",
                    validTo: validToAfter(90),
                }),
                "kms-monitoring:importedKeyMaterial": MATERIAL,
            },
            secretKeys: ["kms-monitoring:importedKeyMaterial"],
        });
        const outputs = await runProgram(recorder);
        const key = recorder.one("aws:kms/externalKey:ExternalKey");
        assert.ok(
            isSecretWire(key.wireInputs.keyMaterialBase64),
            "the key receives the material as a secret",
        );
        assert.equal(key.inputs.keyMaterialBase64, MATERIAL, "and it is the configured material");
        const visible = everythingVisible(recorder, outputs);
        assert.ok(visible.includes("[secret]"));
        assert.ok(!visible.includes(MATERIAL), "the plaintext appears nowhere else");
        assert.ok(!visible.includes(Buffer.from(MATERIAL, "base64").toString("hex")));
    });

    it("never shows generated material outside a secret", async () => {
        const recorder = await installMocks({
            config: {
                "kms-monitoring:importedKey": JSON.stringify({ alias: "alias/ImportedCMK" }),
            },
        });
        const outputs = await runProgram(recorder);
        const generated = recorder.one("random:index/randomBytes:RandomBytes").state
            .base64 as string;
        const key = recorder.one("aws:kms/externalKey:ExternalKey");
        assert.ok(isSecretWire(key.wireInputs.keyMaterialBase64));
        assert.equal(key.inputs.keyMaterialBase64, generated);
        assert.ok(!everythingVisible(recorder, outputs).includes(generated));
    });
});

describe("PagerDuty routing key and webhook URL secrecy", () => {
    const ROUTING_KEY = "R0123456789ABCDEFGHIJKLMNOPQRSTU";
    const WEBHOOK = "https://hooks.example.com/kms?token=webhook-s3cr3t";
    const config = {
        "kms-monitoring:alertEmails": JSON.stringify(["security@example.com"]),
        "kms-monitoring:chat": JSON.stringify({
            slack: [{ workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" }],
        }),
        "kms-monitoring:pagerDutyRoutingKey": ROUTING_KEY,
        "kms-monitoring:webhooks": JSON.stringify([WEBHOOK]),
    };

    for (const secretKeys of [
        ["kms-monitoring:pagerDutyRoutingKey", "kms-monitoring:webhooks"],
        // Set without --secret: the program keeps them secret all the same.
        [],
    ]) {
        it(`never shows them outside a secret (${secretKeys.length === 0 ? "plain" : "secure"} in the stack file)`, async () => {
            const recorder = await installMocks({ config, secretKeys });
            const outputs = await runProgram(recorder);
            const connection = recorder.one("aws:cloudwatch/eventConnection:EventConnection");
            const subscription = recorder.one("aws:sns/topicSubscription:TopicSubscription", "-0");
            assert.ok(isSecretWire(connection.wireInputs.authParameters.apiKey.value));
            assert.ok(
                isSecretWire(
                    connection.wireInputs.authParameters.invocationHttpParameters.bodies[0].value,
                ),
            );
            assert.ok(isSecretWire(subscription.wireInputs.endpoint));
            assert.equal(subscription.inputs.endpoint, WEBHOOK, "and it is the configured URL");
            const visible = everythingVisible(recorder, outputs);
            for (const secret of [ROUTING_KEY, WEBHOOK, "webhook-s3cr3t", "hooks.example.com"]) {
                assert.ok(!visible.includes(secret), `${secret} appears nowhere else`);
            }
        });
    }

    it("never shows them in npm run plan, as a tree or as JSON", async () => {
        const file = path.join(
            fs.mkdtempSync(path.join(os.tmpdir(), "kms-secrets-")),
            "Pulumi.s.yaml",
        );
        fs.writeFileSync(
            file,
            YAML.stringify({
                config: {
                    "aws:region": "us-east-1",
                    ...Object.fromEntries(
                        Object.entries(config).map(([key, value]) => [
                            key,
                            key.endsWith("pagerDutyRoutingKey") ? value : JSON.parse(value),
                        ]),
                    ),
                },
            }),
        );
        const plan = await planStack({ stack: "s", configFile: file });
        for (const text of [planTree(plan), planJson(plan)]) {
            assert.ok(text.includes("[secret]"));
            for (const secret of [ROUTING_KEY, "webhook-s3cr3t", "hooks.example.com"]) {
                assert.ok(!text.includes(secret), `${secret} is not in the plan`);
            }
        }
    });
});
