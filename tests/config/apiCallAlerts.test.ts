import { strict as assert } from "assert";
import { parse, problems } from "./fixtures";

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
            /kms-monitoring:apiCallAlerts\[1\]\.keyArns: makes the rule's event pattern \d{4} characters, over EventBridge's 2048; split the keys or callers over several entries/,
        );
        assert.doesNotMatch(message, /apiCallAlerts\[0\]/);
    });

    it("counts, on an operation SNS calls, the condition that leaves out the topics' own calls", () => {
        // 22 keys fit a rule on DisableKey, or one on Decrypt without an encrypted topic; a rule
        // on Decrypt also leaves out SNS's calls for the stack's topics, and then they do not.
        const keyArns = Array.from(
            { length: 22 },
            (_, index) =>
                `arn:aws:kms:us-east-1:111122223333:key/${String(index).padStart(8, "0")}-12ab-34cd-56ef-1234567890ab`,
        );
        const entry = (eventName: string) => [{ name: "many", eventNames: [eventName], keyArns }];
        assert.match(
            problems({ apiCallAlerts: entry("Decrypt") }),
            /apiCallAlerts\[0\]\.keyArns: makes the rule's event pattern 2\d{3} characters, over EventBridge's 2048/,
        );
        assert.equal(parse({ apiCallAlerts: entry("DisableKey") }).apiCallAlerts.length, 1);
        assert.equal(
            parse({ apiCallAlerts: entry("Decrypt"), encryptTopic: false }).apiCallAlerts.length,
            1,
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
            ["key-lifecycle", "the keyLifecycleEvents rules"],
            ["key-rotation", "the keyLifecycleEvents rules"],
            ["pending-deletion-use", "the pendingDeletionUseAlerts rules"],
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
            /kms-monitoring:apiCallAlerts: must be a list of \{ name, eventNames, keyArns\?, errorCodes\?, callers\?, exceptCallers\? \}/,
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
            /kms-monitoring:apiCallAlerts\[0\]: must be an object with name, eventNames and optional keyArns, errorCodes, callers, exceptCallers \(got "decrypts"\)/,
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
});
