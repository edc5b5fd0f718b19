import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "./harness";

const BIN = path.join(REPO_ROOT, "node_modules", ".bin");

/** Runs the format check npm test runs, in `dir`, as npm would (its .bin on PATH). */
function checkFormat(dir: string): { status: number | null; output: string } {
    const result = spawnSync("sh", [path.join(REPO_ROOT, "scripts", "checkFormat.sh")], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}` },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A scratch project with the repository's formatter settings and one source file. */
function scratchProject(source: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kms-format-"));
    fs.copyFileSync(path.join(REPO_ROOT, ".prettierrc.json"), path.join(dir, ".prettierrc.json"));
    fs.writeFileSync(path.join(dir, "rule.ts"), source);
    return dir;
}

describe("the formatter", () => {
    it("is run by npm test, and npm run format rewrites the files", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
        assert.equal(pkg.scripts.format, "prettier --write .");
        const testScript = fs.readFileSync(path.join(REPO_ROOT, "scripts", "test.sh"), "utf8");
        assert.match(testScript, /^sh scripts\/checkFormat\.sh &$/m);
    });

    it("fails on an unformatted file, names it and says to run npm run format", () => {
        // A line of 120 characters: longer than printWidth 100.
        const dir = scratchProject(
            'export const rule = { name: "kms-monitoring-dev-key-management", description: "Alerts on key management" };\n',
        );
        const { status, output } = checkFormat(dir);
        assert.equal(status, 1, output);
        assert.match(output, /rule\.ts/);
        assert.match(output, /run npm run format/);
    });

    it("passes the same file once formatted, with 4 spaces and trailing commas", () => {
        const dir = scratchProject(
            [
                "export const rule = {",
                '    name: "kms-monitoring-dev-key-management",',
                '    description: "Alerts on key management",',
                "};",
                "",
            ].join("\n"),
        );
        const { status, output } = checkFormat(dir);
        assert.equal(status, 0, output);
    });
});
