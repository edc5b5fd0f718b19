/**
 * `npm run plan -- --stack <name> [--json] [--config <file>] [--now <RFC 3339>]`
 *
 * Shows what `pulumi up` would create for a stack, without the Pulumi CLI or AWS credentials: it
 * runs the real program (index.ts) under Pulumi's mock runtime with the stack's config file.
 * `secure:` values are not decrypted; they stand in as a placeholder marked secret.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import {
    installMocks,
    loadStackConfig,
    Recorder,
    RecordedResource,
    redactWire,
    REGION,
    REPO_ROOT,
    restoreWarnings,
    runProgram,
    withClockAt,
} from "./mockRuntime";

export interface PlanOptions {
    readonly stack: string;
    /** A file in the `Pulumi.<stack>.yaml` format. Default: `Pulumi.<stack>.yaml` in the repository. */
    readonly configFile?: string;
    /** Evaluate as of this moment (validTo must be ahead of it). Default: now. */
    readonly now?: Date;
}

export interface PlannedResource {
    readonly type: string;
    readonly name: string;
    /** Name of the parent component; null for the top level. */
    readonly parent: string | null;
    readonly protect: boolean;
    /** The inputs AWS would receive, with every secret shown as "[secret]". */
    readonly inputs: unknown;
}

export interface Plan {
    readonly stack: string;
    /** The stack's aws:region, where resources without a region input go. */
    readonly homeRegion: string;
    readonly resources: PlannedResource[];
    readonly warnings: string[];
    /** The full records, for the tree view and the tests. */
    readonly recorded: RecordedResource[];
    /** The stack outputs, resolved as the mock run sees them (secrets unwrapped: tests only). */
    readonly outputs: Record<string, unknown>;
}

export async function planStack(options: PlanOptions): Promise<Plan> {
    const configFile = options.configFile ?? path.join(REPO_ROOT, `Pulumi.${options.stack}.yaml`);
    const { config, secretKeys } = loadStackConfig(configFile);
    const recorder = await installMocks({
        stack: options.stack,
        config,
        secretKeys,
        region: config["aws:region"],
    });
    let outputs: Record<string, unknown>;
    try {
        outputs = await withClockAt(options.now ?? new Date(), () => runProgram(recorder));
    } finally {
        restoreWarnings();
    }
    return toPlan(options.stack, recorder, config["aws:region"] ?? REGION, outputs);
}

function toPlan(
    stack: string,
    recorder: Recorder,
    homeRegion: string,
    outputs: Record<string, unknown>,
): Plan {
    const byUrn = new Map(recorder.resources.map((resource) => [resource.urn, resource]));
    const recorded = [...recorder.resources].sort((a, b) => a.urn.localeCompare(b.urn));
    return {
        stack,
        homeRegion,
        recorded,
        outputs,
        warnings: [...recorder.warnings],
        resources: recorded.map((resource) => ({
            type: resource.type,
            name: resource.name,
            parent: (resource.parent && byUrn.get(resource.parent)?.name) || null,
            protect: resource.protect,
            inputs: redactWire(resource.wireInputs),
        })),
    };
}

export function planJson(plan: Plan): string {
    return (
        JSON.stringify(
            { stack: plan.stack, resources: plan.resources, warnings: plan.warnings },
            null,
            2,
        ) + "\n"
    );
}

const yesNo = (value: unknown) => (value ? "yes" : "no");

function days(seconds: number): string {
    return `${seconds / 86_400} days`;
}

