import { strict as assert } from "assert";
import { importedKey, parse, problems } from "./fixtures";

describe("stack config validation", () => {
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
