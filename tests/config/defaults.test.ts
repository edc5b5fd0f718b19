import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { DEFAULT_API_CALL_ALERTS } from "../../components/alerts";
import { parseStackConfig } from "../../components/config";
import { REPO_ROOT, validToAfter, valueOf } from "../harness";
import { CONTEXT, importedKey, NOW, parse, VALID_MATERIAL } from "./fixtures";

describe("stack config defaults", () => {
    it("applies every default to an empty config", () => {
        const config = parse({});
        assert.deepEqual(config.alertEmails, []);
        assert.equal(config.topicName, undefined);
        assert.equal(config.topicDisplayName, "KMS alerts");
        assert.deepEqual(
            config.apiCallAlerts.map((alert) => [alert.name, alert.eventNames]),
            DEFAULT_API_CALL_ALERTS.map((alert) => [alert.name, alert.eventNames]),
        );
        assert.equal(config.keyLifecycleEvents, true);
        assert.equal(config.importedKey, undefined);
        assert.equal(config.importedKeyMaterial, undefined);
        assert.deepEqual(config.watchedKeys, []);
        assert.equal(config.expiryWarningDays, 30);
        assert.equal(config.encryptTopic, true);
        assert.equal(config.alertKeyDeletionWindowInDays, 30);
        assert.equal(config.alertKeyProtect, false);
        assert.equal(config.deadLetterQueue, true);
        assert.equal(config.selfMonitoring, true);
        assert.deepEqual(config.auditTrail, {
            create: false,
            logsRetentionDays: 90,
            cisMetricFilter: true,
            forceDestroyBucket: true,
        });
        assert.equal(config.readableAlerts, true);
        assert.equal(config.dashboard, true);
        assert.deepEqual(config.tags, {
            project: "kms-monitoring",
            stack: "dev",
            "managed-by": "pulumi",
        });
    });

    it("protects both keys by default on production stacks only", () => {
        for (const stack of ["prod", "production", "prod-eu", "PROD"]) {
            const config = parseStackConfig(
                { importedKey: JSON.stringify({ alias: "alias/k" }) },
                { ...CONTEXT, stack },
            );
            assert.equal(config.importedKey?.protect, true, stack);
            assert.equal(config.alertKeyProtect, true, stack);
        }
        for (const stack of ["dev", "staging", "preprod", "product"]) {
            const config = parseStackConfig(
                { importedKey: JSON.stringify({ alias: "alias/k" }) },
                { ...CONTEXT, stack },
            );
            assert.equal(config.importedKey?.protect, false, stack);
            assert.equal(config.alertKeyProtect, false, stack);
        }
    });

    it("keeps the log bucket on destroy by default on production stacks only", () => {
        const trail = { auditTrail: JSON.stringify({ create: true }) };
        assert.equal(
            parseStackConfig(trail, { ...CONTEXT, stack: "prod" }).auditTrail.forceDestroyBucket,
            false,
        );
        assert.equal(parseStackConfig(trail, CONTEXT).auditTrail.forceDestroyBucket, true);
        assert.equal(
            parseStackConfig(
                { auditTrail: JSON.stringify({ create: true, forceDestroyBucket: true }) },
                { ...CONTEXT, stack: "prod" },
            ).auditTrail.forceDestroyBucket,
            true,
        );
    });

    it("lets config override the production protection default", () => {
        const config = parseStackConfig(
            {
                importedKey: JSON.stringify({ alias: "alias/k", protect: false }),
                alertKeyProtect: "false",
            },
            { ...CONTEXT, stack: "prod" },
        );
        assert.equal(config.importedKey?.protect, false);
        assert.equal(config.alertKeyProtect, false);
    });

    it("defaults the imported key's deletion window to 30 days and protect to false", () => {
        const config = parse({ importedKey: { alias: "alias/ImportedCMK" } });
        assert.equal(config.importedKey?.deletionWindowInDays, 30);
        assert.equal(config.importedKey?.protect, false);
        assert.equal(config.importedKey?.validTo, undefined);
    });

    it("replaces the default rules with the user's list", () => {
        const config = parse({ apiCallAlerts: [{ name: "decrypts", eventNames: ["Decrypt"] }] });
        assert.deepEqual(config.apiCallAlerts, [
            { name: "decrypts", eventNames: ["Decrypt"], keyArns: [] },
        ]);
    });

    it("matches the defaults Pulumi.yaml declares for the CLI", () => {
        const project = YAML.parse(
            fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8"),
        ) as { config: Record<string, { default?: unknown }> };
        const config = parse({}) as unknown as Record<string, unknown>;
        const declared = Object.entries(project.config);
        assert.ok(declared.length >= 5);
        for (const [key, schema] of declared) {
            assert.ok("default" in schema, `${key} declares a default`);
            assert.deepEqual(config[key], schema.default, key);
        }
    });

    it("keeps the user's tags and adds the stack's own", () => {
        const config = parse({ tags: { "cost-center": "security" } });
        assert.deepEqual(config.tags, {
            "cost-center": "security",
            project: "kms-monitoring",
            stack: "dev",
            "managed-by": "pulumi",
        });
    });

    it("wraps the key material as a secret", async () => {
        const config = parse({ importedKey: importedKey(), importedKeyMaterial: VALID_MATERIAL });
        assert.ok(config.importedKeyMaterial);
        assert.equal(await pulumi.isSecret(config.importedKeyMaterial), true);
        assert.equal(await valueOf(config.importedKeyMaterial), VALID_MATERIAL);
    });

    it("accepts every form of watched key reference", () => {
        const references = [
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "mrk-1234abcd12ab34cd56ef1234567890ab",
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "alias/legacy-imported",
            "arn:aws:kms:us-east-1:111122223333:alias/legacy-imported",
        ];
        assert.deepEqual(parse({ watchedKeys: references }).watchedKeys, references);
        const govKey =
            "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        assert.deepEqual(
            parseStackConfig(
                { watchedKeys: JSON.stringify([govKey]) },
                { ...CONTEXT, homeRegion: "us-gov-west-1" },
            ).watchedKeys,
            [govKey],
        );
    });

    it("warns once that the pending-deletion rule rests on failed calls reaching EventBridge, without the stack's trail", () => {
        const [warning, ...more] = parse({}).warnings;
        assert.deepEqual(more, []);
        assert.equal(
            warning,
            "kms-monitoring:pendingDeletionUseAlerts is on and auditTrail.create is off: the " +
                "documented alarm on use of a key pending deletion (the KMS Developer Guide's metric " +
                "filter on a trail's CloudWatch Logs) is only added with the stack's own trail, so " +
                "the EventBridge rule kms-monitoring-dev-pending-deletion-use is the only alert on " +
                "such calls, and it depends on failed KMS calls reaching EventBridge, which no AWS " +
                "page states: npm run verify -- --canary checks it (docs/misuse.md).",
        );
        assert.deepEqual(parse({ auditTrail: { create: true } }).warnings, []);
        assert.deepEqual(parse({ pendingDeletionUseAlerts: false }).warnings, []);
    });

    it("warns when validTo is already within the expiry warning window", () => {
        const soon = parse({
            importedKey: importedKey({ validTo: "2026-12-10T12:00:00Z" }),
            expiryWarningDays: 30,
            pendingDeletionUseAlerts: false,
        });
        assert.deepEqual(soon.warnings, [
            "kms-monitoring:importedKey.validTo (2026-12-10T12:00:00Z) is 12 days away, within expiryWarningDays (30): its expiry alarm will fire as soon as KMS publishes the metric.",
        ]);
        assert.deepEqual(
            parse({
                importedKey: importedKey({ validTo: "2027-06-30T00:00:00Z" }),
                pendingDeletionUseAlerts: false,
            }).warnings,
            [],
        );
    });

    it("accepts validTo up to exactly 365 days ahead", () => {
        const latest = validToAfter(365, NOW);
        assert.equal(
            parse({ importedKey: importedKey({ validTo: latest }) }).importedKey?.validTo,
            latest,
        );
    });
});
