import { strict as assert } from "assert";
import { parseStackConfig } from "../../components/config";
import { CONTEXT, parse, problems } from "./fixtures";

const ROLE = "arn:aws:iam::111122223333:role/payments-app";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const FORMS =
    "an IAM role ARN (arn:aws:iam::<account>:role/<name>, every session of the role), an IAM " +
    "user ARN (arn:aws:iam::<account>:user/<name>) or a 12-digit account ID";

const entry = (fields: Record<string, unknown>) => ({
    apiCallAlerts: [{ name: "x", eventNames: ["Decrypt"], keyArns: [KEY], ...fields }],
});

describe("apiCallAlerts caller and error filters", () => {
    it("accepts role, user and account callers, error codes and prefixes, and keeps them", () => {
        const config = parse({
            apiCallAlerts: [
                {
                    name: "decrypt-by-others",
                    eventNames: ["Decrypt"],
                    exceptCallers: [
                        ROLE,
                        "arn:aws:iam::111122223333:role/service-role/x",
                        "444455556666",
                    ],
                },
                {
                    name: "denied",
                    eventNames: ["Decrypt"],
                    errorCodes: ["AccessDenied*", "*", "KMSInvalidStateException"],
                    callers: ["arn:aws:iam::111122223333:user/ops/Alice"],
                },
            ],
            pendingDeletionUseAlerts: false,
        });
        assert.deepEqual(config.apiCallAlerts[0].exceptCallers?.[2], "444455556666");
        assert.deepEqual(config.apiCallAlerts[1].errorCodes, [
            "AccessDenied*",
            "*",
            "KMSInvalidStateException",
        ]);
        assert.equal(config.apiCallAlerts[0].callers, undefined);
        assert.equal(config.pendingDeletionUseAlerts, false);
    });

    it("warns about a role or user ARN of another account than the entry's keys, and suggests its account ID", () => {
        const other = "arn:aws:iam::444455556666:role/payments-app";
        const warnings = parse({
            apiCallAlerts: [
                { name: "a", eventNames: ["Decrypt"], keyArns: [KEY], callers: [ROLE, other] },
                {
                    name: "b",
                    eventNames: ["Decrypt"],
                    keyArns: [KEY],
                    exceptCallers: ["444455556666", "arn:aws:iam::444455556666:user/ops/Bob"],
                },
                // No keys: the stack's account is not known when the config is read.
                { name: "c", eventNames: ["Decrypt"], callers: [other] },
            ],
            pendingDeletionUseAlerts: false,
        }).warnings;
        assert.deepEqual(warnings, [
            `kms-monitoring:apiCallAlerts[0].callers[1] (${other}) is in account 444455556666, ` +
                "the entry's keys in 111122223333: the key's account records another account's " +
                "call as userIdentity type AWSAccount, with the account ID and no ARN, so it never " +
                "matches there. Only 444455556666's own record of the call names the ARN, and it " +
                "reaches this stack only if that account is the stack's own or a member account " +
                "of organization. Use the account ID 444455556666 to match the key's account's " +
                "record (docs/misuse.md).",
            "kms-monitoring:apiCallAlerts[1].exceptCallers[1] (arn:aws:iam::444455556666:user/ops/Bob) " +
                "is in account 444455556666, the entry's keys in 111122223333: the key's account " +
                "records another account's call as userIdentity type AWSAccount, with the account " +
                "ID and no ARN, so every call of that account alerts there. Only 444455556666's own " +
                "record of the call names the ARN, and it reaches this stack only if that account " +
                "is the stack's own or a member account of organization. Use the account ID " +
                "444455556666 to match the key's account's record (docs/misuse.md).",
        ]);
    });

    it("refuses callers and exceptCallers together, a caller in no allowed form and an empty error code, in one message naming each key", () => {
        const message = problems({
            apiCallAlerts: [
                {
                    name: "both",
                    eventNames: ["Decrypt"],
                    callers: [ROLE],
                    exceptCallers: ["444455556666"],
                },
                { name: "bad-caller", eventNames: ["Decrypt"], callers: ["payments-app"] },
                { name: "empty-code", eventNames: ["Decrypt"], errorCodes: [""] },
            ],
        });
        assert.match(message, /: 3 problems\n/);
        assert.match(
            message,
            /kms-monitoring:apiCallAlerts\[0\]\.exceptCallers: is set together with callers; an entry watches the callers it names or everyone but them, not both: keep one, or make two entries \(got \["444455556666"\]\)/,
        );
        assert.ok(
            message.includes(
                `kms-monitoring:apiCallAlerts[1].callers[0]: must be ${FORMS} (got "payments-app")`,
            ),
        );
        assert.match(
            message,
            /kms-monitoring:apiCallAlerts\[2\]\.errorCodes\[0\]: must not be empty; give an error code \(AccessDeniedException\), a prefix ending in \* \(AccessDenied\*\), or \* alone for any failed call \(got ""\)/,
        );
    });

    it("points a role session's ARN to its role's ARN, which matches every session", () => {
        assert.match(
            problems(
                entry({
                    exceptCallers: ["arn:aws:sts::111122223333:assumed-role/payments-app/i-0abc"],
                }),
            ),
            /exceptCallers\[0\]: is one session of a role; give the role's ARN, arn:aws:iam::111122223333:role\/payments-app \(with its path, if it has one\), which matches every session/,
        );
    });

    it("refuses a * other than at the end of an error code, and empty lists", () => {
        assert.match(
            problems(entry({ errorCodes: ["*Denied"] })),
            /errorCodes\[0\]: must be an error code .*; \* may only end it, and no spaces \(got "\*Denied"\)/,
        );
        assert.match(
            problems(entry({ errorCodes: [] })),
            /errorCodes: must list at least one error code; leave it out to match calls whether they fail or not/,
        );
        assert.match(
            problems(entry({ callers: [] })),
            /callers: must list at least one caller; leave it out to watch calls by anyone/,
        );
        assert.match(
            problems(entry({ exceptCallers: [] })),
            /exceptCallers: must list at least one caller; leave it out to except nobody/,
        );
    });

    it("refuses a project and stack name that make the stack's own rule names too long, under each switch", () => {
        let message = "";
        try {
            parseStackConfig(
                {},
                {
                    ...CONTEXT,
                    project: "kms-monitoring-for-the-payments-platform",
                    stack: "production-eu",
                },
            );
        } catch (error) {
            message = String(error);
        }
        assert.match(
            message,
            /:keyLifecycleEvents: makes the rule name ".*-production-eu-key-lifecycle" longer than 64 characters; use a shorter project or stack name, or set keyLifecycleEvents to false/,
        );
        assert.match(
            message,
            /:pendingDeletionUseAlerts: makes the rule name ".*-pending-deletion-use" longer than 64 characters/,
        );
    });

    it("refuses a caller or error code listed twice, and a switch that is not a boolean", () => {
        assert.match(
            problems(entry({ callers: [ROLE, ROLE] })),
            /apiCallAlerts\[0\]\.callers\[1\]: is listed twice/,
        );
        assert.match(
            problems(entry({ errorCodes: ["AccessDenied*", "AccessDenied*"] })),
            /apiCallAlerts\[0\]\.errorCodes\[1\]: is listed twice/,
        );
        assert.match(
            problems({ pendingDeletionUseAlerts: "yes" }),
            /kms-monitoring:pendingDeletionUseAlerts: must be true or false \(got "yes"\)/,
        );
    });
});
