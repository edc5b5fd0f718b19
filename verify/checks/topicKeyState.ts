import type { VerificationTopic } from "../../components/stack";

/**
 * Part of check 5: a topic key that is not Enabled fails every publish to the topic. SNS's Publish
 * answers KMSDisabled ("the specified Amazon Web Services KMS key isn't enabled") or
 * KMSInvalidState ("the state of the specified resource isn't valid for this request", KMS
 * Developer Guide, "Key states of AWS KMS keys") (SNS API reference, Publish, Errors). EventBridge
 * retries such a failed publish for the retry policy's 24 hours before it counts a
 * FailedInvocation or sends the event to the dead-letter queue, so until then nothing else shows
 * it: the key's state is read every time (DescribeKey, KeyState).
 */

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
