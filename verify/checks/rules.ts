import {
    DescribeRuleCommand,
    DescribeRuleCommandOutput,
    ListTargetsByRuleCommand,
    Target,
    TestEventPatternCommand,
} from "@aws-sdk/client-eventbridge";
import type { VerificationRule, VerificationTarget } from "../../components/stack";
import { attempt, fail, pass, ruleResource, Subject, VerifyContext, warn } from "../context";
import { checkEach } from "../batches";
import { samplesFor } from "./patternSamples";

/**
 * Check 4: every planned rule exists in its region and on its bus, with the planned state, pattern
 * and targets (DescribeRule, ListTargetsByRule); then AWS's own matcher, TestEventPattern, must
 * accept a documented sample of every kind of event the deployed pattern should match and reject
 * one it must not. TestEventPattern "tests whether the specified event pattern matches the
 * provided event" and nothing else (EventBridge API reference): state, bus, targets and
 * permissions are the other checks' business.
 */

/** JSON with its keys sorted, so that two patterns compare by content. */
function canonical(json: string): string {
    const sort = (value: unknown): unknown =>
        Array.isArray(value)
            ? value.map(sort)
            : typeof value === "object" && value !== null
              ? Object.fromEntries(
                    Object.entries(value)
                        .sort(([a], [b]) => a.localeCompare(b))
                        .map(([key, inner]) => [key, sort(inner)]),
                )
              : value;
    return JSON.stringify(sort(JSON.parse(json)));
}

const busArgument = (rule: VerificationRule) =>
    rule.busName === "default" ? "" : ` --event-bus-name ${rule.busName}`;

/** What is wrong with one expected target, given the rule's targets; undefined when nothing is. */
function targetProblem(
    expected: VerificationTarget,
    targets: readonly Target[],
): string | undefined {
    const target = targets.find((each) => each.Arn === expected.arn);
    if (target === undefined) {
        return `does not target the ${expected.kind} ${expected.arn}`;
    }
    if ((target.RoleArn ?? undefined) !== expected.roleArn) {
        return `targets the ${expected.kind} with role ${target.RoleArn ?? "none"}, not ${expected.roleArn ?? "none"}`;
    }
    const queue = target.DeadLetterConfig?.Arn;
    if (expected.deadLetterQueueArn !== undefined && queue !== expected.deadLetterQueueArn) {
        return queue === undefined
            ? `has no dead-letter queue on its ${expected.kind} target: undeliverable events are dropped`
            : `sends undeliverable events to ${queue}, not ${expected.deadLetterQueueArn}`;
    }
    const retry = expected.retryPolicy;
    if (
        retry !== undefined &&
        (target.RetryPolicy?.MaximumEventAgeInSeconds !== retry.maximumEventAgeInSeconds ||
            target.RetryPolicy?.MaximumRetryAttempts !== retry.maximumRetryAttempts)
    ) {
        return (
            `retries its ${expected.kind} target for ${target.RetryPolicy?.MaximumEventAgeInSeconds ?? "?"} s and ` +
            `${target.RetryPolicy?.MaximumRetryAttempts ?? "?"} attempts, not ` +
            `${retry.maximumEventAgeInSeconds} s and ${retry.maximumRetryAttempts}`
        );
    }
    return undefined;
}

function ruleProblems(
    rule: VerificationRule,
    described: DescribeRuleCommandOutput,
    targets: readonly Target[],
): string[] {
    const problems: string[] = [];
    if (described.State !== rule.state) {
        problems.push(`is ${described.State}, not ${rule.state}`);
    }
    if (
        rule.eventPattern !== undefined &&
        (described.EventPattern === undefined ||
            canonical(described.EventPattern) !== canonical(rule.eventPattern))
    ) {
        problems.push("has another event pattern than the stack's");
    }
    if ((described.ScheduleExpression ?? undefined) !== rule.scheduleExpression) {
        problems.push(
            `runs on ${described.ScheduleExpression ?? "no schedule"}, not ${rule.scheduleExpression}`,
        );
    }
    for (const target of rule.targets) {
        const problem = targetProblem(target, targets);
        if (problem !== undefined) {
            problems.push(problem);
        }
    }
    return problems;
}

