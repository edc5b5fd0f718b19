/**
 * The program is transpiled by SWC through ts-node (issue 22): the host's tsconfig selects it,
 * what it emits keeps TypeScript's class-field semantics, and where @swc/core cannot load the
 * program still runs, transpiled by TypeScript, after one line that says so. The timings are in
 * `npm run bench -- host`, not here.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tsNode from "ts-node";
import * as ts from "typescript";
import { REPO_ROOT } from "./harness";
import { hostRun } from "./support/hostProgram";

/** ts-node as the Pulumi host registers it: the project is Pulumi.yaml's tsconfig, transpile only. */
function hostService(): tsNode.Service {
    return tsNode.create({
        project: path.join(REPO_ROOT, "tsconfig.pulumi.json"),
        transpileOnly: true,
    });
}

/** What ts-node emits for `source`, as the host would for a file of the program. */
function emitted(service: tsNode.Service, source: string, name = "sample.ts"): string {
    return service.compile(source, path.join(REPO_ROOT, "components", name));
}

/** The same source through ts-node's own SWC transpiler (what `"swc": true` selects), with the host's options. */
function swcEmitted(service: tsNode.Service, source: string): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const swc = require("ts-node/transpilers/swc") as {
        create(options: unknown): {
            transpile(input: string, options: { fileName: string }): { outputText: string };
        };
    };
    const resolveHelper = (specifier: string) => require.resolve(specifier, { paths: [REPO_ROOT] });
    return swc
        .create({
            service: { config: service.config, projectLocalResolveHelper: resolveHelper },
            transpilerConfigLocalResolveHelper: resolveHelper,
            nodeModuleEmitKind: undefined,
        })
        .transpile(source, { fileName: path.join(REPO_ROOT, "components", "sample.ts") })
        .outputText;
}

/** Emitted code without its source map comment. */
const code = (output: string) => output.split("//# sourceMappingURL")[0].trimEnd();

const SAMPLE = [
    "export class Sample {",
    "    private readonly items: number[] = [];",
    "    constructor(readonly name: string) {}",
    "    add(item: number): this {",
    "        this.items.push(item);",
    "        return this;",
    "    }",
    "}",
    "",
].join("\n");

