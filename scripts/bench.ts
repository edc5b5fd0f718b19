/**
 * `npm run bench -- host`: the program in its own process as the Pulumi language host starts it,
 * beside `npm run plan` and the CDK yardstick (scripts/benchHost.ts).
 *
 * `npm run bench`: what the program itself costs to evaluate under Pulumi's mock runtime, for the
 * dev stack and for a large synthetic stack, against a bare script that registers the same
 * resources with @pulumi/aws directly (no components, no validation). Both run in this process,
 * after the same warm-up, so Node and module start-up are not counted. A script, not a test.
 */
import * as os from "os";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { KmsMonitoring } from "../components/stack";
import { parseStackConfig, StackConfig } from "../components/config";
import { auditQueries, CIS_KMS_PATTERN } from "../components/audit/auditQueries";
import {
    installMocks,
    loadStackConfig,
    projectConfig,
    REPO_ROOT,
    restoreWarnings,
    settle,
} from "./mockRuntime";
import { SNAPSHOT_NOW } from "./snapshots";
import { hostMain } from "./benchHost";

const WARM_UP_RUNS = 3;
const MEASURED_RUNS = 7;

type RawConfig = Record<string, string>;

function devConfig(): RawConfig {
    return loadStackConfig(path.join(REPO_ROOT, "Pulumi.dev.yaml")).config;
}

/** The dev stack grown to 200 watched keys, 20 API-call rules and 10 email addresses. */
function largeConfig(): RawConfig {
    const config = devConfig();
    const operations = [
        "Decrypt",
        "Encrypt",
        "GenerateDataKey",
        "DisableKey",
        "ScheduleKeyDeletion",
        "PutKeyPolicy",
        "CreateGrant",
        "RevokeGrant",
        "ImportKeyMaterial",
        "ReEncrypt",
    ];
    config["kms-monitoring:alertEmails"] = JSON.stringify(
        Array.from({ length: 10 }, (_, index) => `oncall-${index}@example.com`),
    );
    config["kms-monitoring:apiCallAlerts"] = JSON.stringify(
        Array.from({ length: 20 }, (_, index) => ({
            name: `rule-${index}`,
            eventNames: [operations[index % operations.length]],
        })),
    );
    config["kms-monitoring:watchedKeys"] = JSON.stringify(
        Array.from(
            { length: 200 },
            (_, index) => `alias/watched-${String(index).padStart(3, "0")}`,
        ),
    );
    return config;
}

function parse(raw: RawConfig): StackConfig {
    return parseStackConfig(projectConfig(raw), {
        project: "kms-monitoring",
        stack: "dev",
        now: SNAPSHOT_NOW,
    });
}

/** The program: validate the config, build the components. */
function program(raw: RawConfig): void {
    KmsMonitoring.fromConfig(parse(raw));
}

