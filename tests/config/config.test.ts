import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { DEFAULT_API_CALL_ALERTS } from "../../components/alerts";
import { parseStackConfig, StackConfig } from "../../components/config";
import { REPO_ROOT, validToAfter, valueOf } from "../harness";

const NOW = new Date("2026-11-28T12:00:00Z");
const CONTEXT = { project: "kms-monitoring", stack: "dev", now: NOW, homeRegion: "us-east-1" };
const VALID_MATERIAL = Buffer.alloc(32, 7).toString("base64");

function parse(raw: Record<string, unknown>): StackConfig {
    const asCli = Object.fromEntries(
        Object.entries(raw).map(([key, value]) => [
            key,
            typeof value === "string" ? value : JSON.stringify(value),
        ]),
    );
    return parseStackConfig(asCli, CONTEXT);
}

/** The error message bad config produces; fails the test if the config is accepted. */
function problems(raw: Record<string, unknown>): string {
    try {
        parse(raw);
    } catch (error) {
        assert.ok(
            error instanceof pulumi.RunError,
            "bad config throws a RunError, which pulumi prints without a stack trace",
        );
        return error.message;
    }
    assert.fail(`config was accepted: ${JSON.stringify(raw)}`);
}

function importedKey(overrides: Record<string, unknown> = {}) {
    return { alias: "alias/ImportedCMK", validTo: "2027-06-30T00:00:00Z", ...overrides };
}

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

    it("warns when validTo is already within the expiry warning window", () => {
        const soon = parse({
            importedKey: importedKey({ validTo: "2026-12-10T12:00:00Z" }),
            expiryWarningDays: 30,
        });
        assert.deepEqual(soon.warnings, [
            "kms-monitoring:importedKey.validTo (2026-12-10T12:00:00Z) is 12 days away, within expiryWarningDays (30): its expiry alarm will fire as soon as KMS publishes the metric.",
        ]);
        assert.deepEqual(
            parse({ importedKey: importedKey({ validTo: "2027-06-30T00:00:00Z" }) }).warnings,
            [],
        );
        assert.deepEqual(parse({}).warnings, []);
    });

    it("accepts validTo up to exactly 365 days ahead", () => {
        const latest = validToAfter(365, NOW);
        assert.equal(
            parse({ importedKey: importedKey({ validTo: latest }) }).importedKey?.validTo,
            latest,
        );
    });
});