/**
 * What to do about a rule that is not as planned. `aws events enable-rule` sets the state ENABLED,
 * which is not sure to receive read-only management events (EventBridge User Guide, "Receiving
 * read-only management events from AWS services": it excludes them, though those that do not
 * start with Describe, Get or List may arrive anyway): a rule planned as
 * ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS gets its state back from pulumi up (or PutRule with
 * that state: EventBridge API reference, PutRule, State).
 */
function ruleFix(rule: VerificationRule, deployedState: string | undefined): string {
    if (deployedState === "DISABLED" && rule.state === "ENABLED") {
        return (
            `aws events enable-rule --name ${rule.name}${busArgument(rule)} ` +
            `--region ${rule.region}, or pulumi up`
        );
    }
    if (deployedState === "DISABLED") {
        return (
            `run pulumi up: it restores the state ${rule.state} (aws events enable-rule would set ` +
            "ENABLED, which is not sure to receive read-only management events)"
        );
    }
    return "run pulumi up (pulumi refresh first shows what changed)";
}

/** Describes the rule and its targets; undefined when it is missing or could not be read. */
async function deployedRule(ctx: VerifyContext, rule: VerificationRule, subject: Subject) {
    const client = ctx.aws.events(rule.region);
    const EventBusName = rule.busName;
    return attempt(
        ctx,
        subject,
        "events",
        async () => {
            const described = await client.send(
                new DescribeRuleCommand({ Name: rule.name, EventBusName }),
            );
            const targets = await client.send(
                new ListTargetsByRuleCommand({ Rule: rule.name, EventBusName }),
            );
            return { described, targets: targets.Targets ?? [] };
        },
        `does not exist on bus ${rule.busName}`,
    );
}

async function checkPattern(ctx: VerifyContext, rule: VerificationRule, deployedPattern: string) {
    const subject = { id: "rule-pattern", region: rule.region, resource: ruleResource(rule) };
    const samples = samplesFor(rule.eventPattern ?? deployedPattern, {
        account: ctx.expected.account,
        region: rule.region,
    });
    if (samples === undefined) {
        warn(
            ctx,
            subject,
            "no documented sample fits this pattern, so it was not tested",
            "add samples to verify/samples.ts",
        );
        return;
    }
    const client = ctx.aws.events(rule.region);
    const test = (event: object) =>
        client.send(
            new TestEventPatternCommand({
                EventPattern: deployedPattern,
                Event: JSON.stringify(event),
            }),
        );
    const problems: string[] = [];
    for (const sample of samples.accept) {
        const result = await attempt(ctx, subject, "events", () => test(sample.event));
        if (result === undefined) return;
        if (!result.Result) problems.push(`rejects ${sample.kind}`);
    }
    for (const sample of samples.reject) {
        const result = await attempt(ctx, subject, "events", () => test(sample.event));
        if (result === undefined) return;
        if (result.Result) problems.push(`matches ${sample.kind}`);
    }
    if (problems.length > 0) {
        fail(
            ctx,
            subject,
            `TestEventPattern: the deployed pattern ${problems.join("; ")}`,
            "run pulumi up to restore the stack's pattern",
        );
    } else {
        pass(
            ctx,
            subject,
            `TestEventPattern accepts ${samples.accept.length} ` +
                `documented sample(s) and rejects ${samples.reject.length}`,
        );
    }
}

async function checkRule(ctx: VerifyContext, rule: VerificationRule): Promise<void> {
    const subject = { id: "rule", region: rule.region, resource: ruleResource(rule) };
    const deployed = await deployedRule(ctx, rule, subject);
    if (deployed === undefined) {
        return;
    }
    const problems = ruleProblems(rule, deployed.described, deployed.targets);
    if (problems.length > 0) {
        fail(ctx, subject, problems.join("; "), ruleFix(rule, deployed.described.State));
    } else {
        pass(
            ctx,
            subject,
            `${rule.state} on bus ${rule.busName}, ` +
                `${rule.targets.map((target) => target.kind).join(", ")} target as planned`,
        );
    }
    if (deployed.described.EventPattern !== undefined) {
        await checkPattern(ctx, rule, deployed.described.EventPattern);
    }
}

export async function checkRules(ctx: VerifyContext): Promise<void> {
    await checkEach(ctx, ctx.expected.rules, async (each, rule) => {
        each.report.progress(`rule ${rule.name} in ${rule.region}...`);
        await checkRule(each, rule);
    });
}
