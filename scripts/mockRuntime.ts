/**
 * The mock runtime shared by the tests, `npm run plan` and `npm run bench`. It runs the program
 * (or any component) under Pulumi's mock runtime, records every resource the engine would receive,
 * and answers the AWS invokes with realistic IDs and ARNs, so tests assert what AWS would be sent.
 * Every ID and ARN it hands out is unique and derived from names only, so runs are deterministic
 * and a value found in another resource's inputs identifies exactly one resource.
 */
import * as crypto from "crypto";
import * as path from "path";
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";

export const ACCOUNT_ID = "111122223333";
export const REGION = "us-east-1";
export const PARTITION = "aws";
/** The organization's management account in the mock's AWS Organizations answers. */
export const MANAGEMENT_ACCOUNT_ID = "123456789012";
export const REPO_ROOT = path.resolve(__dirname, "..");

/** Pulumi's wire marker for a secret value. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

export interface RecordedResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** The ID the mock gave the resource. */
    readonly id: string;
    /** URN of the parent; undefined only for the stack itself. */
    readonly parent?: string;
    readonly protect: boolean;
    readonly custom: boolean;
    /** URNs of the resources it depends on through `dependsOn` (and its inputs), as the engine receives them. */
    readonly dependencies?: readonly string[];
    /** The `replaceOnChanges` and `deleteBeforeReplace` resource options. */
    readonly replaceOnChanges?: string[];
    readonly deleteBeforeReplace?: boolean;
    /** Inputs as the engine receives them, secrets unwrapped. */
    readonly inputs: Record<string, any>;
    /** Inputs as serialized on the wire, with secrets still wrapped in Pulumi's secret marker. */
    readonly wireInputs: Record<string, any>;
    /** What the mock returned as the resource's state (inputs plus computed outputs). */
    state: Record<string, any>;
}

export interface RecordedInvoke {
    readonly token: string;
    readonly inputs: Record<string, any>;
}

export interface Environment {
    readonly accountId?: string;
    readonly region?: string;
    readonly partition?: string;
}

/** A deterministic UUID for a name, so every run and snapshot gets the same IDs. */
export function fakeUuid(seed: string): string {
    const hex = crypto.createHash("sha256").update(seed).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function isSecretWire(value: unknown): boolean {
    return (
        typeof value === "object" &&
        value !== null &&
        (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
    );
}

/** The wire value with every secret replaced by "[secret]". */
export function redactWire(value: unknown): unknown {
    if (isSecretWire(value)) {
        return "[secret]";
    }
    if (Array.isArray(value)) {
        return value.map(redactWire);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value).map(([key, inner]) => [key, redactWire(inner)]),
        );
    }
    return value;
}

export class Recorder {
    readonly resources: RecordedResource[] = [];
    readonly invokes: RecordedInvoke[] = [];
    /** Wire outputs each component registered with registerOutputs, by URN. */
    readonly componentOutputs = new Map<string, unknown>();
    /** Messages passed to pulumi.log.warn since installMocks. */
    readonly warnings: string[] = [];

    constructor(private readonly env: Required<Environment>) {}

    byType(type: string): RecordedResource[] {
        return this.resources.filter((resource) => resource.type === type);
    }

    one(type: string, nameSuffix = ""): RecordedResource {
        const found = this.byType(type).filter((resource) => resource.name.endsWith(nameSuffix));
        if (found.length !== 1) {
            throw new Error(
                `expected one ${type} named *${nameSuffix}, found ${found.map((r) => r.name).join(", ") || "none"}`,
            );
        }
        return found[0];
    }

    /** A regional ARN; `region` is the resource's own `region` input (AWS provider v7), else the provider's. */
    private arn(service: string, resource: string, region?: string): string {
        return `arn:${this.env.partition}:${service}:${region ?? this.env.region}:${this.env.accountId}:${resource}`;
    }

