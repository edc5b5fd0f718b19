import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { stackSchema } from "../../components/config/schema";
import { REPO_ROOT } from "../harness";

const ARGS_FILE = "components/stack/args.ts";
const NOW = new Date("2026-11-28T12:00:00Z");

/**
 * The smallest config that brings every object key to life, so the schema applies the defaults of
 * their fields too (objects that default to absent have none to apply otherwise).
 */
const EVERY_OBJECT = {
    importedKey: { alias: "alias/k" },
    organization: { id: "o-a1b2c3d4e5", organizationalUnitIds: ["ou-ab12-cdef3456"] },
    chat: {},
};

/** The parsed config with every default applied, on a stack of that name. */
function defaultsOn(stack: string): Record<string, unknown> {
    const schema = stackSchema({
        project: "kms-monitoring",
        stack,
        now: NOW,
        homeRegion: "us-east-1",
    });
    return schema.parse(EVERY_OBJECT) as Record<string, unknown>;
}

/** The paths (`auditTrail.forceDestroyBucket`) whose values differ between two parsed configs. */
function differences(a: unknown, b: unknown, at: string[] = []): string[][] {
    if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].flatMap((key) =>
            differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [
                ...at,
                key,
            ]),
        );
    }
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [at];
}

const source = ts.createSourceFile(
    ARGS_FILE,
    fs.readFileSync(path.join(REPO_ROOT, ARGS_FILE), "utf8"),
    ts.ScriptTarget.ES2020,
    true,
);

/** A member of an interface of args.ts, read with the TypeScript compiler. */
function member(declaration: string, name: string): ts.PropertySignature {
    const found = source.statements
        .filter(ts.isInterfaceDeclaration)
        .find((statement) => statement.name.text === declaration)
        ?.members.filter(ts.isPropertySignature)
        .find((each) => each.name.getText(source) === name);
    assert.ok(found, `${declaration}.${name} in ${ARGS_FILE}`);
    return found;
}

/**
 * The member of args.ts that documents a config path: a top-level key is a member of
 * KmsMonitoringArgs, a nested one a member of the settings interface its parent is typed with.
 */
function documenting(configPath: readonly string[]): ts.PropertySignature {
    let property = member("KmsMonitoringArgs", configPath[0]);
    for (const name of configPath.slice(1)) {
        property = member(property.type?.getText(source) ?? "", name);
    }
    return property;
}

/** The JSDoc of a member, on one line: what every SDK shows for it. */
function jsDoc(property: ts.PropertySignature): string {
    return ts
        .getJSDocCommentsAndTags(property)
        .filter(ts.isJSDoc)
        .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
        .join(" ")
        .replace(/\s+/g, " ");
}

const STACK_DEPENDENT =
    /Default: (true|false) on production stacks \(`prod`, `production`, `prod-\*`\), (true|false) otherwise\./;

/** Every member of args.ts whose JSDoc says its default depends on the stack. */
function documentedAsStackDependent(): ts.PropertySignature[] {
    return source.statements
        .filter(ts.isInterfaceDeclaration)
        .flatMap((declaration) => declaration.members.filter(ts.isPropertySignature))
        .filter((property) => /production stacks/.test(jsDoc(property)));
}

describe("the defaults args.ts documents for every SDK", () => {
    const dev = defaultsOn("dev");
    const prod = defaultsOn("prod");
    const stackDependent = differences(dev, prod);

    it("states each stack-dependent default as the schema applies it on prod and on dev", () => {
        assert.ok(stackDependent.length > 0, "some defaults depend on the stack");
        for (const configPath of stackDependent) {
            const at = configPath.join(".");
            const doc = jsDoc(documenting(configPath));
            const stated = STACK_DEPENDENT.exec(doc);
            assert.ok(stated, `${at}'s JSDoc states both defaults: ${doc}`);
            const valueOn = (config: Record<string, unknown>) =>
                String(configPath.reduce<unknown>((value, key) => (value as never)[key], config));
            assert.equal(stated[1], valueOn(prod), `${at} on prod`);
            assert.equal(stated[2], valueOn(dev), `${at} on dev`);
        }
    });

    it("says a default depends on the stack only where it does", () => {
        const where = (property: ts.PropertySignature) =>
            `${(property.parent as ts.InterfaceDeclaration).name.text}.${property.name.getText(source)}`;
        assert.deepEqual(
            documentedAsStackDependent().map(where).sort(),
            stackDependent.map((configPath) => where(documenting(configPath))).sort(),
        );
    });
});
