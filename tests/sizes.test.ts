import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { REPO_ROOT } from "./harness";
import { COMPONENTS, sourceFiles, VERIFY } from "./sourceFiles";

const MAX_FILE_LINES = 250;
const MAX_LINE_LENGTH = 120;
/** About 60: a constructor or function that fits on one screen. */
const MAX_FUNCTION_LINES = 62;

/** The tests and the scripts, JavaScript too; tests/snapshots/ holds generated JSON, not code. */
const TESTS_AND_SCRIPTS = [
    ...sourceFiles(path.join(REPO_ROOT, "tests"), [".ts", ".js"]),
    ...sourceFiles(path.join(REPO_ROOT, "scripts"), [".ts", ".js"]),
];

/**
 * A describe's callback: it only groups tests, as a file does, so the file's size bounds it; the
 * tests and hooks in it are functions like any other.
 */
function isSuiteBody(node: ts.Node): boolean {
    const call = node.parent;
    return (
        ts.isCallExpression(call) &&
        ts.isIdentifier(call.expression) &&
        call.expression.text === "describe"
    );
}

/** The functions, methods and constructors of a file that span more than MAX_FUNCTION_LINES lines. */
function longFunctions(file: string): string[] {
    const source = ts.createSourceFile(
        file,
        fs.readFileSync(file, "utf8"),
        ts.ScriptTarget.ES2020,
        true,
    );
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
        if (
            ts.isFunctionLike(node) &&
            "body" in node &&
            node.body !== undefined &&
            !isSuiteBody(node)
        ) {
            const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
            const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
            if (end - start + 1 > MAX_FUNCTION_LINES) {
                const name = node.name?.getText(source) ?? ts.SyntaxKind[node.kind];
                found.push(
                    `${path.relative(REPO_ROOT, file)}:${start + 1} ${name} has ${end - start + 1} lines`,
                );
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

function longFiles(files: readonly string[]): string[] {
    return files
        .map((file) => ({ file, lines: fs.readFileSync(file, "utf8").split("\n").length - 1 }))
        .filter(({ lines }) => lines > MAX_FILE_LINES)
        .map(({ file, lines }) => `${path.relative(REPO_ROOT, file)} has ${lines} lines`);
}

describe("code layout", () => {
    it("keeps every file in components/ and verify/ under about 250 lines", () => {
        assert.deepEqual(longFiles([...sourceFiles(COMPONENTS), ...sourceFiles(VERIFY)]), []);
    });

    it("keeps every line of the program and of verify/ under 120 characters", () => {
        const program = [
            ...sourceFiles(COMPONENTS),
            ...sourceFiles(VERIFY),
            path.join(REPO_ROOT, "index.ts"),
            path.join(REPO_ROOT, "provider.ts"),
        ];
        const long = program.flatMap((file) =>
            fs
                .readFileSync(file, "utf8")
                .split("\n")
                .flatMap((line, index) =>
                    line.length > MAX_LINE_LENGTH
                        ? [
                              `${path.relative(REPO_ROOT, file)}:${index + 1} has ${line.length} characters`,
                          ]
                        : [],
                ),
        );
        assert.deepEqual(long, []);
    });

    it("keeps every function in components/ and verify/ under about 60 lines", () => {
        const long = [...sourceFiles(COMPONENTS), ...sourceFiles(VERIFY)].flatMap((file) =>
            longFunctions(file),
        );
        assert.deepEqual(long, []);
    });

    it("keeps every file in tests/ and scripts/ under about 250 lines", () => {
        assert.ok(TESTS_AND_SCRIPTS.length > 50, `${TESTS_AND_SCRIPTS.length} files`);
        assert.deepEqual(longFiles(TESTS_AND_SCRIPTS), []);
    });

    it("keeps every function in tests/ and scripts/ under about 60 lines, a describe's callback aside", () => {
        assert.deepEqual(TESTS_AND_SCRIPTS.flatMap(longFunctions), []);
    });
});