/** The same resources, registered one by one with @pulumi/aws and the same invokes. */
function bare(raw: RawConfig): void {
    // The config is read but not validated; the bare script trusts it.
    const read = (key: string) => JSON.parse(raw[`kms-monitoring:${key}`] ?? "null");
    const prefix = "kms-monitoring-dev";
    const emails: string[] = read("alertEmails") ?? [];
    const alerts: { name: string; eventNames: string[] }[] = read("apiCallAlerts") ?? [
        { name: "data-key-generation", eventNames: ["GenerateDataKey"] },
        { name: "key-management", eventNames: ["DisableKey", "ScheduleKeyDeletion"] },
    ];
    const watched: string[] = read("watchedKeys") ?? [];
    const imported = read("importedKey") as {
        alias: string;
        validTo?: string;
        deletionWindowInDays?: number;
    };

    const identity = aws.getCallerIdentityOutput();
    const region = aws.getRegionOutput();
    const topicKey = new aws.kms.Key("key", {
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: identity.accountId.apply((account) => JSON.stringify({ account })),
    });
    new aws.kms.Alias("key-alias", { name: `alias/${prefix}-alerts`, targetKeyId: topicKey.keyId });
    const topic = new aws.sns.Topic("topic", {
        name: raw["kms-monitoring:topicName"],
        kmsMasterKeyId: topicKey.arn,
    });
    const ruleNames = [
        ...alerts.map((alert) => `${prefix}-${alert.name}`),
        `${prefix}-key-lifecycle`,
        `${prefix}-expiring-keys`,
    ];
    new aws.sns.TopicPolicy("topic-policy", {
        arn: topic.arn,
        policy: pulumi
            .all([topic.arn, identity.accountId])
            .apply(([arn, account]) => JSON.stringify({ arn, account, ruleNames })),
    });
    emails.forEach(
        (email) =>
            new aws.sns.TopicSubscription(`email-${email}`, {
                topic: topic.arn,
                protocol: "email",
                endpoint: email,
            }),
    );
    const queue = new aws.sqs.Queue("queue", {
        sqsManagedSseEnabled: true,
        messageRetentionSeconds: 1_209_600,
    });
    new aws.sqs.QueuePolicy("queue-policy", {
        queueUrl: queue.url,
        policy: queue.arn.apply((arn) => JSON.stringify({ arn, ruleNames })),
    });
    const alarm = (name: string, args: aws.cloudwatch.MetricAlarmArgs) =>
        new aws.cloudwatch.MetricAlarm(name, { ...args, alarmActions: [topic.arn] });
    const alarms: aws.cloudwatch.MetricAlarm[] = [];
    ruleNames.forEach((ruleName, index) => {
        const rule = new aws.cloudwatch.EventRule(ruleName, {
            name: ruleName,
            eventPattern: JSON.stringify({
                source: ["aws.kms"],
                detail: { eventName: alerts[index]?.eventNames },
            }),
        });
        new aws.cloudwatch.EventTarget(`${ruleName}-target`, {
            rule: rule.name,
            arn: topic.arn,
            deadLetterConfig: { arn: queue.arn },
            retryPolicy: { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 185 },
        });
        alarms.push(
            alarm(`${ruleName}-failed`, {
                comparisonOperator: "GreaterThanThreshold",
                evaluationPeriods: 1,
                metricName: "FailedInvocations",
                namespace: "AWS/Events",
                period: 300,
                statistic: "Sum",
                threshold: 0,
                dimensions: { RuleName: ruleName },
            }),
        );
    });
    alarms.push(
        alarm("sns-failed", {
            comparisonOperator: "GreaterThanThreshold",
            evaluationPeriods: 1,
            metricName: "NumberOfNotificationsFailed",
            namespace: "AWS/SNS",
            period: 300,
            statistic: "Sum",
            threshold: 0,
            dimensions: { TopicName: topic.name },
        }),
    );
    alarms.push(
        alarm("dead-letters", {
            comparisonOperator: "GreaterThanThreshold",
            evaluationPeriods: 1,
            metricName: "ApproximateNumberOfMessagesVisible",
            namespace: "AWS/SQS",
            period: 300,
            statistic: "Maximum",
            threshold: 0,
            dimensions: { QueueName: queue.name },
        }),
    );

    const material = new random.RandomBytes("material", { length: 32 });
    const key = new aws.kms.ExternalKey("imported", {
        keyMaterialBase64: material.base64,
        validTo: imported.validTo,
        deletionWindowInDays: imported.deletionWindowInDays,
    });
    new aws.kms.Alias("imported-alias", { name: imported.alias, targetKeyId: key.id });
    const expiry = (name: string, keyId: pulumi.Input<string>) =>
        alarm(name, {
            comparisonOperator: "LessThanOrEqualToThreshold",
            evaluationPeriods: 1,
            metricName: "SecondsUntilKeyMaterialExpiration",
            namespace: "AWS/KMS",
            period: 3600,
            statistic: "Minimum",
            threshold: 2_592_000,
            dimensions: { KeyId: keyId },
        });
    alarms.push(expiry("imported-expiry", key.id));
    alarms.push(
        new aws.cloudwatch.MetricAlarm("expiring-material", {
            comparisonOperator: "LessThanOrEqualToThreshold",
            evaluationPeriods: 1,
            threshold: 2_592_000,
            metricQueries: [
                {
                    id: "expiring",
                    expression:
                        'SELECT MIN(SecondsUntilKeyMaterialExpiration) FROM SCHEMA("AWS/KMS", KeyId) GROUP BY KeyId ORDER BY MIN() ASC',
                    period: 3600,
                    returnData: true,
                },
            ],
        }),
    );
    watched.forEach((reference) =>
        alarms.push(expiry(`expiry-${reference}`, aws.kms.getKeyOutput({ keyId: reference }).id)),
    );

    const trail = new awsx.cloudtrail.Trail("trail", {
        name: `${prefix}-audit`,
        isMultiRegionTrail: true,
        cloudWatchLogsGroup: {
            enable: true,
            args: { name: `/aws/cloudtrail/${prefix}`, retentionInDays: 30 },
        },
    });
    new aws.cloudwatch.LogMetricFilter(
        "cis",
        {
            logGroupName: `/aws/cloudtrail/${prefix}`,
            pattern: CIS_KMS_PATTERN,
            metricTransformation: { name: "cis", namespace: "LogMetrics", value: "1" },
        },
        { dependsOn: [trail] },
    );
    alarms.push(
        alarm("cis-alarm", {
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            evaluationPeriods: 1,
            metricName: "cis",
            namespace: "LogMetrics",
            period: 300,
            statistic: "Sum",
            threshold: 1,
        }),
    );
    auditQueries().forEach(
        (query, index) =>
            new aws.cloudwatch.QueryDefinition(
                `query-${index}`,
                {
                    name: `${prefix}/${query.name}`,
                    logGroupNames: [`/aws/cloudtrail/${prefix}`],
                    queryString: key.arn.apply(() => query.query),
                },
                { dependsOn: [trail] },
            ),
    );
    new aws.cloudwatch.Dashboard("dashboard", {
        dashboardName: prefix,
        dashboardBody: pulumi
            .all([region.region, ...alarms.map((each) => each.arn)])
            .apply((values) => JSON.stringify({ widgets: values })),
    });
}

