import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "./harness";

const COMPONENTS = path.join(REPO_ROOT, "components");

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
    });
}

/** The folder under components/ a file belongs to; the composition root's files belong to "". */
function moduleOf(file: string): string {
    const relative = path.relative(COMPONENTS, file).split(path.sep);
    return relative.length > 1 ? relative[0] : "";
}

interface Import {
    readonly from: string;
    readonly target: string;
}

function relativeImports(): Import[] {
    return sourceFiles(COMPONENTS).flatMap((file) =>
        [...fs.readFileSync(file, "utf8").matchAll(/from "(\.[^"]*)"/g)].map((match) => {
            const target = path.resolve(path.dirname(file), match[1]);
            // A folder import means its index.ts.
            return { from: file, target: fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, "index") : target };
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
            assert.ok(fs.existsSync(path.join(COMPONENTS, module, "index.ts")), `${module}/index.ts`);
        }
    });

    it("lets a module reach another module only through its index.ts", () => {
        const offenders = relativeImports().filter(({ from, target }) => {
            const targetModule = path.relative(COMPONENTS, target).split(path.sep);
            const other = targetModule.length > 1 ? targetModule[0] : "";
            return other !== "" && other !== moduleOf(from) && targetModule.length > 1 && targetModule[1] !== "index";
        });
        assert.deepEqual(
            offenders.map(({ from, target }) => `${path.relative(REPO_ROOT, from)} -> ${path.relative(REPO_ROOT, target)}`),
            [],
        );
    });

    it("keeps modules below the composition root and shared below every module", () => {
        const upward = relativeImports().filter(({ from, target }) => {
            const targetParts = path.relative(COMPONENTS, target).split(path.sep);
            const targetIsRoot = targetParts.length === 1;
            return (moduleOf(from) !== "" && targetIsRoot) || (moduleOf(from) === "shared" && targetParts[0] !== "shared");
        });
        assert.deepEqual(upward.map(({ from, target }) => `${path.relative(REPO_ROOT, from)} -> ${path.relative(REPO_ROOT, target)}`), []);
    });

    it("has no import cycle between modules", () => {
        const edges = new Map<string, Set<string>>(MODULES.map((module) => [module, new Set<string>()]));
        for (const { from, target } of relativeImports()) {
            const source = moduleOf(from);
            const targetParts = path.relative(COMPONENTS, target).split(path.sep);
            if (source !== "" && targetParts.length > 1 && targetParts[0] !== source) {
                edges.get(source)?.add(targetParts[0]);
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

    it("keeps each config file under about 250 lines and each constructor under about 60", () => {
        for (const file of sourceFiles(path.join(COMPONENTS, "config"))) {
            const lines = fs.readFileSync(file, "utf8").split("\n").length;
            assert.ok(lines <= 260, `${path.relative(REPO_ROOT, file)} has ${lines} lines`);
        }
        for (const file of sourceFiles(COMPONENTS)) {
            const lines = fs.readFileSync(file, "utf8").split("\n");
            lines.forEach((line, start) => {
                if (!/^ {4}constructor\(/.test(line)) {
                    return;
                }
                const end = lines.findIndex((other, index) => index > start && other === "    }");
                assert.ok(end - start <= 62, `${path.relative(REPO_ROOT, file)}:${start + 1} constructor has ${end - start} lines`);
            });
        }
    });
});
