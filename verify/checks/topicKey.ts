import { GetKeyPolicyCommand } from "@aws-sdk/client-kms";
import { GetTopicAttributesCommand } from "@aws-sdk/client-sns";
import type { VerificationOutput, VerificationTopic } from "../../components/stack";
import { attempt, fail, pass, ruleResource, Subject, VerifyContext, warn } from "../context";
import { evaluate, Request } from "../policyEvaluator";
import { DescribeKey, describeKeyOnce, keyStateFix, keyStateProblem } from "./topicKeyState";

/**
 * Check 5: every topic (the alert topic, and the chat and webhook topics) is encrypted with the
 * stack's own key, whose policy lets EventBridge and CloudWatch use it, and each topic's policy
 * lets the stack's rules and alarms that deliver to it publish. The AWS
 * managed key alias/aws/sns cannot be given such a statement, so with it every publish by
 * EventBridge or CloudWatch fails (SNS Developer Guide, "Enable compatibility between event sources
 * from AWS services and encrypted topics"). A custom topic policy must name each publishing service
 * (Knowledge Center, "Why isn't my Amazon SNS topic receiving EventBridge notifications?"). The
 * policies are read back and evaluated with verify/policyEvaluator.ts, the model the tests use.
 * The key must also be Enabled (topicKeyState.ts).
 */

type Policy = Parameters<typeof evaluate>[0];

/** The publishers of a topic: its rules and the alarms that notify it, by ARN. */
function publishers(expected: VerificationOutput, topicArn: string) {
    const { account, partition } = expected;
    return {
        rules: expected.rules
            .filter((rule) => rule.targets.some((target) => target.arn === topicArn))
            .map(
                (rule) =>
                    `arn:${partition}:events:${rule.region}:${account}:rule/${ruleResource(rule)}`,
            ),
        alarms: expected.alarms
            .filter((alarm) => alarm.notifies === topicArn)
            .map(
                (alarm) =>
                    `arn:${partition}:cloudwatch:${alarm.region}:${account}:alarm:${alarm.name}`,
            ),
    };
}

function parsePolicy(text: string | undefined): Policy | undefined {
    if (text === undefined) {
        return undefined;
    }
    const parsed = JSON.parse(text) as {
        Statement: Policy["Statement"] | Policy["Statement"][number];
    };
    return { Statement: Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement] };
}

/** The requests the policy refuses; a statement verify cannot model makes the answer unknown. */
function refused(policy: Policy, requests: readonly Request[]): Request[] | string {
    try {
        return requests.filter((request) => evaluate(policy, request) !== "Allow");
    } catch (error) {
        return error instanceof Error ? error.message : String(error);
    }
}

function serviceRequest(
    service: string,
    action: string,
    resource: string,
    account: string,
    sourceArn: string,
): Request {
    return {
        principal: { type: "Service", id: service },
        action,
        resource,
        context: {
            "aws:SourceAccount": account,
            "aws:SourceArn": sourceArn,
            "aws:SecureTransport": "true",
        },
    };
}

function judgePolicy(
    ctx: VerifyContext,
    subject: Subject,
    policy: Policy | undefined,
    requests: readonly Request[],
    what: string,
): void {
    const fix = "run pulumi up to restore the stack's policy";
    const denied = policy === undefined ? "no policy" : refused(policy, requests);
    if (typeof denied === "string") {
        warn(
            ctx,
            subject,
            `could not evaluate the policy (${denied})`,
            `check by hand that it lets ${what}`,
        );
    } else if (denied.length > 0) {
        const who = [
            ...new Set(
                denied.map(
                    (request) => `${request.principal.id} (${request.context["aws:SourceArn"]})`,
                ),
            ),
        ];
        fail(
            ctx,
            subject,
            `does not let ${who.slice(0, 3).join(", ")}${who.length > 3 ? ` and ${who.length - 3} more` : ""} ` +
                `${denied[0].action}`,
            fix,
        );
    } else {
        pass(ctx, subject, `lets ${what}`);
    }
}

