import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { REPO_ROOT } from "./harness";

const COMPONENTS = path.join(REPO_ROOT, "components");
/** The verify command: outside the program, held to the same sizes. */
const VERIFY = path.join(REPO_ROOT, "verify");
const MAX_FILE_LINES = 250;
const MAX_LINE_LENGTH = 120;
/** About 60: a constructor or function that fits on one screen. */
const MAX_FUNCTION_LINES = 62;

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
        if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
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

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
    });
}

/** The folder under components/ a file belongs to. */
function moduleOf(file: string): string {
    return path.relative(COMPONENTS, file).split(path.sep)[0];
}

/** The composition root: the one module that may use every other, and that none may use. */
const ROOT_MODULE = "stack";

interface Import {
    readonly from: string;
    readonly target: string;
}

function relativeImports(): Import[] {
    return sourceFiles(COMPONENTS).flatMap((file) =>
        [...fs.readFileSync(file, "utf8").matchAll(/from "(\.[^"]*)"/g)].map((match) => {
            const target = path.resolve(path.dirname(file), match[1]);
            // A folder import means its index.ts.
            return {
                from: file,
                target:
                    fs.existsSync(target) && fs.statSync(target).isDirectory()
                        ? path.join(target, "index")
                        : target,
            };
        }),
    );
}

const MODULES = fs
    .readdirSync(COMPONENTS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

describe("code layout", () => {
    it("gives every module folder an index.ts", () => {
        assert.ok(MODULES.length >= 7, `modules: ${MODULES.join(", ")}`);
        for (const module of MODULES) {
            assert.ok(
                fs.existsSync(path.join(COMPONENTS, module, "index.ts")),
                `${module}/index.ts`,
            );
        }
    });

    it("lets a module reach another module only through its index.ts", () => {
        const offenders = relativeImports().filter(({ from, target }) => {
            const targetParts = path.relative(COMPONENTS, target).split(path.sep);
            return targetParts[0] !== moduleOf(from) && targetParts[1] !== "index";
        });
        assert.deepEqual(
            offenders.map(
                ({ from, target }) =>
                    `${path.relative(REPO_ROOT, from)} -> ${path.relative(REPO_ROOT, target)}`,
            ),
            [],
        );
    });

    it("keeps every file in a module folder: nothing lies loose in components/", () => {
        const loose = fs.readdirSync(COMPONENTS).filter((entry) => entry.endsWith(".ts"));
        assert.deepEqual(loose, []);
    });

    it("keeps modules below the composition root and shared below every module", () => {
        const upward = relativeImports().filter(({ from, target }) => {
            const source = moduleOf(from);
            const destination = moduleOf(target);
            return (
                (destination === ROOT_MODULE && source !== ROOT_MODULE) ||
                (source === "shared" && destination !== "shared")
            );
        });
        assert.deepEqual(
            upward.map(
                ({ from, target }) =>
                    `${path.relative(REPO_ROOT, from)} -> ${path.relative(REPO_ROOT, target)}`,
            ),
            [],
        );
    });

    it("has no import cycle between modules", () => {
        const edges = new Map<string, Set<string>>(
            MODULES.map((module) => [module, new Set<string>()]),
        );
        for (const { from, target } of relativeImports()) {
            const source = moduleOf(from);
            const destination = moduleOf(target);
            if (destination !== source) {
                edges.get(source)?.add(destination);
            }
        }
        const visiting = new Set<string>();
        const done = new Set<string>();
        const visit = (module: string, trail: string[]): void => {
            assert.ok(!visiting.has(module), `import cycle: ${[...trail, module].join(" -> ")}`);
            if (done.has(module)) {
                return;
            }
            visiting.add(module);
            for (const next of edges.get(module) ?? []) {
                visit(next, [...trail, module]);
            }
            visiting.delete(module);
            done.add(module);
        };
        MODULES.forEach((module) => visit(module, []));
    });

    it("keeps every file in components/ and verify/ under about 250 lines", () => {
        const long = [...sourceFiles(COMPONENTS), ...sourceFiles(VERIFY)]
            .map((file) => ({ file, lines: fs.readFileSync(file, "utf8").split("\n").length - 1 }))
            .filter(({ lines }) => lines > MAX_FILE_LINES)
            .map(({ file, lines }) => `${path.relative(REPO_ROOT, file)} has ${lines} lines`);
        assert.deepEqual(long, []);
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
});

describe("the verify command's layout", () => {
    it("lives outside components/, which the program's tsconfig compiles, and imports the program's types only", () => {
        for (const file of sourceFiles(VERIFY)) {
            for (const match of fs
                .readFileSync(file, "utf8")
                .matchAll(
                    /^import (type )?(?:\{[^}]*\}|[\w*]+(?: as \w+)?) from "(\.\.\/[^"]*)";$/gm,
                )) {
                if (
                    match[2].startsWith("../components") ||
                    match[2].startsWith("../../components")
                ) {
                    assert.ok(
                        match[1],
                        `${path.relative(REPO_ROOT, file)} imports ${match[2]} for its types only`,
                    );
                }
            }
        }
        const tsconfig = fs.readFileSync(path.join(REPO_ROOT, "tsconfig.json"), "utf8");
        assert.match(tsconfig, /"verify\/\*\*\/\*\.ts"/, "npm test type-checks verify/");
    });
});
