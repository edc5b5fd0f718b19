/** What the SDK sends the engine, recorded as it goes: resources, component outputs, warnings. */
import * as pulumi from "@pulumi/pulumi";
import type { Recorder } from "../mockRuntime";
import { unwrapWire } from "./wire";

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
export function interceptMonitor(recorder: Recorder): void {
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

export function captureWarnings(recorder: Recorder): void {
    (pulumi.log as { warn: typeof pulumi.log.warn }).warn = (message: string) => {
        recorder.warnings.push(message);
        return Promise.resolve();
    };
}

/** Puts pulumi.log.warn back; the test files call it after each test. */
export function restoreWarnings(): void {
    (pulumi.log as { warn: typeof pulumi.log.warn }).warn = originalWarn;
}
