/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: ts-node loads it before any TypeScript */
/**
 * The transpiler ts-node uses for this project (tsconfig.json, "ts-node": { "transpiler" }), and so
 * for the Pulumi host (`pulumi up`, through tsconfig.pulumi.json, which extends it), mocha,
 * `npm run plan`, `npm run verify` and the benchmarks.
 *
 * It is ts-node's own SWC transpiler (ts-node/transpilers/swc, what `"swc": true` selects), which
 * turns the program into JavaScript several times faster than TypeScript's transpileModule
 * (docs/performance.md). ts-node's transpiler option takes a module with a `create` factory
 * (typestrong.org/ts-node/docs/transpilers); this one adds a fallback: where `@swc/core` cannot load
 * (a platform without its native binding, or an install that skipped optional dependencies), it
 * says so in one line and transpiles with TypeScript's transpileModule, exactly what ts-node does
 * without a transpiler. `pulumi up` then works as before, only slower to start.
 *
 * Loading it also turns on Node's module compile cache (Node.js API docs, "Module compile cache":
 * module.enableCompileCache(), Node 22.8 and later): V8 code cache on disk, under
 * os.tmpdir()/node-compile-cache or NODE_COMPILE_CACHE, for every module loaded from here on:
 * @pulumi/aws, awsx, zod, SWC's own JavaScript and the program. It is "a quiet optimization that is not
 * required for the application to be functional": it never throws, NODE_DISABLE_COMPILE_CACHE=1 turns it
 * off, and on Node 20, which lacks it, nothing happens.
 */
"use strict";

require("module").enableCompileCache?.();

/** The first line of why `@swc/core` did not load: enough to act on, without its stack. */
function reason(error) {
    const message = error && error.message ? String(error.message) : String(error);
    return message.split("\n")[0];
}

/** TypeScript's transpileModule, as ts-node calls it when no transpiler is configured. */
function typescriptTranspiler(createOptions) {
    const ts = require(createOptions.service.projectLocalResolveHelper("typescript", true));
    const compilerOptions = createOptions.service.config.options;
    return {
        transpile(input, { fileName }) {
            const { outputText, sourceMapText, diagnostics } = ts.transpileModule(input, {
                fileName,
                compilerOptions,
                reportDiagnostics: true,
            });
            return { outputText, sourceMapText, diagnostics };
        },
    };
}

let warned = false;

exports.create = function create(createOptions) {
    try {
        return require("ts-node/transpilers/swc").create(createOptions);
    } catch (error) {
        if (!warned) {
            warned = true;
            process.stderr.write(
                `kms-monitoring: @swc/core did not load on ${process.platform}-${process.arch} (${reason(error)}); ` +
                    "transpiling with TypeScript instead, which starts slower. To use SWC, run npm ci on this machine " +
                    "so npm installs @swc/core's native binding for it.\n",
            );
        }
        return typescriptTranspiler(createOptions);
    }
};
