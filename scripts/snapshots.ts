/**
 * The plan snapshots of the shipped stacks: `tests/snapshots/<stack>.json`. The snapshot test
 * compares against them; `npm run snapshots:update` rewrites them after an intended change.
 */
import * as fs from "fs";
import * as path from "path";
import { Plan, planJson, planStack } from "./plan";
import { REPO_ROOT } from "./mockRuntime";

/** Snapshots are planned as of this moment, so they never change with the calendar. */
export const SNAPSHOT_NOW = new Date("2026-11-28T00:00:00Z");

export const SNAPSHOT_DIR = path.join(REPO_ROOT, "tests", "snapshots");

export function shippedStacks(): string[] {
    return fs
        .readdirSync(REPO_ROOT)
        .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort();
}

const plans = new Map<string, Promise<Plan>>();

/** The plan of a shipped stack as of SNAPSHOT_NOW, computed once per process. */
export function snapshotPlan(stack: string): Promise<Plan> {
    if (!plans.has(stack)) {
        plans.set(stack, planStack({ stack, now: SNAPSHOT_NOW }));
    }
    return plans.get(stack) as Promise<Plan>;
}

export async function snapshotOf(stack: string): Promise<string> {
    return planJson(await snapshotPlan(stack));
}

async function update(): Promise<void> {
    fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
    for (const stack of shippedStacks()) {
        const file = path.join(SNAPSHOT_DIR, `${stack}.json`);
        fs.writeFileSync(file, await snapshotOf(stack));
        process.stdout.write(`wrote ${path.relative(REPO_ROOT, file)}\n`);
    }
}

if (require.main === module) {
    void update();
}