    newResource(
        type: string,
        name: string,
        inputs: Record<string, any>,
    ): { id: string; state: Record<string, any> } {
        const physical =
            (inputs.name as string | undefined) ??
            `${name}-${crypto.createHash("sha1").update(name).digest("hex").slice(0, 7)}`;
        const region = (inputs.region as string | undefined) ?? this.env.region;
        switch (type) {
            case "aws:sns/topic:Topic": {
                const arn = this.arn("sns", physical);
                return { id: arn, state: { ...inputs, name: physical, arn } };
            }
            case "aws:sns/topicSubscription:TopicSubscription": {
                const arn =
                    inputs.protocol === "email"
                        ? "pending confirmation"
                        : `${inputs.topic}:${fakeUuid(name)}`;
                return {
                    id: arn,
                    state: { ...inputs, arn, pendingConfirmation: inputs.protocol === "email" },
                };
            }
            // AWS identifies a topic or queue policy by its topic or queue; the mock appends the
            // role so that no two resources share an ID.
            case "aws:sns/topicPolicy:TopicPolicy":
                return {
                    id: `${inputs.arn}#policy`,
                    state: { ...inputs, owner: this.env.accountId },
                };
            case "aws:cloudwatch/eventRule:EventRule": {
                const bus = inputs.eventBusName as string | undefined;
                const arn = this.arn(
                    "events",
                    bus === undefined || bus === "default"
                        ? `rule/${physical}`
                        : `rule/${bus}/${physical}`,
                    region,
                );
                return { id: physical, state: { ...inputs, name: physical, arn } };
            }
            case "aws:cloudwatch/eventTarget:EventTarget": {
                const targetId = fakeUuid(name).slice(0, 8);
                return { id: `${inputs.rule}-${targetId}`, state: { ...inputs, targetId } };
            }
            case "aws:cloudwatch/metricAlarm:MetricAlarm": {
                const arn = this.arn("cloudwatch", `alarm:${physical}`, region);
                return { id: physical, state: { ...inputs, name: physical, arn } };
            }
            case "aws:kms/externalKey:ExternalKey": {
                const keyId = fakeUuid(name);
                return {
                    id: keyId,
                    state: {
                        ...inputs,
                        arn: this.arn("kms", `key/${keyId}`),
                        keyState: "Enabled",
                        expirationModel: inputs.validTo
                            ? "KEY_MATERIAL_EXPIRES"
                            : "KEY_MATERIAL_DOES_NOT_EXPIRE",
                    },
                };
            }
            case "aws:kms/key:Key": {
                const keyId = fakeUuid(name);
                return {
                    id: keyId,
                    state: { ...inputs, keyId, arn: this.arn("kms", `key/${keyId}`) },
                };
            }
            case "aws:sqs/queue:Queue": {
                const url = `https://sqs.${region}.amazonaws.com/${this.env.accountId}/${physical}`;
                return {
                    id: url,
                    state: {
                        ...inputs,
                        name: physical,
                        url,
                        arn: this.arn("sqs", physical, region),
                    },
                };
            }
            case "aws:cloudwatch/eventBus:EventBus": {
                const arn = this.arn("events", `event-bus/${physical}`, region);
                return { id: physical, state: { ...inputs, name: physical, arn } };
            }
            case "aws:iam/role:Role": {
                const arn = `arn:${this.env.partition}:iam::${this.env.accountId}:role/${physical}`;
                return {
                    id: physical,
                    state: {
                        ...inputs,
                        name: physical,
                        arn,
                        uniqueId: `AROA${fakeUuid(name).replace(/-/g, "").slice(0, 17).toUpperCase()}`,
                    },
                };
            }
            case "aws:cloudformation/stackSet:StackSet": {
                const stackSetId = `${physical}:${fakeUuid(name)}`;
                return {
                    id: physical,
                    state: {
                        ...inputs,
                        name: physical,
                        stackSetId,
                        arn: this.arn("cloudformation", `stackset/${stackSetId}`, region),
                    },
                };
            }
            case "aws:cloudwatch/logGroup:LogGroup": {
                // The provider's arn attribute has no trailing `:*` (AWS provider v4 and later).
                const arn = this.arn("logs", `log-group:${physical}`, region);
                return { id: physical, state: { ...inputs, name: physical, arn } };
            }
            // The sink's ARN ends in an ID AWS generates (OAM API reference, CreateSink).
            case "aws:oam/sink:Sink": {
                const arn = this.arn("oam", `sink/${fakeUuid(name)}`, region);
                return { id: arn, state: { ...inputs, arn, sinkId: fakeUuid(name) } };
            }
            case "aws:iam/policy:Policy": {
                const arn = `arn:${this.env.partition}:iam::${this.env.accountId}:policy/${physical}`;
                return { id: arn, state: { ...inputs, name: physical, arn } };
            }
            case "aws:cloudwatch/eventConnection:EventConnection":
            case "aws:cloudwatch/eventApiDestination:EventApiDestination": {
                const kind = type.endsWith("EventConnection") ? "connection" : "api-destination";
                const arn = this.arn("events", `${kind}/${physical}/${fakeUuid(name)}`, region);
                return { id: physical, state: { ...inputs, name: physical, arn } };
            }
            case "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration":
            case "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration": {
                // Chat configurations are global: no region in their ARN.
                const kind = type.includes("slack") ? "slack-channel" : "microsoft-teams-channel";
                const chatConfigurationArn = `arn:${this.env.partition}:chatbot::${this.env.accountId}:chat-configuration/${kind}/${inputs.configurationName}`;
                return { id: chatConfigurationArn, state: { ...inputs, chatConfigurationArn } };
            }
            case "aws:sqs/queuePolicy:QueuePolicy":
                return { id: `${inputs.queueUrl}#policy`, state: { ...inputs } };
            case "aws:kms/alias:Alias":
                return {
                    id: inputs.name,
                    state: {
                        ...inputs,
                        arn: this.arn("kms", inputs.name),
                        targetKeyArn: this.arn("kms", `key/${inputs.targetKeyId}`),
                    },
                };
            case "random:index/randomBytes:RandomBytes": {
                const bytes = crypto.createHash("sha256").update(`material:${name}`).digest();
                return {
                    id: `random-${fakeUuid(name)}`,
                    state: {
                        ...inputs,
                        base64: bytes.toString("base64"),
                        hex: bytes.toString("hex"),
                    },
                };
            }
            default:
                return { id: `${name}-id`, state: { ...inputs } };
        }
    }

