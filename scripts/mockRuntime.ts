/**
 * The mock runtime shared by the tests, `npm run plan` and `npm run bench`. It runs the program
 * (or any component) under Pulumi's mock runtime, records every resource the engine would receive,
 * and answers the AWS invokes with realistic IDs and ARNs (scripts/mock/), so tests assert what
 * AWS would be sent.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { mockInvoke } from "./mock/awsInvokes";
import { MockEnvironment, mockResourceState } from "./mock/awsResources";
import { captureWarnings, interceptMonitor } from "./mock/monitor";

export { MANAGEMENT_ACCOUNT_ID } from "./mock/awsInvokes";
export { restoreWarnings } from "./mock/monitor";
export * from "./mock/stackFiles";
export * from "./mock/wire";

export const ACCOUNT_ID = "111122223333";
export const REGION = "us-east-1";
export const PARTITION = "aws";
export const REPO_ROOT = path.resolve(__dirname, "..");

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

export class Recorder {
    readonly resources: RecordedResource[] = [];
    readonly invokes: RecordedInvoke[] = [];
    /** Wire outputs each component registered with registerOutputs, by URN. */
    readonly componentOutputs = new Map<string, unknown>();
    /** Messages passed to pulumi.log.warn since installMocks. */
    readonly warnings: string[] = [];

    constructor(private readonly env: MockEnvironment) {}

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

    newResource(
        type: string,
        name: string,
        inputs: Record<string, any>,
    ): { id: string; state: Record<string, any> } {
        return mockResourceState(this.env, type, name, inputs);
    }

    call(token: string, inputs: Record<string, any>): Record<string, any> {
        this.invokes.push({ token, inputs });
        return mockInvoke(this.env, token, inputs);
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