/** The two or three settings that matter for each kind of resource. */
function summary(resource: RecordedResource, all: readonly RecordedResource[]): string {
    const inputs = resource.inputs;
    switch (resource.type) {
        case "aws:cloudwatch/eventRule:EventRule": {
            if (inputs.scheduleExpression !== undefined) {
                return `${inputs.name}: ${inputs.scheduleExpression}; state ${inputs.state}`;
            }
            type Detail = { eventName?: string[]; alarmName?: string[]; $or?: Detail[] };
            const pattern = JSON.parse(inputs.eventPattern) as {
                "detail-type": string[];
                resources?: string[];
                detail?: Detail;
            };
            const detail = pattern.detail;
            const events = [
                ...new Set([
                    ...(detail?.eventName ?? []),
                    ...(detail?.$or ?? []).flatMap((branch) => branch.eventName ?? []),
                ]),
            ];
            const alarms = detail?.alarmName
                ? [
                      `${pattern["detail-type"].join(", ")} of ${detail.alarmName.length === 1 ? detail.alarmName[0] : `${detail.alarmName.length} alarms`}`,
                  ]
                : undefined;
            const matched = events.length > 0 ? events : (alarms ?? pattern["detail-type"]);
            return `${inputs.name}: ${matched.join(", ")}; state ${inputs.state}`;
        }
        case "aws:cloudwatch/eventTarget:EventTarget": {
            const destination =
                inputs.roleArn === undefined
                    ? `readable text ${yesNo(inputs.inputTransformer)}`
                    : `to ${String(inputs.arn).split(":").slice(3, 4)} ${String(inputs.arn).split(":").pop()} with a role`;
            return `rule ${inputs.rule}; ${destination}; dead-letter queue ${yesNo(inputs.deadLetterConfig)}; retries ${inputs.retryPolicy?.maximumRetryAttempts ?? "default"}`;
        }
        case "aws:cloudwatch/metricAlarm:MetricAlarm": {
            const query = inputs.metricQueries?.[0]?.expression as string | undefined;
            const threshold =
                inputs.metricName === "SecondsUntilKeyMaterialExpiration" ||
                query?.includes("SecondsUntilKeyMaterialExpiration")
                    ? days(inputs.threshold)
                    : String(inputs.threshold);
            const operator =
                {
                    LessThanOrEqualToThreshold: "<=",
                    LessThanThreshold: "<",
                    GreaterThanThreshold: ">",
                    GreaterThanOrEqualToThreshold: ">=",
                }[inputs.comparisonOperator as string] ?? inputs.comparisonOperator;
            const actions =
                (inputs.alarmActions ?? []).length > 0 ? "notifies the topic" : "no actions";
            const measured =
                query === undefined
                    ? `${inputs.namespace} ${inputs.metricName}`
                    : `Metrics Insights ${query}`;
            return `${measured} ${operator} ${threshold}${query === undefined ? ` (${inputs.statistic})` : ""}; ${actions}; missing data ${inputs.treatMissingData}`;
        }
        case "aws:kms/externalKey:ExternalKey":
        case "aws:kms/key:Key": {
            const alias = all.find(
                (other) =>
                    other.type === "aws:kms/alias:Alias" &&
                    [resource.id, resource.state.keyId].includes(other.inputs.targetKeyId),
            )?.inputs.name;
            const material =
                resource.type === "aws:kms/externalKey:ExternalKey"
                    ? `origin EXTERNAL; validTo ${inputs.validTo ?? "never"}`
                    : `rotation ${inputs.enableKeyRotation ? "on" : "off"}`;
            return `${alias ?? "no alias"}; ${material}; deletion window ${inputs.deletionWindowInDays} days; protect ${yesNo(resource.protect)}`;
        }
        case "aws:kms/alias:Alias":
            return `${inputs.name}`;
        case "aws:sns/topic:Topic": {
            const displayName =
                inputs.displayName === undefined ? "" : `; display name "${inputs.displayName}"`;
            return `${inputs.name ?? "(auto-named)"}${displayName}; encrypted ${yesNo(inputs.kmsMasterKeyId)}`;
        }
        case "aws:sns/topicSubscription:TopicSubscription": {
            // A webhook URL is a secret: the summary shows what the engine shows.
            const endpoint = (redactWire(resource.wireInputs) as { endpoint?: unknown }).endpoint;
            return `${inputs.protocol} ${String(endpoint)}`;
        }
        case "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration":
        case "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration": {
            const channel =
                inputs.slackTeamId === undefined
                    ? `Teams team ${inputs.teamId} channel ${inputs.channelId}`
                    : `Slack workspace ${inputs.slackTeamId} channel ${inputs.slackChannelId}`;
            return `${inputs.configurationName}: ${channel}; ${(inputs.snsTopicArns ?? []).length} topic; guardrails ${(inputs.guardrailPolicyArns ?? []).map((arn: string) => arn.split("/").pop()).join(", ")}; logging ${inputs.loggingLevel}`;
        }
        case "aws:cloudwatch/eventConnection:EventConnection": {
            const auth = redactWire(resource.wireInputs.authParameters) as {
                apiKey?: { value?: unknown };
            };
            return `${inputs.name}: ${inputs.authorizationType}; routing key ${String(auth?.apiKey?.value)}`;
        }
        case "aws:cloudwatch/eventApiDestination:EventApiDestination":
            return `${inputs.name}: ${inputs.httpMethod} ${inputs.invocationEndpoint}; at most ${inputs.invocationRateLimitPerSecond} a second`;
        case "aws:sqs/queue:Queue":
            return `SSE-SQS ${yesNo(inputs.sqsManagedSseEnabled)}; retention ${days(inputs.messageRetentionSeconds)}`;
        case "awsx:cloudtrail:Trail":
            return `${inputs.name}; multi-region ${yesNo(inputs.isMultiRegionTrail)}; logs kept ${inputs.cloudWatchLogsGroup?.args?.retentionInDays} days; force-destroy bucket ${yesNo(inputs.s3Bucket?.args?.forceDestroy)}`;
        case "aws:cloudwatch/logMetricFilter:LogMetricFilter":
            return `${inputs.metricTransformation.namespace}/${inputs.metricTransformation.name} on ${inputs.logGroupName}`;
        case "aws:cloudwatch/queryDefinition:QueryDefinition":
            return `${inputs.name}`;
        case "aws:cloudwatch/dashboard:Dashboard":
            return `${inputs.dashboardName}; ${(JSON.parse(inputs.dashboardBody) as { widgets: unknown[] }).widgets.length} widgets`;
        case "aws:oam/sink:Sink":
            return `${inputs.name}; a monitoring account sink`;
        case "aws:oam/sinkPolicy:SinkPolicy":
            return sinkPolicySummary(inputs.policy as string);
        case "aws:cloudformation/stackSet:StackSet":
            return stackSetSummary(inputs.templateBody as string);
        case "random:index/randomBytes:RandomBytes":
            return `${inputs.length} bytes, kept as a secret; protect ${yesNo(resource.protect)}`;
        default:
            return "";
    }
}

