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
import { KmsMonitoring } from "../components/stack";
import { parseStackConfig, StackConfig } from "../components/config";
import { installMocks, projectConfig, restoreWarnings, settle } from "./mockRuntime";
import { SNAPSHOT_NOW } from "./snapshots";
import { bare } from "./benchBare";
import { devConfig, largeConfig, RawConfig } from "./benchConfigs";
import { hostMain } from "./benchHost";
import { median } from "./benchHostRuns";

const WARM_UP_RUNS = 3;
const MEASURED_RUNS = 7;

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
    return {
        milliseconds: median(runs.map((each) => each.milliseconds)),
        peakHeapMb: Math.max(...runs.map((each) => each.peakHeapMb)),
        resources: runs[0].resources,
    };
}

type Script = "program" | "bare";

/** The table's rows, a ratio line per stack, and each script's time per resource by stack. */
async function measureAll(): Promise<{
    rows: string[][];
    ratios: string[];
    perResource: Record<Script, number[]>;
}> {
    const scenarios = [
        { name: "dev", raw: devConfig() },
        { name: "large (200 keys, 20 rules, 10 emails)", raw: largeConfig() },
    ];
    const rows: string[][] = [
        ["stack", "script", "resources", "median ms", "ms/resource", "peak heap MB"],
    ];
    const ratios: string[] = [];
    const perResource: Record<Script, number[]> = { program: [], bare: [] };
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
    return { rows, ratios, perResource };
}

/** Text columns left-aligned, numbers right-aligned. */
function aligned(rows: string[][]): string[] {
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    return rows.map((row) =>
        row
            .map((cell, column) =>
                column >= 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
            )
            .join("  "),
    );
}

async function main(): Promise<void> {
    const { rows, ratios, perResource } = await measureAll();
    const growth = (script: Script) => (perResource[script][1] / perResource[script][0]).toFixed(2);
    process.stdout.write(
        [
            `kms-monitoring bench, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"})`,
            `median of ${MEASURED_RUNS} runs after ${WARM_UP_RUNS} warm-up runs, under Pulumi's mock runtime`,
            "",
            ...aligned(rows),
            "",
            `growth dev -> large, time per resource: program x${growth("program")}, bare x${growth("bare")} (1.00 is linear)`,
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
