/**
 * How the Pulumi Node language host starts the program (issue 12): it transpiles with the program's
 * own tsconfig instead of type-checking on every preview, while npm test still type-checks
 * everything; and errors stay as useful as before. The timings are in `npm run bench -- host`, not here.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as YAML from "yaml";
import { REPO_ROOT } from "./harness";
import { crashingProgram, HostResult, hostRun } from "./support/hostProgram";

interface RuntimeOptions {
    typescript?: boolean;
    tsconfig?: string;
    nodeargs?: string;
}

function runtimeOptions(): RuntimeOptions {
    const project = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as {
        runtime: { name: string; options?: RuntimeOptions };
    };
    return project.runtime.options ?? {};
}

/** A tsconfig as tsc and ts-node read it: extends followed, include expanded. */
function parsed(file: string): ts.ParsedCommandLine {
    const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
    assert.strictEqual(error, undefined, `${file} does not parse`);
    return ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(file), undefined, file);
}

const relative = (files: readonly string[]) =>
    files.map((file) => path.relative(REPO_ROOT, file).split(path.sep).join("/")).sort();

function programSources(): string[] {
    const components = fs
        .readdirSync(path.join(REPO_ROOT, "components"), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts"));
    return [
        "index.ts",
        ...components.map((file) => `components/${file.split(path.sep).join("/")}`),
    ].sort();
}

describe("start-up under the Pulumi language host", () => {
    const options = runtimeOptions();
    const programTsconfig = path.join(REPO_ROOT, options.tsconfig ?? "tsconfig.json");

    it("runs TypeScript through the host's ts-node with a tsconfig of its own", () => {
        assert.notStrictEqual(options.typescript, false);
        assert.ok(
            options.tsconfig && options.tsconfig !== "tsconfig.json",
            "Pulumi.yaml runtime.options.tsconfig names the program's tsconfig",
        );
        assert.ok(
            fs.existsSync(programTsconfig),
            `${options.tsconfig} exists (run.js fails the program when the named file is missing)`,
        );
    });

    it("has noCheck in that file's own compilerOptions, where run.js reads it (it does not follow extends)", () => {
        // cmd/run/run.js: compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
        // transpileOnly = compilerOptions.noCheck (unless PULUMI_NODEJS_TRANSPILE_ONLY is set).
        const raw = ts.parseConfigFileTextToJson(
            programTsconfig,
            fs.readFileSync(programTsconfig, "utf8"),
        ).config as { compilerOptions?: Record<string, unknown> };
        assert.strictEqual(raw.compilerOptions?.noCheck, true);
    });

    it("compiles the program (index.ts and every component) and nothing else", () => {
        assert.deepStrictEqual(relative(parsed(programTsconfig).fileNames), programSources());
    });

    it("emits what tsc checked: target, module and moduleResolution as in tsconfig.json", () => {
        // run.js spreads the file's own compilerOptions over target ES2020 and module/moduleResolution nodenext.
        const raw = ts.parseConfigFileTextToJson(
            programTsconfig,
            fs.readFileSync(programTsconfig, "utf8"),
        ).config as { compilerOptions: Record<string, unknown> };
        const full = parsed(path.join(REPO_ROOT, "tsconfig.json")).options;
        const own = ts.convertCompilerOptionsFromJson(raw.compilerOptions, REPO_ROOT).options;
        for (const option of ["target", "module", "moduleResolution"] as const) {
            assert.strictEqual(own[option], full[option], `${option} in ${options.tsconfig}`);
        }
    });

    it("leaves the type check to npm test: tsc --noEmit on tsconfig.json, which covers the program, tests and scripts, with checking on", () => {
        const testScript = fs.readFileSync(path.join(REPO_ROOT, "scripts", "test.sh"), "utf8");
        assert.match(
            testScript,
            /^tsc --noEmit &$/m,
            "npm test runs tsc on the default tsconfig.json",
        );
        const full = parsed(path.join(REPO_ROOT, "tsconfig.json"));
        assert.notStrictEqual(full.options.noCheck, true);
        const checked = new Set(relative(full.fileNames));
        for (const file of [
            ...programSources(),
            "tests/startup.test.ts",
            "scripts/plan.ts",
            "scripts/bench.ts",
        ]) {
            assert.ok(checked.has(file), `tsc --noEmit checks ${file}`);
        }
    });

    it("keeps at least the frame that threw in a crash's stack trace", () => {
        const limit = /--stack-trace-limit=(\d+)/.exec(options.nodeargs ?? "")?.[1];
        assert.ok(limit === undefined || Number(limit) >= 1, `nodeargs ${options.nodeargs}`);
    });

    describe("errors, as the host prints them", function () {
        this.timeout(60_000);
        let configError: HostResult;
        let crash: HostResult;
        let fixture: string;

        before(async () => {
            fixture = crashingProgram();
            [configError, crash] = await Promise.all([
                hostRun(REPO_ROOT, {
                    "aws:region": "us-east-1",
                    "kms-monitoring:alertEmails": JSON.stringify(["ops@"]),
                }),
                hostRun(fixture, {}),
            ]);
        });

        after(() => fs.rmSync(fixture, { recursive: true, force: true }));

        it("a config error is the one clean message, with no stack trace", () => {
            assert.notStrictEqual(configError.code, 0);
            assert.match(
                configError.stderr,
                /Invalid stack config for kms-monitoring \(stack "dev"\): 1 problem\n {2}- kms-monitoring:alertEmails\[0\]: is not an email address/,
            );
            assert.doesNotMatch(configError.stderr, /^\s+at /m);
        });

        it("a crash names our .ts file and line, and a type error does not stop the program (npm test catches it)", () => {
            assert.notStrictEqual(crash.code, 0);
            assert.doesNotMatch(crash.stderr, /TSError|Unable to compile/);
            assert.match(
                crash.stderr,
                /TypeError: Cannot read properties of undefined \(reading 'field'\)/,
            );
            assert.match(
                crash.stderr.replace(/\x1b\[\d+m/g, ""),
                /at boom \(.*components[/\\]crash\.ts:7:\d+\)/,
            );
        });
    });
});
