import { DescribeKeyCommand, DescribeKeyCommandOutput } from "@aws-sdk/client-kms";
import type { VerificationTopic } from "../../components/stack";
import type { VerifyContext } from "../context";

/**
 * Part of check 5: a topic key that is not Enabled fails every publish to the topic. SNS's Publish
 * answers KMSDisabled ("the specified Amazon Web Services KMS key isn't enabled") or
 * KMSInvalidState ("the state of the specified resource isn't valid for this request", KMS
 * Developer Guide, "Key states of AWS KMS keys") (SNS API reference, Publish, Errors). EventBridge
 * retries such a failed publish for the retry policy's 24 hours before it counts a
 * FailedInvocation or sends the event to the dead-letter queue, so until then nothing else shows
 * it: the key's state is read every time (DescribeKey, KeyState).
 */

export type DescribeKey = (region: string, keyId: string) => Promise<DescribeKeyCommandOutput>;

/** DescribeKey, asked once per region and key however many topics the key encrypts. */
export function describeKeyOnce(ctx: VerifyContext): DescribeKey {
    const asked = new Map<string, Promise<DescribeKeyCommandOutput>>();
    return (region, keyId) => {
        const key = `${region} ${keyId}`;
        let answer = asked.get(key);
        if (answer === undefined) {
            answer = ctx.aws.kms(region).send(new DescribeKeyCommand({ KeyId: keyId }));
            asked.set(key, answer);
        }
        return answer;
    };
}

export function keyStateProblem(keyArn: string, state: string): string {
    return (
        `its key ${keyArn} is ${state}, not Enabled: every alert published to the topic fails, ` +
        "unseen for a day while EventBridge retries"
    );
}

export function keyStateFix(topic: VerificationTopic, state: string): string {
    const key = `--key-id ${topic.keyArn} --region ${topic.region}`;
    if (state === "Disabled") {
        return `aws kms enable-key ${key}`;
    }
    if (state === "PendingDeletion") {
        return `aws kms cancel-key-deletion ${key}, then aws kms enable-key ${key}`;
    }
    return "look at the key in the KMS console; run pulumi up to restore the stack's key";
}
