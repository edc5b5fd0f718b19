import { strict as assert } from "assert";
import { closestMatch } from "../../components/shared";
import {
    closestOperation,
    isKmsOperation,
    isReadOnlyOperation,
    KMS_OPERATIONS,
    KMS_SERVICE_EVENTS,
} from "../../components/alerts";

describe("KMS operation table", () => {
    it("marks the cryptographic operations CloudTrail logs as read-only", () => {
        const readOnly = [
            "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext",
            "GenerateDataKeyPair",
            "GenerateDataKeyPairWithoutPlaintext",
            "Encrypt",
            "Decrypt",
            "ReEncrypt",
            "Sign",
            "Verify",
            "GenerateMac",
            "VerifyMac",
            "GenerateRandom",
        ];
        for (const name of readOnly) {
            assert.ok(isKmsOperation(name), name);
            assert.equal(isReadOnlyOperation(name), true, name);
        }
    });

    it("marks every Describe*, Get* and List* operation read-only", () => {
        const lookups = KMS_OPERATIONS.filter((name) => /^(Describe|Get|List)/.test(name));
        assert.ok(lookups.length >= 10);
        for (const name of lookups) {
            assert.equal(isReadOnlyOperation(name), true, name);
        }
    });

    it("marks key management calls as write calls", () => {
        for (const name of [
            "DisableKey",
            "ScheduleKeyDeletion",
            "CancelKeyDeletion",
            "DeleteImportedKeyMaterial",
            "ImportKeyMaterial",
            "PutKeyPolicy",
            "DisableKeyRotation",
            "CreateGrant",
        ]) {
            assert.ok(isKmsOperation(name), name);
            assert.equal(isReadOnlyOperation(name), false, name);
        }
    });

    it("does not list the events KMS logs itself", () => {
        for (const name of KMS_SERVICE_EVENTS) {
            assert.equal(isKmsOperation(name), false, name);
        }
    });

    it("rejects unknown and inherited names", () => {
        assert.equal(isKmsOperation("GenerateDatakey"), false);
        assert.equal(isKmsOperation("toString"), false);
    });
});

describe("closest operation", () => {
    it("suggests the real name for a misspelling", () => {
        assert.equal(closestOperation("GenerateDatakey"), "GenerateDataKey");
        assert.equal(closestOperation("SheduleKeyDeletion"), "ScheduleKeyDeletion");
        assert.equal(closestOperation("decrypt"), "Decrypt");
    });

    it("picks the nearest candidate of any list", () => {
        assert.equal(
            closestMatch("alertEmail", ["topicName", "alertEmails", "tags"]),
            "alertEmails",
        );
    });
});
