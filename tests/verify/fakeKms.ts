/** KMS, answered from a FakeAccount: its keys, and the canary's calls, which it follows. */
import {
    CancelKeyDeletionCommand,
    DescribeKeyCommand,
    GenerateDataKeyCommand,
    GetKeyPolicyCommand,
    KMSClient,
} from "@aws-sdk/client-kms";
import { mockClient } from "aws-sdk-client-mock";
import type { FakeAccount } from "./fakeAccount";
import { followCanary } from "./fakeMetrics";
import { serviceError } from "./fakeService";

export function fakeKms(fake: FakeAccount) {
    const key = (id: string) => {
        const found = [...fake.keys.values()].find(
            (each) => each.arn === id || each.arn.endsWith(`/${id}`) || each.aliases.includes(id),
        );
        if (found === undefined)
            throw serviceError("NotFoundException", `Key '${id}' does not exist`);
        return found;
    };
    const kms = mockClient(KMSClient);
    kms.on(DescribeKeyCommand).callsFake((input) => {
        if (input.KeyId === "alias/aws/sns") {
            return {
                KeyMetadata: {
                    Arn: "arn:aws:kms:us-east-1:111122223333:key/aws-managed-sns",
                    KeyManager: "AWS",
                    KeyState: "Enabled",
                },
            };
        }
        const found = key(input.KeyId);
        return {
            KeyMetadata: { Arn: found.arn, KeyManager: found.manager, KeyState: found.state },
        };
    });
    kms.on(GetKeyPolicyCommand).callsFake((input) => ({
        Policy: key(input.KeyId).policy,
        PolicyName: "default",
    }));
    kms.on(GenerateDataKeyCommand).callsFake((input) => {
        fake.kmsCalls.push(`GenerateDataKey ${input.KeyId}`);
        followCanary(fake, "GenerateDataKey");
        return {
            KeyId: key(input.KeyId).arn,
            Plaintext: new Uint8Array(32),
            CiphertextBlob: new Uint8Array(64),
        };
    });
    kms.on(CancelKeyDeletionCommand).callsFake((input) => {
        fake.kmsCalls.push(`CancelKeyDeletion ${input.KeyId}`);
        followCanary(fake, "CancelKeyDeletion");
        if (key(input.KeyId).state !== "PendingDeletion") {
            throw serviceError(
                "KMSInvalidStateException",
                `${input.KeyId} is not pending deletion`,
            );
        }
        return { KeyId: input.KeyId };
    });
    return kms;
}