    call(token: string, inputs: Record<string, any>): Record<string, any> {
        this.invokes.push({ token, inputs });
        switch (token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    accountId: this.env.accountId,
                    arn: `arn:${this.env.partition}:iam::${this.env.accountId}:user/deployer`,
                    userId: "AIDAEXAMPLE",
                    id: this.env.accountId,
                };
            case "aws:index/getPartition:getPartition":
                return {
                    partition: this.env.partition,
                    dnsSuffix: "amazonaws.com",
                    id: this.env.partition,
                };
            case "aws:index/getRegion:getRegion": {
                const region = (inputs.region as string | undefined) ?? this.env.region;
                return {
                    region,
                    name: region,
                    id: region,
                    description: region,
                    endpoint: `ec2.${region}.amazonaws.com`,
                };
            }
            case "aws:kms/getKey:getKey": {
                const reference = String(inputs.keyId);
                const region =
                    (inputs.region as string | undefined) ??
                    /^arn:[^:]+:kms:([^:]+):/.exec(reference)?.[1];
                const uuid =
                    /key\/(.+)$/.exec(reference)?.[1] ??
                    (/^[0-9a-f-]{36}$|^mrk-/.test(reference) ? reference : fakeUuid(reference));
                // By this harness's convention, a reference naming "aws-generated" is a key whose
                // material KMS generated, so it has no expiry.
                if (reference.includes("aws-generated")) {
                    return {
                        id: uuid,
                        keyId: reference,
                        arn: this.arn("kms", `key/${uuid}`, region),
                        origin: "AWS_KMS",
                        expirationModel: "",
                        keyState: "Enabled",
                        validTo: "",
                    };
                }
                return {
                    id: uuid,
                    keyId: reference,
                    arn: this.arn("kms", `key/${uuid}`, region),
                    origin: "EXTERNAL",
                    expirationModel: "KEY_MATERIAL_EXPIRES",
                    keyState: "Enabled",
                    validTo: "2027-03-01T00:00:00Z",
                };
            }
            // By this harness's convention every OU holds the central account, the management
            // account, two active member accounts derived from the OU's ID and one suspended one.
            case "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts": {
                const parentId = String(inputs.parentId);
                const digits = crypto
                    .createHash("sha256")
                    .update(parentId)
                    .digest("hex")
                    .replace(/[a-f]/g, "")
                    .padEnd(36, "7");
                const account = (id: string, state: string) => ({
                    id,
                    arn: `arn:${this.env.partition}:organizations::${MANAGEMENT_ACCOUNT_ID}:account/o-exampleorgid/${id}`,
                    email: `${id}@example.com`,
                    name: `Workload ${id.slice(-4)}`,
                    state,
                    joinedMethod: "CREATED",
                    joinedTimestamp: "2026-01-01T00:00:00Z",
                });
                return {
                    id: parentId,
                    parentId,
                    accounts: [
                        account(this.env.accountId, "ACTIVE"),
                        account(MANAGEMENT_ACCOUNT_ID, "ACTIVE"),
                        account(digits.slice(0, 12), "ACTIVE"),
                        account(digits.slice(12, 24), "ACTIVE"),
                        account(digits.slice(24, 36), "SUSPENDED"),
                    ],
                };
            }
            case "aws:organizations/getOrganization:getOrganization":
                return {
                    id: "o-exampleorgid",
                    arn: `arn:${this.env.partition}:organizations::${MANAGEMENT_ACCOUNT_ID}:organization/o-exampleorgid`,
                    masterAccountId: MANAGEMENT_ACCOUNT_ID,
                    featureSet: "ALL",
                };
            default:
                throw new Error(`the mock harness does not answer invoke ${token}`);
        }
    }
}

