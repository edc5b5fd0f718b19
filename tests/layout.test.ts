import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./harness";
import { COMPONENTS, sourceFiles, VERIFY } from "./sourceFiles";

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
