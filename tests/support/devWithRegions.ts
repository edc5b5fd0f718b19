/** The dev stack with its regions listed, and more: planned once per process, for the tests that compare. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Plan, planStack } from "../../scripts/plan";
import { SNAPSHOT_NOW } from "../../scripts/snapshots";
import { REPO_ROOT } from "../harness";

const plans = new Map<string, Promise<Plan>>();

/** The dev stack watching these regions besides its own, planned once per process. */
export function devWithRegions(...regions: string[]): Promise<Plan> {
    const key = regions.join();
    if (!plans.has(key)) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-cost-"));
        const file = path.join(dir, "Pulumi.dev.yaml");
        fs.writeFileSync(
            file,
            fs.readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8") +
                [
                    "  kms-monitoring:regions:",
                    "    - us-east-1",
                    ...regions.map((region) => `    - ${region}`),
                ].join("\n") +
                "\n",
        );
        plans.set(key, planStack({ stack: "dev", configFile: file, now: SNAPSHOT_NOW }));
    }
    return plans.get(key) as Promise<Plan>;
}
