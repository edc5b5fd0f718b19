import { strict as assert } from "assert";
import { validToAfter } from "../harness";
import { importedKey, NOW, parse, problems, VALID_MATERIAL } from "./fixtures";

describe("stack config validation", () => {
    it("reports an unparsable validTo", () => {
        assert.match(
            problems({ importedKey: importedKey({ validTo: "next summer" }) }),
            /kms-monitoring:importedKey\.validTo: is not an RFC 3339 UTC date-time.*\(got "next summer"\)/,
        );
        assert.match(
            problems({ importedKey: importedKey({ validTo: "2027-02-30T00:00:00Z" }) }),
            /importedKey\.validTo: is not an RFC 3339 UTC date-time/,
        );
    });

    it("reports a validTo the provider would never read back the same", () => {
        assert.match(
            problems({ importedKey: importedKey({ validTo: "2027-06-30T02:00:00+02:00" }) }),
            /importedKey\.validTo: is not an RFC 3339 UTC date-time with whole seconds/,
        );
        assert.match(
            problems({ importedKey: importedKey({ validTo: "2027-06-30T00:00:00.500Z" }) }),
            /importedKey\.validTo: is not an RFC 3339 UTC date-time with whole seconds/,
        );
    });

    it("reports a validTo in the past", () => {
        const message = problems({ importedKey: importedKey({ validTo: "2026-11-01T00:00:00Z" }) });
        assert.match(
            message,
            /importedKey\.validTo: is not in the future \(now is 2026-11-28T12:00:00.000Z\)/,
        );
        assert.match(
            message,
            /set a later validTo, at most 365 days ahead, and pulumi up re-imports it \(got "2026-11-01T00:00:00Z"\)/,
        );
    });

    it("reports a validTo more than 365 days ahead", () => {
        const tooLate = validToAfter(366, NOW);
        assert.match(
            problems({ importedKey: importedKey({ validTo: tooLate }) }),
            /importedKey\.validTo: is more than 365 days ahead \(latest allowed now: 2027-11-28T12:00:00.000Z\)/,
        );
    });

    it("reports a bad alias", () => {
        assert.match(
            problems({ importedKey: importedKey({ alias: "ImportedCMK" }) }),
            /kms-monitoring:importedKey\.alias: must be alias\/ followed by/,
        );
        assert.match(
            problems({ importedKey: importedKey({ alias: "alias/aws/mykey" }) }),
            /importedKey\.alias: must not start with alias\/aws\/, which AWS reserves/,
        );
    });

    it("reports an importedKey that is not an object, and a validTo that is not a string", () => {
        assert.match(
            problems({ importedKey: "alias/ImportedCMK" }),
            /kms-monitoring:importedKey: must be an object with alias and optional description, validTo, deletionWindowInDays, protect \(got "alias\/ImportedCMK"\)/,
        );
        assert.match(
            problems({ importedKey: importedKey({ validTo: 1814400000 }) }),
            /kms-monitoring:importedKey\.validTo: must be an RFC 3339 date-time string \(got 1814400000\)/,
        );
    });

    it("reports a key description over KMS's 8,192 characters", () => {
        assert.match(
            problems({ importedKey: importedKey({ description: "d".repeat(8193) }) }),
            /kms-monitoring:importedKey\.description: must be at most 8192 characters \(got "d{116}\.\.\.\)/,
        );
        const longest = "d".repeat(8192);
        assert.equal(
            parse({ importedKey: importedKey({ description: longest }) }).importedKey?.description,
            longest,
        );
    });

    it("reports a deletion window outside 7..30", () => {
        assert.match(
            problems({ importedKey: importedKey({ deletionWindowInDays: 6 }) }),
            /kms-monitoring:importedKey\.deletionWindowInDays: must be from 7 to 30 days \(got 6\)/,
        );
        assert.match(
            problems({ importedKey: importedKey({ deletionWindowInDays: 31 }) }),
            /deletionWindowInDays: must be from 7 to 30 days \(got 31\)/,
        );
    });

    it("reports a misspelled importedKey field and suggests the real one", () => {
        assert.match(
            problems({ importedKey: importedKey({ deletionWindowDays: 7 }) }),
            /importedKey\.deletionWindowDays: is not a known setting; did you mean "deletionWindowInDays"\?/,
        );
    });

    it("reports key material that is not base64, without showing it", () => {
        const secret = "this is not base64!!";
        const message = problems({ importedKey: importedKey(), importedKeyMaterial: secret });
        assert.match(message, /kms-monitoring:importedKeyMaterial: is not valid base64/);
        assert.ok(!message.includes(secret), "the secret value never appears in the message");
    });

    it("reports key material that is not 32 bytes, without showing it", () => {
        const secret = Buffer.alloc(16, 9).toString("base64");
        const message = problems({ importedKey: importedKey(), importedKeyMaterial: secret });
        assert.match(
            message,
            /kms-monitoring:importedKeyMaterial: decodes to 16 bytes; KMS needs exactly 32 bytes/,
        );
        assert.ok(!message.includes(secret));
    });

    it("reports key material without an importedKey", () => {
        assert.match(
            problems({ importedKeyMaterial: VALID_MATERIAL }),
            /kms-monitoring:importedKeyMaterial: is set but importedKey is not/,
        );
    });

    it("reports a malformed watchedKeys entry", () => {
        assert.match(
            problems({ watchedKeys: ["alias/ok", "my-key"] }),
            /kms-monitoring:watchedKeys\[1\]: must be a key ID .* \(got "my-key"\)/,
        );
    });

    it("reports a watched key that is the stack's own imported key", () => {
        assert.match(
            problems({ importedKey: importedKey(), watchedKeys: ["alias/ImportedCMK"] }),
            /watchedKeys\[0\]: is the stack's own importedKey/,
        );
    });
});
