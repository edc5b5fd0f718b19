/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS on purpose, see below */
/**
 * One run of the program as the Pulumi Node language host starts it, under Pulumi's mock monitor.
 * `npm run bench -- host` spawns this once per measured run.
 *
 * It installs the mocks and then hands over to the host's own entry point,
 * `@pulumi/pulumi/cmd/run` (index.js), with the arguments the language host passes it. That entry
 * point does the rest exactly as under `pulumi preview`: source-map-support, the v8 hooks, then
 * `run()` from cmd/run/run.js, which reads PULUMI_NODEJS_TYPESCRIPT, PULUMI_NODEJS_TSCONFIG_PATH and
 * PULUMI_NODEJS_TRANSPILE_ONLY, loads that tsconfig, registers ts-node, and requires the program.
 * The parent sets those variables from Pulumi.yaml's runtime options, as the language host does,
 * and passes `nodeargs` to `node`. Only the monitor differs: `--monitor=mock`, an address
 * runtime/settings.js's getMonitor() recognises, so the mock monitor installed below answers instead
 * of the engine.
 *
 * This file is plain JavaScript so that nothing registers TypeScript before the host does; the mock
 * harness (scripts/mockRuntime.ts, shared with the tests) is transpiled here without ts-node and
 * without type checking.
 *
 * Input (environment): PULUMI_CONFIG (JSON, as the language host passes it), PULUMI_CONFIG_SECRET_KEYS,
 * BENCH_STACK, and BENCH_PROGRAM_DIR (default: this repository), the directory the host runs the program in. Output: one JSON line on fd 3 (stdout if fd 3 is not open) when the process exits:
 * milliseconds from process start to the last resource registered, resources registered, peak RSS.
 */
"use strict";
const { performance } = require("perf_hooks");
const fs = require("fs");
const path = require("path");
const Module = require("module");

const root = path.resolve(__dirname, "..");
const runEntry = require.resolve("@pulumi/pulumi/cmd/run", { paths: [root] });
// cmd/run/index.js: "This must be imported FIRST, before any other modules that might load @grpc/grpc-js."
require(path.join(path.dirname(runEntry), "instrumentation"));

/**
 * A harness file as CommonJS, without type checking: with @swc/core, as the program is (the harness
 * is not what the bench measures, so it should cost as little as it can), else with TypeScript's
 * transpileModule (the transpiler fallback's test blocks @swc/core's native binding).
 */
function harnessTranspiler() {
    try {
        const swc = require(require.resolve("@swc/core", { paths: [root] }));
        const options = {
            jsc: { parser: { syntax: "typescript" }, target: "es2020" },
            module: { type: "commonjs" },
            swcrc: false,
        };
        return (source, file) => swc.transformSync(source, { ...options, filename: file }).code;
    } catch {
        const ts = require(require.resolve("typescript", { paths: [root] }));
        const compilerOptions = {
            module: ts.ModuleKind.CommonJS,
            target: ts.ScriptTarget.ES2020,
            esModuleInterop: true,
        };
        return (source, file) =>
            ts.transpileModule(source, { compilerOptions, fileName: file }).outputText;
    }
}

/**
 * scripts/mockRuntime.ts as a module, with the .ts files it imports (scripts/mock/), transpiled
 * without type checking and without ts-node: each relative import is loaded the same way.
 */
function loadMockRuntime() {
    const transpile = harnessTranspiler();
    const loaded = new Map();
    const load = (file) => {
        if (loaded.has(file)) {
            return loaded.get(file).exports;
        }
        const outputText = transpile(fs.readFileSync(file, "utf8"), file);
        const mod = new Module(file, module);
        mod.filename = file;
        mod.paths = Module._nodeModulePaths(path.dirname(file));
        const requireModule = mod.require.bind(mod);
        mod.require = (request) =>
            request.startsWith(".")
                ? load(path.resolve(path.dirname(file), `${request}.ts`))
                : requireModule(request);
        loaded.set(file, mod);
        mod._compile(outputText, file);
        return mod.exports;
    };
    return load(path.join(__dirname, "mockRuntime.ts"));
}

async function main() {
    const stack = process.env.BENCH_STACK || "dev";
    const programDir = process.env.BENCH_PROGRAM_DIR || root;
    const config = JSON.parse(process.env.PULUMI_CONFIG || "{}");
    const secretKeys = JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS || "[]");

    const { installMocks } = loadMockRuntime();
    const recorder = await installMocks({
        stack,
        config,
        secretKeys,
        region: config["aws:region"],
    });
    // The engine answers SignalAndWaitForShutdown when the program's event loop empties
    // (cmd/run/index.js, beforeExitHandler); Pulumi's MockMonitor has no such method.
    const monitor = require(
        require.resolve("@pulumi/pulumi", { paths: [root] }),
    ).runtime.getMonitor();
    monitor.signalAndWaitForShutdown = (request, callback) => callback(null, {});
    let lastRegistered = 0;
    let registered = 0;
    const newResource = recorder.newResource.bind(recorder);
    recorder.newResource = (...args) => {
        registered++;
        lastRegistered = performance.now();
        return newResource(...args);
    };
    process.on("exit", (code) => {
        const result = {
            lastRegisteredMs: lastRegistered,
            registered,
            maxRssKb: process.resourceUsage().maxRSS,
            exitCode: code,
        };
        try {
            fs.writeSync(3, JSON.stringify(result) + "\n");
        } catch {
            process.stdout.write(JSON.stringify(result) + "\n");
        }
    });

    // What the language host runs: node [nodeargs] <cmd/run> --monitor=... --project --stack [--dry-run] --pwd <dir> <main>.
    // The CLI passes Pulumi.yaml's main, or "." (package.json's main) without one.
    const projectFile = path.join(programDir, "Pulumi.yaml");
    const main =
        (fs.existsSync(projectFile) &&
            /^main:\s*(\S+)\s*$/m.exec(fs.readFileSync(projectFile, "utf8"))?.[1]) ||
        ".";
    process.argv = [
        process.argv[0],
        runEntry,
        "--monitor=mock",
        "--project=kms-monitoring",
        `--stack=${stack}`,
        "--dry-run",
        `--pwd=${programDir}`,
        main,
    ];
    require(runEntry);
}

main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
});
