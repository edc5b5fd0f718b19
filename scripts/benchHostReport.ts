/** The table `npm run bench -- host` prints: medians per stack, and how time grows per resource. */
import * as os from "os";
import type { HostLaunch, Scenario } from "./benchHost";
import { CDK_YARDSTICK, median, Run } from "./benchHostRuns";

export interface Row {
    readonly scenario: Scenario;
    readonly resources: number;
    readonly program: Run[];
    readonly plan: Run[];
    readonly cdk: Run[];
}

type Runs = (row: Row) => Run[];

const seconds = (list: Run[]) => (list.length ? median(list.map((run) => run.seconds)) : NaN);
const rss = (list: Run[]) => (list.length ? median(list.map((run) => run.peakRssMb)) : NaN);
const fmt = (value: number, digits = 2) => (Number.isNaN(value) ? "-" : value.toFixed(digits));

const HEADER = [
    "stack",
    "resources",
    "program s",
    "last reg. s",
    "program MB",
    "plan s",
    "plan MB",
    "CDK synth s",
    "CDK MB",
    "program/CDK",
    "plan/CDK",
];

function cells(row: Row, cdkInstalled: boolean): string[] {
    const cdk = seconds(row.cdk);
    return [
        row.scenario.name,
        String(row.resources),
        fmt(seconds(row.program)),
        fmt(median(row.program.map((run) => run.lastRegisteredSeconds ?? NaN))),
        fmt(rss(row.program), 0),
        fmt(seconds(row.plan)),
        fmt(rss(row.plan), 0),
        cdkInstalled ? fmt(cdk) : "not installed",
        cdkInstalled ? fmt(rss(row.cdk), 0) : "-",
        cdkInstalled ? fmt(seconds(row.program) / cdk) : "-",
        cdkInstalled ? fmt(seconds(row.plan) / cdk) : "-",
    ];
}

/** A Markdown table: the header, its rule, a line per row. */
function table(rows: Row[], cdkInstalled: boolean): string[] {
    const all = [HEADER, ...rows.map((row) => cells(row, cdkInstalled))];
    const widths = HEADER.map((_, column) => Math.max(...all.map((line) => line[column].length)));
    const lines = all.map(
        (line) => "| " + line.map((cell, column) => cell.padEnd(widths[column])).join(" | ") + " |",
    );
    lines.splice(1, 0, "|" + widths.map((width) => "-".repeat(width + 2)).join("|") + "|");
    return lines;
}

/** Growth per resource: seconds per added resource from large to 1000 keys, over the same from dev to large. */
function growthLines(rows: Row[]): string[] {
    const slope = (list: Runs, from: Row, to: Row) =>
        (seconds(list(to)) - seconds(list(from))) / (to.resources - from.resources);
    const growth = (list: Runs) =>
        rows.length === 3 ? slope(list, rows[1], rows[2]) / slope(list, rows[0], rows[1]) : NaN;
    const perResourceMs = (list: Runs) =>
        rows.length === 3
            ? `${fmt(slope(list, rows[0], rows[1]) * 1000, 1)} ms then ${fmt(slope(list, rows[1], rows[2]) * 1000, 1)} ms`
            : "-";
    const program: Runs = (row) => row.program;
    const plan: Runs = (row) => row.plan;
    return [
        `time per added resource, dev -> large, then large -> 1000 keys: program ${perResourceMs(program)}, plan ${perResourceMs(plan)}`,
        `growth per resource (the second over the first; 1.00 is linear): program x${fmt(growth(program))}, plan x${fmt(growth(plan))}`,
    ];
}

export function report(
    rows: Row[],
    runs: number,
    launch: HostLaunch,
    cdkInstalled: boolean,
): string {
    const hostEnv = Object.entries(launch.env)
        .map(([key, value]) => `${key}=${value}`)
        .join(" ");
    return [
        `kms-monitoring host bench, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"})`,
        `median of ${runs} runs, one process each; program as the language host starts it: ${hostEnv} node ${launch.nodeArgs.join(" ")}`.trimEnd(),
        cdkInstalled
            ? `CDK yardstick: ${CDK_YARDSTICK} (aws-cdk-lib synth; CDK_CONTEXT_JSON lifts its 500-resource stack limit for the 1000-key stack, which CloudFormation would refuse to deploy)`
            : `CDK yardstick: not installed at ${CDK_YARDSTICK}; see ../shared/yardsticks/cdk/README.md (cp -r ../shared/yardsticks/cdk /tmp/cdk-yardstick && (cd /tmp/cdk-yardstick && npm install))`,
        "",
        ...table(rows, cdkInstalled),
        "",
        ...growthLines(rows),
        "",
    ].join("\n");
}