describe("stack config validation", () => {
    it("reports an alert whose keys make its event pattern longer than EventBridge accepts", () => {
        const keyArns = Array.from(
            { length: 25 },
            (_, index) =>
                `arn:aws:kms:us-east-1:111122223333:key/${String(index).padStart(8, "0")}-12ab-34cd-56ef-1234567890ab`,
        );
        const message = problems({
            apiCallAlerts: [
                { name: "ok", eventNames: ["Decrypt"], keyArns: keyArns.slice(0, 5) },
                { name: "many", eventNames: ["Decrypt"], keyArns },
            ],
        });
        assert.match(
            message,
            /kms-monitoring:apiCallAlerts\[1\]\.keyArns: makes the rule's event pattern \d{4} characters, over EventBridge's 2048; split the keys over several entries/,
        );
        assert.doesNotMatch(message, /apiCallAlerts\[0\]/);
    });

    it("reports a malformed email with its index and value", () => {
        const message = problems({ alertEmails: ["ok@example.com", "not-an-email"] });
        assert.match(
            message,
            /kms-monitoring:alertEmails\[1\]: is not an email address; expected name@example.com \(got "not-an-email"\)/,
        );
    });

    it("reports a duplicate email, ignoring case", () => {
        assert.match(
            problems({ alertEmails: ["a@example.com", "A@example.com"] }),
            /alertEmails\[1\]: is listed twice/,
        );
    });

    it("reports a misspelled KMS event name and suggests the real one", () => {
        const message = problems({
            apiCallAlerts: [{ name: "x", eventNames: ["DisableKey", "GenerateDatakey"] }],
        });
        assert.match(
            message,
            /kms-monitoring:apiCallAlerts\[0\]\.eventNames\[1\]: is not a KMS API operation; did you mean "GenerateDataKey"\? \(got "GenerateDatakey"\)/,
        );
    });

    it("explains that a KMS service event is not an API call", () => {
        assert.match(
            problems({ apiCallAlerts: [{ name: "x", eventNames: ["DeleteExpiredKeyMaterial"] }] }),
            /eventNames\[0\]: is an event KMS itself logs, not an API call/,
        );
    });

    it("reports an empty eventNames", () => {
        assert.match(
            problems({ apiCallAlerts: [{ name: "x", eventNames: [] }] }),
            /apiCallAlerts\[0\]\.eventNames: must name at least one KMS operation \(got \[\]\)/,
        );
    });

    it("reports duplicate rule names", () => {
        const message = problems({
            apiCallAlerts: [
                { name: "same", eventNames: ["Decrypt"] },
                { name: "same", eventNames: ["Encrypt"] },
            ],
        });
        assert.match(
            message,
            /apiCallAlerts\[1\]\.name: is used by an earlier rule; rule names must be unique \(got "same"\)/,
        );
    });

    it("reports a rule name with characters EventBridge refuses, or too long, or reserved", () => {
        assert.match(
            problems({ apiCallAlerts: [{ name: "has space", eventNames: ["Decrypt"] }] }),
            /apiCallAlerts\[0\]\.name: must be 1 or more of A-Z a-z 0-9 \. _ -/,
        );
        assert.match(
            problems({ apiCallAlerts: [{ name: "x".repeat(60), eventNames: ["Decrypt"] }] }),
            /apiCallAlerts\[0\]\.name: makes the rule name "kms-monitoring-dev-<name>" longer than 64 characters \(got "x{60}"\)/,
        );
    });

    it("reports a rule name the stack uses for a family of its own rules, saying which", () => {
        for (const [name, rules] of [
            ["key-lifecycle", "the keyLifecycleEvents rule"],
            ["expiring-keys", "the rules on expiring keys"],
            ["expiring-keys-firing", "the rules on expiring keys"],
            ["remote-alarms-2", "the rules on the alarms of other regions and accounts"],
            ["alarms-firing", "the alert channels' rules"],
            ["pagerduty-critical", "the alert channels' rules"],
            ["heartbeat-eu-west-1", "the heartbeat rules"],
            ["forward-alarms", "the forwarding rules"],
            ["member-heartbeats", "the member accounts' heartbeat rule"],
        ]) {
            const family = name.replace(/-(firing|2|critical|eu-west-1)$/, "");
            assert.ok(
                problems({ apiCallAlerts: [{ name, eventNames: ["Decrypt"] }] }).includes(
                    `kms-monitoring:apiCallAlerts[0].name: is reserved: the stack names ${rules} ` +
                        `"kms-monitoring-dev-${family}" or "kms-monitoring-dev-${family}-...", and ` +
                        `no two rules may share a name; choose another name (got "${name}")`,
                ),
                name,
            );
        }
    });

    it("reports a rule name ending in -members, whose delivery alarm an organization bus rule has", () => {
        assert.ok(
            problems({
                apiCallAlerts: [{ name: "key-management-members", eventNames: ["DisableKey"] }],
            }).includes(
                'kms-monitoring:apiCallAlerts[0].name: must not end with "-members": with ' +
                    'organization, the alarm on the organization bus\'s rule "key-management" is ' +
                    'named "kms-monitoring-dev-key-management-members-failed-invocations", the name ' +
                    'this rule\'s alarm would take (got "key-management-members")',
            ),
        );
    });

    it("reports a keyArns entry that is an alias", () => {
        assert.match(
            problems({
                apiCallAlerts: [
                    { name: "x", eventNames: ["Decrypt"], keyArns: ["alias/ImportedCMK"] },
                ],
            }),
            /keyArns\[0\]: must be a key ARN .*never aliases \(got "alias\/ImportedCMK"\)/,
        );
    });

    it("reports apiCallAlerts, an entry, eventNames and keyArns of the wrong shape", () => {
        assert.match(
            problems({ apiCallAlerts: { name: "x", eventNames: ["Decrypt"] } }),
            /kms-monitoring:apiCallAlerts: must be a list of \{ name, eventNames, keyArns\? \}/,
        );
        const message = problems({
            apiCallAlerts: [
                "decrypts",
                { name: "a", eventNames: "Decrypt", keyArns: "alias/x" },
                { name: "b", eventNames: ["Decrypt", 7], keyArns: [7] },
            ],
        });
        assert.match(
            message,
            /kms-monitoring:apiCallAlerts\[0\]: must be an object with name, eventNames and optional keyArns \(got "decrypts"\)/,
        );
        assert.match(
            message,
            /kms-monitoring:apiCallAlerts\[1\]\.eventNames: must be a list of KMS operation names \(got "Decrypt"\)/,
        );
        assert.match(
            message,
            /kms-monitoring:apiCallAlerts\[1\]\.keyArns: must be a list of key ARNs \(got "alias\/x"\)/,
        );
        assert.match(
            message,
            /kms-monitoring:apiCallAlerts\[2\]\.eventNames\[1\]: must be a KMS operation name \(got 7\)/,
        );
        assert.match(
            message,
            /kms-monitoring:apiCallAlerts\[2\]\.keyArns\[0\]: must be a key ARN .*never aliases \(got 7\)/,
        );
        assert.doesNotMatch(message, /Invalid input|expected/);
    });

    it("reports a bad topic name, including a FIFO one", () => {
        assert.match(
            problems({ topicName: "alerts.fifo" }),
            /kms-monitoring:topicName: must be 1-256 of A-Z a-z 0-9 _ - \(no \.fifo.*\) \(got "alerts\.fifo"\)/,
        );
        assert.match(problems({ topicName: "x".repeat(257) }), /topicName: must be 1-256/);
    });

    it("reports a display name over 100 characters, or empty", () => {
        assert.match(
            problems({ topicDisplayName: "d".repeat(101) }),
            /kms-monitoring:topicDisplayName: must be at most 100 characters/,
        );
        assert.match(
            problems({ topicDisplayName: "" }),
            /kms-monitoring:topicDisplayName: must not be empty \(got ""\)/,
        );
        assert.equal(parse({ topicDisplayName: "d".repeat(100) }).topicDisplayName.length, 100);
    });

    it("reports expiryWarningDays outside 1..365 or not whole", () => {
        assert.match(
            problems({ expiryWarningDays: 0 }),
            /kms-monitoring:expiryWarningDays: must be from 1 to 365 days \(got 0\)/,
        );
        assert.match(
            problems({ expiryWarningDays: 366 }),
            /expiryWarningDays: must be from 1 to 365 days \(got 366\)/,
        );
        assert.match(
            problems({ expiryWarningDays: 2.5 }),
            /expiryWarningDays: must be a whole number of days from 1 to 365 \(got 2.5\)/,
        );
    });

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

    it("reports a string where a list belongs", () => {
        assert.match(
            problems({ alertEmails: "ops@example.com" }),
            /kms-monitoring:alertEmails: must be a list of email addresses \(got "ops@example.com"\)/,
        );
        assert.match(
            problems({ watchedKeys: "alias/x" }),
            /kms-monitoring:watchedKeys: must be a list of key IDs/,
        );
    });

    it("reports a non-boolean flag", () => {
        assert.match(
            problems({ keyLifecycleEvents: "yes" }),
            /kms-monitoring:keyLifecycleEvents: must be true or false \(got "yes"\)/,
        );
    });

    it("reports non-boolean delivery switches", () => {
        const message = problems({
            encryptTopic: "yes",
            deadLetterQueue: 1,
            selfMonitoring: "off",
            alertKeyProtect: "maybe",
        });
        assert.match(message, /kms-monitoring:encryptTopic: must be true or false \(got "yes"\)/);
        assert.match(message, /kms-monitoring:deadLetterQueue: must be true or false \(got 1\)/);
        assert.match(message, /kms-monitoring:selfMonitoring: must be true or false \(got "off"\)/);
        assert.match(
            message,
            /kms-monitoring:alertKeyProtect: must be true or false \(got "maybe"\)/,
        );
    });

    it("reports an alert key deletion window outside 7..30", () => {
        assert.match(
            problems({ alertKeyDeletionWindowInDays: 5 }),
            /kms-monitoring:alertKeyDeletionWindowInDays: must be from 7 to 30 days \(got 5\)/,
        );
        assert.match(
            problems({ alertKeyDeletionWindowInDays: 45 }),
            /alertKeyDeletionWindowInDays: must be from 7 to 30 days \(got 45\)/,
        );
    });

    it("reports a log retention CloudWatch does not offer", () => {
        const message = problems({ auditTrail: { create: true, logsRetentionDays: 45 } });
        assert.match(
            message,
            /kms-monitoring:auditTrail\.logsRetentionDays: must be one of CloudWatch Logs' retention periods: 1, 3, 5, 7, 14, 30, 60, 90, .*3653 \(got 45\)/,
        );
    });

    it("reports bad audit trail, readable alert and dashboard settings", () => {
        const message = problems({
            auditTrail: { create: "yes", cisMetricFilter: 1, forceDestroy: true },
            readableAlerts: "no",
            dashboard: 0,
        });
        assert.match(
            problems({ auditTrail: { create: true, forceDestroyBucket: "always" } }),
            /kms-monitoring:auditTrail\.forceDestroyBucket: must be true or false \(got "always"\)/,
        );
        assert.match(
            message,
            /kms-monitoring:auditTrail\.create: must be true or false \(got "yes"\)/,
        );
        assert.match(
            message,
            /kms-monitoring:auditTrail\.cisMetricFilter: must be true or false \(got 1\)/,
        );
        assert.match(
            message,
            /kms-monitoring:auditTrail\.forceDestroy: is not a known setting; did you mean "forceDestroyBucket"\?/,
        );
        assert.match(message, /kms-monitoring:readableAlerts: must be true or false \(got "no"\)/);
        assert.match(message, /kms-monitoring:dashboard: must be true or false \(got 0\)/);
        assert.match(
            problems({ auditTrail: true }),
            /kms-monitoring:auditTrail: must be an object with create/,
        );
    });

    it("reports reserved and AWS tag keys", () => {
        assert.match(
            problems({ tags: { stack: "x" } }),
            /kms-monitoring:tags\.stack: the stack sets project, stack, managed-by itself/,
        );
        assert.match(
            problems({ tags: { "aws:owner": "x" } }),
            /tags\.aws:owner: tag keys may not start with aws:/,
        );
    });

    it("reports tags over AWS's limits: an empty key, a key over 128, a value over 256", () => {
        const longKey = "k".repeat(129);
        const message = problems({
            tags: { "": "x", [longKey]: "v", team: "v".repeat(257), owner: 7 },
        });
        assert.match(message, /: 4 problems\n/);
        assert.match(message, /kms-monitoring:tags\[""\]: tag keys must not be empty \(got "x"\)/);
        assert.ok(
            message.includes(`kms-monitoring:tags.${longKey}: tag keys are at most 128 characters`),
        );
        assert.match(message, /kms-monitoring:tags\.team: tag values are at most 256 characters/);
        assert.match(message, /kms-monitoring:tags\.owner: tag values must be strings \(got 7\)/);
        assert.match(
            problems({ tags: ["team=security"] }),
            /kms-monitoring:tags: must be a map of tag names to string values \(got \["team=security"\]\)/,
        );
        const widest = { ["k".repeat(128)]: "v".repeat(256) };
        assert.equal(parse({ tags: widest }).tags["k".repeat(128)], "v".repeat(256));
    });

    it("reports an organization callAs that is neither SELF nor DELEGATED_ADMIN", () => {
        assert.match(
            problems({
                organization: {
                    id: "o-a1b2c3d4e5",
                    organizationalUnitIds: ["ou-ab12-cdef3456"],
                    callAs: "MANAGEMENT",
                },
            }),
            /kms-monitoring:organization\.callAs: must be SELF \(deploying from the management account\) or DELEGATED_ADMIN \(from a registered delegated administrator\) \(got "MANAGEMENT"\)/,
        );
    });

    it("reports an unknown config key with a suggestion", () => {
        assert.match(
            problems({ alertEmail: ["a@example.com"] }),
            /kms-monitoring:alertEmail: is not a known setting; did you mean "alertEmails"\?/,
        );
    });

    it("reports every problem at once", () => {
        const message = problems({
            alertEmails: ["bad"],
            topicDisplayName: "d".repeat(101),
            expiryWarningDays: 0,
            apiCallAlerts: [
                { name: "a", eventNames: ["Nope"] },
                { name: "a", eventNames: ["Decrypt"] },
            ],
            importedKey: importedKey({ deletionWindowInDays: 3 }),
        });
        assert.match(message, /: 6 problems\n/);
        for (const key of [
            "alertEmails[0]",
            "topicDisplayName",
            "expiryWarningDays",
            "apiCallAlerts[0].eventNames[0]",
            "apiCallAlerts[1].name",
            "importedKey.deletionWindowInDays",
        ]) {
            assert.ok(message.includes(`kms-monitoring:${key}:`), key);
        }
    });
});
