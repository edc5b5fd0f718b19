import { strict as assert } from "assert";
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

/** Everything the program hands the engine or the user, with Pulumi secrets redacted. */
function everythingVisible(recorder: Recorder, outputs: Record<string, unknown>): string {
    return JSON.stringify({
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
