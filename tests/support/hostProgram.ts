/**
 * Programs run the way the Pulumi Node language host runs them (scripts/hostRun.js, the host's own
 * entry point under the mock monitor), for the start-up and transpiler tests.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { hostLaunch } from "../../scripts/benchHost";
import { REPO_ROOT } from "../harness";

export interface HostResult {
    readonly code: number | null;
    readonly stderr: string;
    /** Resources the mock monitor received, as hostRun.js reports them on fd 3. */
    readonly resources?: number;
}

/** The files a program beside this repository needs to start as ours does. */
const PROJECT_FILES = [
    "package.json",
    "tsconfig.json",
    "tsconfig.pulumi.json",
    "scripts/transpiler.js",
];

/** A program beside this repository's tsconfigs whose component has a type error and then crashes. */
export function crashingProgram(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-startup-"));
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.mkdirSync(path.join(dir, "scripts"));
    for (const file of PROJECT_FILES) {
        fs.copyFileSync(path.join(REPO_ROOT, file), path.join(dir, file));
    }
    fs.mkdirSync(path.join(dir, "components"));
    fs.writeFileSync(
        path.join(dir, "index.ts"),
        'import { boom } from "./components/crash";\n\nexport const value = boom();\n',
    );
    fs.writeFileSync(
        path.join(dir, "components", "crash.ts"),
        [
            "export function boom(): unknown {",
            '    const count: number = "not a number";',
            "    const missing = (globalThis as Record<string, unknown>).missing as { field: string };",
            "    if (count) {",
            "        void 0;",
            "    }",
            "    return missing.field;",
            "}",
            "",
        ].join("\n"),
    );
    return dir;
}

/**
 * scripts/hostRun.js in `dir`, as `npm run bench -- host` runs it: the host's entry point under the
 * mock monitor, with Pulumi.yaml's runtime options, and `extraNodeArgs` before the script.
 */
export function hostRun(
    dir: string,
    config: Record<string, string>,
    extraNodeArgs: readonly string[] = [],
): Promise<HostResult> {
    const launch = hostLaunch();
    return new Promise((resolve, reject) => {
        const child = spawn(
            process.execPath,
            [...launch.nodeArgs, ...extraNodeArgs, path.join(REPO_ROOT, "scripts", "hostRun.js")],
            {
                env: {
                    ...process.env,
                    ...launch.env,
                    PULUMI_CONFIG: JSON.stringify(config),
                    BENCH_PROGRAM_DIR: dir,
                },
                stdio: ["ignore", "ignore", "pipe", "pipe"],
            },
        );
        let stderr = "";
        let report = "";
        child.stderr?.on("data", (chunk) => (stderr += chunk));
        child.stdio[3]?.on("data", (chunk) => (report += chunk));
        child.on("error", reject);
        child.on("close", (code) => {
            const resources = report
                ? (JSON.parse(report) as { registered?: number }).registered
                : undefined;
            resolve({ code, stderr, resources });
        });
    });
}
