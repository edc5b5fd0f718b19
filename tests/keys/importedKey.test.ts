import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ImportedKey } from "../../components/keys";
import { build, fakeUuid, restoreWarnings } from "../harness";

afterEach(restoreWarnings);

describe("ImportedKey", () => {
    it("creates an EXTERNAL key with secret material, the deletion window and the alias", async () => {
        const material = Buffer.alloc(32, 3).toString("base64");
        const recorder = await build(
            () =>
                new ImportedKey("imported", {
                    alias: "alias/ImportedCMK",
                    validTo: "2027-06-30T00:00:00Z",
                    deletionWindowInDays: 7,
                    keyMaterialBase64: pulumi.secret(material),
                    tags: { stack: "dev" },
                }),
        );
        const key = recorder.one("aws:kms/externalKey:ExternalKey");
        assert.equal(key.inputs.validTo, "2027-06-30T00:00:00Z");
        assert.equal(key.inputs.deletionWindowInDays, 7);
        assert.equal(key.inputs.keyMaterialBase64, material);
        assert.equal(key.wireInputs.keyMaterialBase64.value, material);
        assert.notEqual(
            key.wireInputs.keyMaterialBase64,
            material,
            "the material travels as a secret",
        );
        assert.deepEqual(key.inputs.tags, { stack: "dev" });
        assert.equal(key.protect, false);
        const alias = recorder.one("aws:kms/alias:Alias");
        assert.equal(alias.inputs.name, "alias/ImportedCMK");
        assert.equal(alias.inputs.targetKeyId, fakeUuid("imported-key"));
        assert.equal(
            recorder.byType("random:index/randomBytes:RandomBytes").length,
            0,
            "given material is not generated",
        );
    });

    it("generates 32 bytes of material with @pulumi/random and protects it with the key", async () => {
        const recorder = await build(
            () => new ImportedKey("imported", { alias: "alias/x", protect: true }),
        );
        const generated = recorder.one("random:index/randomBytes:RandomBytes");
        assert.equal(generated.inputs.length, 32);
        assert.equal(generated.protect, true);
        const key = recorder.one("aws:kms/externalKey:ExternalKey");
        assert.equal(key.protect, true);
        assert.equal(key.inputs.deletionWindowInDays, 30);
        assert.equal(key.inputs.validTo, undefined);
        assert.equal(key.inputs.keyMaterialBase64, generated.state.base64);
    });
});