export interface MockRunOptions extends Environment {
    readonly project?: string;
    readonly stack?: string;
    /** Full config keys, e.g. `kms-monitoring:alertEmails`, with values as the CLI passes them (JSON for structured ones). */
    readonly config?: Record<string, string>;
    readonly secretKeys?: string[];
}

/**
 * Installs fresh mocks and returns the recorder. Call before constructing resources; every
 * call starts from an empty record.
 */
export async function installMocks(options: MockRunOptions = {}): Promise<Recorder> {
    const recorder = new Recorder({
        accountId: options.accountId ?? ACCOUNT_ID,
        region: options.region ?? REGION,
        partition: options.partition ?? PARTITION,
    });
    pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => recorder.newResource(args.type, args.name, args.inputs),
            call: (args) => recorder.call(args.token, args.inputs),
        },
        options.project ?? "kms-monitoring",
        options.stack ?? "dev",
        false,
    );
    interceptMonitor(recorder);
    captureWarnings(recorder);
    return recorder;
}

interface MonitorRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getProtect(): boolean;
    getCustom(): boolean;
    getDependenciesList(): string[];
    getReplaceonchangesList(): string[];
    getDeletebeforereplace(): boolean;
    getObject(): { toJavaScript(): Record<string, any> } | undefined;
    getUrn(): string;
    getOutputs(): { toJavaScript(): unknown } | undefined;
}

type Callback = (err: unknown, response: { getUrn(): string; getId(): string } | undefined) => void;

/** Records what the SDK sends the engine: parent, protect and the wire form of the inputs. */
function interceptMonitor(recorder: Recorder): void {
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource(req: MonitorRequest, callback: Callback): Promise<void>;
        registerResourceOutputs(req: MonitorRequest, callback: Callback): void;
        resources: Map<string, { state: any }>;
    };
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
        registerResource(req, (err, response) => {
            if (!err && response) {
                const urn = response.getUrn();
                const wireInputs = req.getObject()?.toJavaScript() ?? {};
                recorder.resources.push({
                    type: req.getType(),
                    name: req.getName(),
                    urn,
                    id: response.getId(),
                    parent: req.getParent() || undefined,
                    protect: req.getProtect(),
                    custom: req.getCustom(),
                    dependencies: req.getDependenciesList(),
                    replaceOnChanges: req.getReplaceonchangesList(),
                    deleteBeforeReplace: req.getDeletebeforereplace(),
                    inputs: unwrapWire(wireInputs) as Record<string, any>,
                    wireInputs,
                    state: monitor.resources.get(urn)?.state ?? {},
                });
            }
            callback(err, response);
        });
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) => {
        recorder.componentOutputs.set(req.getUrn(), req.getOutputs()?.toJavaScript());
        registerResourceOutputs(req, callback);
    };
}

const originalWarn = pulumi.log.warn;

function captureWarnings(recorder: Recorder): void {
    (pulumi.log as { warn: typeof pulumi.log.warn }).warn = (message: string) => {
        recorder.warnings.push(message);
        return Promise.resolve();
    };
}

/** Puts pulumi.log.warn back; the test files call it after each test. */
export function restoreWarnings(): void {
    (pulumi.log as { warn: typeof pulumi.log.warn }).warn = originalWarn;
}

/** The wire value with every secret replaced by its plaintext. */
export function unwrapWire(value: unknown): unknown {
    if (isSecretWire(value)) {
        return unwrapWire((value as Record<string, unknown>).value);
    }
    if (Array.isArray(value)) {
        return value.map(unwrapWire);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value).map(([key, inner]) => [key, unwrapWire(inner)]),
        );
    }
    return value;
}