/** Who may link to a sink, and what. */
function sinkPolicySummary(policy: string): string {
    type Condition = Record<string, Record<string, string | string[]>>;
    const [statement] = (JSON.parse(policy) as { Statement: { Condition: Condition }[] }).Statement;
    const condition = statement.Condition;
    const paths = [condition["ForAnyValue:StringLike"]?.["aws:PrincipalOrgPaths"] ?? []].flat();
    const types = [condition["ForAllValues:StringEquals"]?.["oam:ResourceTypes"] ?? []].flat();
    return `links from ${paths.join(", ")}; ${types.join(", ")} only`;
}

/** How many resources the member template has, and where its link points. */
function stackSetSummary(templateBody: string): string {
    const template = JSON.parse(templateBody) as {
        Mappings?: Record<string, Record<string, Record<string, string>>>;
        Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
    };
    const resources = Object.values(template.Resources);
    const link = resources.find((resource) => resource.Type === "AWS::Oam::Link");
    const linkText =
        link === undefined
            ? "no observability link"
            : `link to the sink of ${Object.values(template.Mappings ?? {})
                  .flatMap((map) => Object.keys(map))
                  .join(
                      ", ",
                  )} sharing ${link.Properties.LinkConfiguration.MetricConfiguration.Filter}`;
    return `member template: ${resources.length} resources; ${linkText}`;
}

/** Where alerts go: email, chat, PagerDuty, webhooks; never a secret. */
function alertChannels(plan: Plan): string[] {
    const recorded = plan.recorded;
    const of = (type: string) => recorded.filter((resource) => resource.type === type);
    const subscriptions = of("aws:sns/topicSubscription:TopicSubscription");
    const chat = [
        ...of("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration"),
        ...of("aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration"),
    ].map(
        (resource) =>
            `${resource.inputs.configurationName} [${resource.inputs.region ?? plan.homeRegion}]`,
    );
    const pagerDuty = of("aws:cloudwatch/eventApiDestination:EventApiDestination");
    const count = (protocol: string) =>
        subscriptions.filter((each) => each.inputs.protocol === protocol).length;
    return [
        "Alert channels:",
        `  email       ${count("email")} address(es)`,
        `  chat        ${chat.length === 0 ? "none" : chat.join(", ")}`,
        `  PagerDuty   ${pagerDuty.length === 0 ? "none" : pagerDuty.map((each) => each.inputs.name).join(", ")}`,
        `  webhooks    ${count("https")} endpoint(s), URLs hidden`,
    ];
}