describe("transpiling the program with SWC", () => {
    const service = hostService();

    it("the host's tsconfig (through tsconfig.json, which it extends) selects our transpiler, and it is ts-node's SWC", () => {
        assert.strictEqual(
            path.resolve(REPO_ROOT, String(service.options.transpiler)),
            path.join(REPO_ROOT, "scripts", "transpiler.js"),
        );
        const ours = code(emitted(service, SAMPLE));
        assert.strictEqual(ours, code(swcEmitted(service, SAMPLE)));
        const typescript = ts.transpileModule(SAMPLE, {
            compilerOptions: service.config.options,
            fileName: "sample.ts",
        }).outputText;
        assert.notStrictEqual(ours, code(typescript));
    });

    it("keeps TypeScript's class fields at ES2020: a `!` field the base constructor sets keeps its value", () => {
        // With useDefineForClassFields (TypeScript's default from ES2022) the subclass would
        // redefine `urn` as undefined after super(), as it would the outputs a ComponentResource's
        // base constructor sets when it is rehydrated from a URN.
        assert.notStrictEqual(service.config.options.useDefineForClassFields, true);
        const source = [
            "class Base { constructor() { (this as any).urn = 'set by the base'; } }",
            "export class Derived extends Base { public readonly urn!: string; readonly kept = 1; }",
            "",
        ].join("\n");
        const module = { exports: {} as { Derived?: new () => { urn: string; kept: number } } };
        new Function("exports", "module", "require", emitted(service, source))(
            module.exports,
            module,
            require,
        );
        const instance = new module.exports.Derived!();
        assert.strictEqual(instance.urn, "set by the base");
        assert.strictEqual(instance.kept, 1);
    });

    it("does not define the component's declared outputs, so the base constructor's values stay", () => {
        const file = path.join(REPO_ROOT, "components", "stack", "kmsMonitoring.ts");
        const output = emitted(service, fs.readFileSync(file, "utf8"), "stack/kmsMonitoring.ts");
        // The constructor sets every output with Object.assign(this, outputs), after super().
        assert.match(output, /Object\.assign\(this, outputs\)/);
        assert.doesNotMatch(output, /_define_property\(this, "topicArn"|this\.topicArn = void 0/);
    });

    it("maps a crash to our .ts file and line (the host run in start-up covers the whole path)", () => {
        const output = emitted(
            service,
            "\n\nexport const boom = (): number => {\n    throw new Error('x');\n};\n",
        );
        const map = /sourceMappingURL=data:application\/json;charset=utf-8;base64,(\S+)/.exec(
            output,
        );
        assert.ok(map, "an inline source map");
        const parsed = JSON.parse(Buffer.from(map[1], "base64").toString("utf8")) as {
            sources: string[];
            mappings: string;
        };
        assert.ok(parsed.sources.some((source) => source.endsWith("sample.ts")));
        assert.ok(parsed.mappings.length > 0);
    });
});

describe("Node's module compile cache", () => {
    it("is on once the transpiler loads, where Node has it (22.8 and later), and loading never fails where it does not", () => {
        const probe = [
            `require(${JSON.stringify(path.join(REPO_ROOT, "scripts", "transpiler.js"))});`,
            'const m = require("module");',
            "process.stdout.write(JSON.stringify({",
            '    api: typeof m.enableCompileCache === "function",',
            "    directory: m.getCompileCacheDir ? m.getCompileCacheDir() : undefined,",
            "}));",
        ].join("\n");
        const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-compile-cache-"));
        try {
            const result = JSON.parse(
                execFileSync(process.execPath, ["-e", probe], {
                    env: { ...process.env, NODE_COMPILE_CACHE: cacheDir },
                    encoding: "utf8",
                }),
            ) as { api: boolean; directory?: string };
            if (result.api) {
                assert.ok(result.directory?.startsWith(cacheDir), JSON.stringify(result));
            } else {
                assert.strictEqual(result.directory, undefined);
            }
        } finally {
            fs.rmSync(cacheDir, { recursive: true, force: true });
        }
    });
});

describe("where @swc/core cannot load", function () {
    this.timeout(60_000);

    it("the program still runs, transpiled by TypeScript, after one line that says what to do", async () => {
        // A platform without @swc/core's native binding: its platform packages do not resolve.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-noswc-"));
        const blocker = path.join(dir, "no-swc-binding.js");
        fs.writeFileSync(
            blocker,
            [
                'const Module = require("module");',
                "const resolve = Module._resolveFilename;",
                "Module._resolveFilename = function (request, ...rest) {",
                "    if (/^@swc\\/core-/.test(request) || /swc\\.[a-z0-9-]+\\.node$/.test(request)) {",
                "        const error = new Error(`Cannot find module '${request}'`);",
                '        error.code = "MODULE_NOT_FOUND";',
                "        throw error;",
                "    }",
                "    return resolve.call(this, request, ...rest);",
                "};",
                "",
            ].join("\n"),
        );
        try {
            const [withSwc, without] = await Promise.all([
                hostRun(REPO_ROOT, { "aws:region": "us-east-1" }),
                hostRun(REPO_ROOT, { "aws:region": "us-east-1" }, ["-r", blocker]),
            ]);
            assert.strictEqual(withSwc.code, 0, withSwc.stderr);
            assert.doesNotMatch(withSwc.stderr, /@swc\/core did not load/);
            assert.strictEqual(without.code, 0, without.stderr);
            const lines = without.stderr.split("\n").filter((line) => /@swc\/core/.test(line));
            assert.strictEqual(lines.length, 1, without.stderr);
            assert.match(
                lines[0],
                /transpiling with TypeScript instead.*run npm ci on this machine/,
            );
            assert.ok((withSwc.resources ?? 0) > 10);
            assert.strictEqual(without.resources, withSwc.resources);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
