#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: it registers TypeScript */
/**
 * `npm run verify -- --stack <name>` and the `kms-monitoring-verify` bin: see docs/verify.md.
 *
 * Plain JavaScript so that it can register ts-node (transpile only: npm test type-checks verify/)
 * before it loads the command (main.ts).
 */
"use strict";
const path = require("path");

// verify is TypeScript run through ts-node, a devDependency: after `npm ci --omit=dev` it is not
// there, which is one line for the user and exit code 2, like every other environment problem.
let tsNode;
try {
    tsNode = require("ts-node");
} catch (error) {
    if (error && error.code === "MODULE_NOT_FOUND") {
        process.stderr.write(
            "verify: needs the project's dev dependencies (ts-node): run npm ci, without --omit=dev\n",
        );
        process.exit(2);
    }
    throw error;
}
tsNode.register({
    transpileOnly: true,
    project: path.join(__dirname, "..", "tsconfig.json"),
});
const { main } = require("./main.ts");

main(process.argv.slice(2), {
    io: {
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
        tty: Boolean(process.stderr.isTTY),
    },
}).then((code) => {
    process.exitCode = code;
});
