import { strict as assert } from "assert";
import {
    apiCallEventPattern,
    apiCallRuleState,
    callerKind,
    fitsOnePattern,
    pendingDeletionUsePattern,
} from "../../components/alerts";
import { matchesPattern } from "../support/eventMatcher";
import * as samples from "../../verify/samples";
import * as misuse from "../../verify/misuseSamples";

const ROLE = "arn:aws:iam::111122223333:role/payments-app";
const decrypt = samples.decryptEvent;
const by = misuse.calledBy;

/** Every documented kind of caller, and a session of ROLE, each making the sample Decrypt. */
const CALLS = [
    ...misuse.CALLERS.map((caller) => ({ kind: caller.kind, event: by(decrypt, caller.identity) })),
    { kind: "a session of the role", event: by(decrypt, misuse.roleSession(ROLE)) },
];

const matching = (pattern: object) =>
    CALLS.filter((call) => matchesPattern(pattern, call.event)).map((call) => call.kind);

describe("the pending-deletion pattern", () => {
    const pattern = pendingDeletionUsePattern();

    it("matches a call refused for a key pending deletion, any operation, by anyone", () => {
        assert.ok(matchesPattern(pattern, misuse.pendingDeletionDecryptEvent));
        const encrypt = misuse.onKeyPendingDeletion(
            samples.cloudTrailEvent("GenerateDataKey", true, { keySpec: "AES_256" }),
        );
        assert.ok(matchesPattern(pattern, by(encrypt, misuse.roleSession(ROLE))));
        assert.ok(
            matchesPattern(
                pattern,
                samples.recordedIn(misuse.pendingDeletionDecryptEvent, "eu-west-1"),
            ),
        );
    });

    it("matches no successful call, no other error, and no 'is not pending deletion'", () => {
        for (const event of [
            decrypt,
            samples.disableKeyEvent,
            misuse.deniedDecryptEvent,
            misuse.notPendingDeletionEvent,
            samples.s3ApiCallEvent,
        ]) {
            assert.ok(!matchesPattern(pattern, event), JSON.stringify(event.detail).slice(0, 80));
        }
    });
});

describe("caller filters", () => {
    it("exceptCallers on a role alerts on every other kind of caller and on no session of the role", () => {
        const pattern = apiCallEventPattern(["Decrypt"], [samples.KEY_ARN], {
            exceptCallers: [ROLE],
        });
        assert.deepEqual(matching(pattern), [
            "an IAM user",
            "a role session",
            "an AWS service",
            "the root user",
            "a federated session of Alice",
            "another account",
        ]);
    });

    it("callers on a role alerts on its sessions only", () => {
        const pattern = apiCallEventPattern(["Decrypt"], [], { callers: [ROLE] });
        assert.deepEqual(matching(pattern), ["a session of the role"]);
    });

    it("exceptCallers on a user, an account and a role together keep every caller none of them names", () => {
        const pattern = apiCallEventPattern(["Decrypt"], [], {
            exceptCallers: [misuse.ALICE_ARN, "444455556666", ROLE],
        });
        assert.deepEqual(matching(pattern), ["a role session", "an AWS service", "the root user"]);
        assert.ok(fitsOnePattern(pattern));
    });

    it("callers on a user and an account match those, and the account's other callers", () => {
        const pattern = apiCallEventPattern(["Decrypt"], [], {
            callers: [misuse.ALICE_ARN, "444455556666"],
        });
        assert.deepEqual(matching(pattern), [
            "an IAM user",
            "a federated session of Alice",
            "another account",
        ]);
    });

    it("a user ARN covers the user's GetFederationToken sessions, whose issuer is the user", () => {
        const federated = [by(decrypt, misuse.federatedUser(misuse.ALICE_ARN))];
        const bob = "arn:aws:iam::111122223333:user/Bob";
        const ofBob = by(decrypt, misuse.federatedUser(bob));
        const except = apiCallEventPattern(["Decrypt"], [], { exceptCallers: [misuse.ALICE_ARN] });
        const only = apiCallEventPattern(["Decrypt"], [], { callers: [misuse.ALICE_ARN] });
        assert.ok(!matchesPattern(except, federated[0]), "Alice's session is Alice: silent");
        assert.ok(matchesPattern(except, ofBob), "Bob's session is someone else: alerts");
        assert.ok(matchesPattern(only, federated[0]), "Alice's session is Alice: alerts");
        assert.ok(!matchesPattern(only, ofBob));
        assert.ok(!matchesPattern(only, by(decrypt, misuse.roleSession(ROLE))));
    });

    it("tells the three forms of caller apart, and refuses the rest", () => {
        assert.equal(callerKind(ROLE), "role");
        assert.equal(callerKind("arn:aws:iam::111122223333:role/service-role/x"), "role");
        assert.equal(callerKind("arn:aws-us-gov:iam::111122223333:user/ops/Alice"), "user");
        assert.equal(callerKind("111122223333"), "account");
        for (const other of [
            "arn:aws:sts::111122223333:assumed-role/payments-app/s",
            "arn:aws:iam::111122223333:root",
            "arn:aws:iam::111122223333:group/admins",
            "11112222333",
            "payments-app",
        ]) {
            assert.equal(callerKind(other), undefined, other);
        }
    });
});

describe("error filters", () => {
    it("AccessDenied* alerts on a denied call, on either spelling, and not on a successful one", () => {
        const pattern = apiCallEventPattern(["Decrypt"], [samples.KEY_ARN], {
            errorCodes: ["AccessDenied*"],
        });
        assert.ok(matchesPattern(pattern, misuse.deniedDecryptEvent));
        assert.ok(matchesPattern(pattern, misuse.failedWith(decrypt, "AccessDenied", "denied")));
        assert.ok(!matchesPattern(pattern, decrypt));
        assert.ok(!matchesPattern(pattern, misuse.pendingDeletionDecryptEvent));
        assert.equal(
            apiCallRuleState(["Decrypt"]),
            "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
        );
    });

    it("* alone alerts on any failed call, an exact code on that code only", () => {
        const any = apiCallEventPattern(["Decrypt"], [], { errorCodes: ["*"] });
        assert.ok(matchesPattern(any, misuse.pendingDeletionDecryptEvent));
        assert.ok(matchesPattern(any, misuse.deniedDecryptEvent));
        assert.ok(!matchesPattern(any, decrypt));
        const exact = apiCallEventPattern(["Decrypt"], [], {
            errorCodes: ["KMSInvalidStateException"],
        });
        assert.ok(matchesPattern(exact, misuse.pendingDeletionDecryptEvent));
        assert.ok(!matchesPattern(exact, misuse.deniedDecryptEvent));
    });
});
