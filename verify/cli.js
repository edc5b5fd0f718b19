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

require("ts-node").register({
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