async function checkKey(
    ctx: VerifyContext,
    topic: VerificationTopic,
    configured: string | undefined,
    describeKey: DescribeKey,
) {
    const subject = { id: "topic-key", region: topic.region, resource: topic.arn };
    if (topic.keyArn === undefined) {
        warn(
            ctx,
            subject,
            "is not encrypted (encryptTopic: false)",
            "set kms-monitoring:encryptTopic: true and run pulumi up",
        );
        return;
    }
    if (configured === undefined || configured === "") {
        fail(ctx, subject, "is not encrypted", "run pulumi up");
        return;
    }
    const described = await attempt(ctx, subject, "kms", () =>
        describeKey(topic.region, configured),
    );
    if (described === undefined) return;
    const actual = described.KeyMetadata?.Arn ?? configured;
    if (described.KeyMetadata?.KeyManager === "AWS") {
        fail(
            ctx,
            subject,
            `is encrypted with the AWS managed key ${configured}: EventBridge and CloudWatch cannot publish to it`,
            "run pulumi up to put the stack's key back",
        );
    } else if (actual !== topic.keyArn) {
        fail(
            ctx,
            subject,
            `is encrypted with ${actual}, not the stack's key ${topic.keyArn}`,
            "run pulumi up",
        );
    } else if (described.KeyMetadata?.KeyState !== "Enabled") {
        const state = described.KeyMetadata?.KeyState ?? "in an unknown state";
        fail(ctx, subject, keyStateProblem(topic.keyArn, state), keyStateFix(topic, state));
    } else {
        pass(ctx, subject, `is encrypted with the stack's key ${topic.keyArn}, which is Enabled`);
    }
}

/** The key's policy, once per key, for the publishers of every topic it encrypts. */
async function checkKeyPolicy(ctx: VerifyContext, keyArn: string, topics: VerificationTopic[]) {
    const region = topics[0].region;
    const subject = { id: "key-policy", region, resource: keyArn };
    const got = await attempt(ctx, subject, "kms", () =>
        ctx.aws.kms(region).send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: "default" })),
    );
    if (got === undefined) return;
    const all = topics.map((topic) => publishers(ctx.expected, topic.arn));
    const rules = all.flatMap((each) => each.rules);
    const alarms = all.flatMap((each) => each.alarms);
    const account = ctx.expected.account;
    const requests = [
        ...rules.slice(0, 1).map((arn) => ["events.amazonaws.com", arn]),
        ...alarms.slice(0, 1).map((arn) => ["cloudwatch.amazonaws.com", arn]),
    ].flatMap(([service, arn]) =>
        ["kms:GenerateDataKey", "kms:Decrypt"].map((action) =>
            serviceRequest(service, action, keyArn, account, arn),
        ),
    );
    judgePolicy(
        ctx,
        subject,
        parsePolicy(got.Policy),
        requests,
        "events.amazonaws.com and cloudwatch.amazonaws.com use it to publish",
    );
}

export async function checkTopicsAndKeys(ctx: VerifyContext): Promise<void> {
    const checked: VerificationTopic[] = [];
    const describeKey = describeKeyOnce(ctx);
    for (const topic of ctx.expected.topics) {
        const subject = { id: "topic-policy", region: topic.region, resource: topic.arn };
        const attributes = await attempt(ctx, subject, "sns", () =>
            ctx.aws.sns(topic.region).send(new GetTopicAttributesCommand({ TopicArn: topic.arn })),
        );
        if (attributes === undefined) continue;
        await checkKey(ctx, topic, attributes.Attributes?.KmsMasterKeyId, describeKey);
        checked.push(topic);
        const { rules, alarms } = publishers(ctx.expected, topic.arn);
        const account = ctx.expected.account;
        judgePolicy(
            ctx,
            subject,
            parsePolicy(attributes.Attributes?.Policy),
            [
                ...rules.map((arn) =>
                    serviceRequest("events.amazonaws.com", "sns:Publish", topic.arn, account, arn),
                ),
                ...alarms.map((arn) =>
                    serviceRequest(
                        "cloudwatch.amazonaws.com",
                        "sns:Publish",
                        topic.arn,
                        account,
                        arn,
                    ),
                ),
            ],
            `the stack's ${rules.length} rules and ${alarms.length} alarms publish`,
        );
    }
    const keys = [...new Set(checked.flatMap((topic) => topic.keyArn ?? []))];
    for (const keyArn of keys) {
        await checkKeyPolicy(
            ctx,
            keyArn,
            checked.filter((topic) => topic.keyArn === keyArn),
        );
    }
}