/** Resolves an Output (or a plain value) to its value under mocks. */
export function valueOf<T>(output: pulumi.Input<T> | undefined): Promise<T | undefined> {
    return new Promise((resolve) =>
        pulumi.output(output).apply((value) => resolve(value as T | undefined)),
    );
}

/**
 * Waits until registration settles: resources whose inputs depend on other outputs register
 * only after those resolve, so the count is polled until it stops changing.
 */
export async function settle(recorder: Recorder): Promise<void> {
    let unchanged = 0;
    let last = -1;
    while (unchanged < 10) {
        await new Promise((resolve) => setImmediate(resolve));
        const count = recorder.resources.length + recorder.componentOutputs.size;
        unchanged = count === last ? unchanged + 1 : 0;
        last = count;
    }
}

/** What `secure:` values become: they are never decrypted. 32 zero bytes, so key material validates. */
export const SECRET_PLACEHOLDER = Buffer.alloc(32).toString("base64");

/**
 * What a `secure:` value of these keys becomes instead, in the shape the key requires, so that a
 * stack file with secrets plans: a PagerDuty integration key is 32 letters and digits, a webhook
 * an https:// URL.
 */
export const SECRET_PLACEHOLDERS: Readonly<Record<string, string>> = {
    "kms-monitoring:pagerDutyRoutingKey": "PLACEHOLDERPAGERDUTYROUTINGKEY00",
    "kms-monitoring:webhooks": "https://webhook.invalid/placeholder",
};

export interface StackFile {
    /** Full keys (`kms-monitoring:alertEmails`) to values as the CLI passes them: JSON for structured ones. */
    readonly config: Record<string, string>;
    /**
     * Keys whose value was `secure:`, or held a `secure:` value, as the CLI marks them; they hold a
     * placeholder.
     */
    readonly secretKeys: string[];
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && "secure" in value;
}

/** Loads a `Pulumi.<stack>.yaml` file into the flat string map the CLI passes to the program. */
export function loadStackConfig(file: string): StackFile {
    const parsed = YAML.parse(fs.readFileSync(file, "utf8")) as {
        config?: Record<string, unknown>;
    } | null;
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(parsed?.config ?? {})) {
        const placeholder = SECRET_PLACEHOLDERS[key] ?? SECRET_PLACEHOLDER;
        if (isSecure(value)) {
            config[key] = placeholder;
            secretKeys.push(key);
        } else if (Array.isArray(value) && value.some(isSecure)) {
            // A list with secure items (pulumi config set --secret --path 'key[0]'): the CLI
            // passes the whole list decrypted and marks the key secret.
            config[key] = JSON.stringify(
                value.map((item, index) => (isSecure(item) ? `${placeholder}-${index}` : item)),
            );
            secretKeys.push(key);
        } else {
            config[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { config, secretKeys };
}

/**
 * Runs `body` with `new Date()` and `Date.now()` fixed at `now`, so that date-dependent checks
 * (validTo) give the same answer on any day. Dates built from explicit values are unaffected.
 */
export async function withClockAt<T>(now: Date, body: () => Promise<T>): Promise<T> {
    const RealDate = Date;
    const fixed = now.getTime();
    class FixedDate extends RealDate {
        constructor(...args: ConstructorParameters<DateConstructor> | []) {
            if (args.length === 0) {
                super(fixed);
            } else {
                super(...(args as [string | number | Date]));
            }
        }

        static now(): number {
            return fixed;
        }
    }
    globalThis.Date = FixedDate as DateConstructor;
    try {
        return await body();
    } finally {
        globalThis.Date = RealDate;
    }
}

/** Only the `<project>:` keys, without the prefix, as `parseStackConfig` takes them. */
export function projectConfig(
    config: Record<string, string>,
    project = "kms-monitoring",
): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config)
            .filter(([key]) => key.startsWith(`${project}:`))
            .map(([key, value]) => [key.slice(project.length + 1), value]),
    );
}

/** Runs `index.ts` afresh under the current mocks and returns its exports once registration settles. */
export async function runProgram(recorder: Recorder): Promise<Record<string, unknown>> {
    const entry = require.resolve(path.join(REPO_ROOT, "index.ts"));
    for (const cached of Object.keys(require.cache)) {
        if (cached.startsWith(path.join(REPO_ROOT, "components")) || cached === entry) {
            delete require.cache[cached];
        }
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(entry) as Record<string, unknown>;
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(exported)) {
        values[key] = await valueOf(value as pulumi.Input<unknown>);
    }
    await settle(recorder);
    return values;
}