interface Measurement {
    readonly milliseconds: number;
    readonly peakHeapMb: number;
    readonly resources: number;
}

async function runOnce(build: (raw: RawConfig) => void, raw: RawConfig): Promise<Measurement> {
    const recorder = await installMocks({ config: raw });
    global.gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
    const started = process.hrtime.bigint();
    build(raw);
    await settle(recorder);
    const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    restoreWarnings();
    const resources = recorder.resources.filter(
        (resource) => resource.custom || resource.type.startsWith("awsx:"),
    ).length;
    return { milliseconds, peakHeapMb: (peak - baseline) / 2 ** 20, resources };
}

async function measure(build: (raw: RawConfig) => void, raw: RawConfig): Promise<Measurement> {
    for (let run = 0; run < WARM_UP_RUNS; run++) {
        await runOnce(build, raw);
    }
    const runs: Measurement[] = [];
    for (let run = 0; run < MEASURED_RUNS; run++) {
        runs.push(await runOnce(build, raw));
    }
    const median = (values: number[]) =>
        [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return {
        milliseconds: median(runs.map((each) => each.milliseconds)),
        peakHeapMb: Math.max(...runs.map((each) => each.peakHeapMb)),
        resources: runs[0].resources,
    };
}

async function main(): Promise<void> {
    const scenarios = [
        { name: "dev", raw: devConfig() },
        { name: "large (200 keys, 20 rules, 10 emails)", raw: largeConfig() },
    ];
    const rows: string[][] = [
        ["stack", "script", "resources", "median ms", "ms/resource", "peak heap MB"],
    ];
    const ratios: string[] = [];
    const perResource: Record<string, number[]> = { program: [], bare: [] };
    for (const scenario of scenarios) {
        const ours = await measure(program, scenario.raw);
        const theirs = await measure(bare, scenario.raw);
        for (const [label, result] of [
            ["program", ours],
            ["bare", theirs],
        ] as const) {
            perResource[label].push(result.milliseconds / result.resources);
            rows.push([
                scenario.name,
                label,
                String(result.resources),
                result.milliseconds.toFixed(1),
                (result.milliseconds / result.resources).toFixed(3),
                result.peakHeapMb.toFixed(1),
            ]);
        }
        ratios.push(
            `${scenario.name}: program / bare = ${(ours.milliseconds / theirs.milliseconds).toFixed(2)}`,
        );
    }
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    const lines = rows.map((row) =>
        row
            .map((cell, column) =>
                column >= 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
            )
            .join("  "),
    );
    process.stdout.write(
        [
            `kms-monitoring bench, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"})`,
            `median of ${MEASURED_RUNS} runs after ${WARM_UP_RUNS} warm-up runs, under Pulumi's mock runtime`,
            "",
            ...lines,
            "",
            `growth dev -> large, time per resource: program x${(perResource.program[1] / perResource.program[0]).toFixed(2)}, bare x${(perResource.bare[1] / perResource.bare[0]).toFixed(2)} (1.00 is linear)`,
            ...ratios,
            "",
        ].join("\n"),
    );
}

if (process.argv[2] === "host") {
    void hostMain(process.argv.slice(3));
} else {
    void main();
}