export function planTree(plan: Plan): string {
    const children = new Map<string | undefined, RecordedResource[]>();
    const urns = new Set(plan.recorded.map((resource) => resource.urn));
    for (const resource of plan.recorded) {
        const parent = resource.parent && urns.has(resource.parent) ? resource.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), resource]);
    }
    const lines: string[] = [];
    const walk = (parent: string | undefined, indent: string) => {
        const list = children.get(parent) ?? [];
        list.forEach((resource, index) => {
            const last = index === list.length - 1;
            const detail = summary(resource, plan.recorded);
            const region =
                resource.inputs.region === undefined ? "" : `  [${resource.inputs.region}]`;
            lines.push(
                `${indent}${last ? "└─ " : "├─ "}${resource.type}  ${resource.name}${region}${detail ? `  (${detail})` : ""}`,
            );
            walk(resource.urn, indent + (last ? "   " : "│  "));
        });
    };
    lines.push(`Stack ${plan.stack}`);
    walk(undefined, "");

    const totals = new Map<string, number>();
    for (const resource of plan.recorded.filter(
        (each) => each.custom || each.type.startsWith("awsx:"),
    )) {
        totals.set(resource.type, (totals.get(resource.type) ?? 0) + 1);
    }
    const width = Math.max(...[...totals.keys()].map((type) => type.length));
    lines.push("", "Resources by type:");
    for (const [type, count] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`  ${type.padEnd(width)}  ${count}`);
    }
    lines.push(
        `  ${"total".padEnd(width)}  ${[...totals.values()].reduce((sum, count) => sum + count, 0)}`,
    );
    const byRegion = new Map<string, number>();
    for (const resource of plan.recorded.filter(
        (each) => each.custom || each.type.startsWith("awsx:"),
    )) {
        // Resources without a region input are in the provider's (home) region; IAM is global.
        const region = resource.type.startsWith("aws:iam/")
            ? "global (IAM)"
            : ((resource.inputs.region as string | undefined) ?? `${plan.homeRegion} (home)`);
        byRegion.set(region, (byRegion.get(region) ?? 0) + 1);
    }
    if (byRegion.size > 1) {
        lines.push(
            "",
            "Resources by region:",
            ...[...byRegion].map(([region, count]) => `  ${region.padEnd(width)}  ${count}`),
        );
    }
    lines.push("", ...alertChannels(plan));
    if (plan.warnings.length > 0) {
        lines.push("", "Warnings:", ...plan.warnings.map((warning) => `  ${warning}`));
    }
    return lines.join("\n") + "\n";
}

function parseArguments(argv: readonly string[]): PlanOptions & { json: boolean } {
    let stack: string | undefined;
    let configFile: string | undefined;
    let now: Date | undefined;
    let json = false;
    for (let index = 0; index < argv.length; index++) {
        const argument = argv[index];
        if (argument === "--json") {
            json = true;
        } else if (argument === "--stack" || argument === "-s") {
            stack = argv[++index];
        } else if (argument === "--config") {
            configFile = path.resolve(argv[++index] ?? "");
        } else if (argument === "--now") {
            now = new Date(argv[++index] ?? "");
            if (Number.isNaN(now.getTime())) {
                throw new UsageError(
                    `--now takes an RFC 3339 date-time, e.g. 2027-01-01T00:00:00Z`,
                );
            }
        } else {
            throw new UsageError(`unknown argument ${argument}`);
        }
    }
    if (!stack) {
        throw new UsageError("--stack <name> is required");
    }
    return { stack, configFile, now, json };
}

class UsageError extends Error {}

/** The command line: writes the result to `out`, problems to `err`, and returns the exit code. */
export async function runCli(
    argv: readonly string[],
    out: (text: string) => void,
    err: (text: string) => void,
): Promise<number> {
    try {
        const options = parseArguments(argv);
        const plan = await planStack(options);
        out(options.json ? planJson(plan) : planTree(plan));
        return 0;
    } catch (error) {
        if (error instanceof UsageError) {
            err(
                `${error.message}\nusage: npm run plan -- --stack <name> [--json] [--config <file>] [--now <RFC 3339>]\n`,
            );
        } else if (error instanceof pulumi.RunError) {
            // What pulumi up prints: the message alone, no stack trace.
            err(`${error.message}\n`);
        } else {
            throw error;
        }
        return 1;
    }
}

if (require.main === module) {
    // As in tests/setup.ts: Pulumi takes a stack trace for every registered resource and for every
    // promise of every resource property (Resource.callsites, runtime/debuggable.js), and ts-node's
    // source-map support maps each frame; on the 200-key stack that was about half of the plan's
    // time. Without it a crash still names the .ts file, with the transpiled line. package.json also
    // runs this with --stack-trace-limit, as Pulumi.yaml's nodeargs do for the program.
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    void runCli(
        process.argv.slice(2),
        (text) => process.stdout.write(text),
        (text) => process.stderr.write(text),
    ).then((code) => (process.exitCode = code));
}
