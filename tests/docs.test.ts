import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { reservedRuleRoles } from "../components/config/ruleNames";
import { stackSchema } from "../components/config/schema";
import { REPO_ROOT } from "./harness";
import { COMPONENTS, sourceFiles, VERIFY } from "./sourceFiles";

const DOCS = path.join(REPO_ROOT, "docs");
const PAGES = [
    path.join(REPO_ROOT, "README.md"),
    ...fs.readdirSync(DOCS).map((file) => path.join(DOCS, file)),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function anchorOf(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-");
}

function anchors(file: string): Set<string> {
    const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
    return new Set([...text.matchAll(/^#+ (.+)$/gm)].map((match) => anchorOf(match[1])));
}

/** Every relative link of a page: `[text](target#anchor)`, outside code blocks. */
function relativeLinks(file: string): { target: string; anchor?: string }[] {
    const text = fs.readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
    return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((match) => match[1])
        .filter((link) => !/^[a-z]+:/.test(link))
        .map((link) => {
            const [target, anchor] = link.split("#");
            return { target, anchor };
        });
}

/** The keys in the first column of a page's config table, the one whose header starts `| key |`. */
function configTableKeys(file: string): string[] {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const header = lines.findIndex((line) => /^\| key \|/.test(line));
    assert.ok(header >= 0, `${file} has a config table`);
    const rows = lines.slice(header + 2);
    const end = rows.findIndex((line) => !line.startsWith("|"));
    return rows.slice(0, end === -1 ? undefined : end).map((row) => {
        const key = /^\| `([A-Za-z]+)` \|/.exec(row);
        assert.ok(key, `a row of ${path.basename(file)}'s config table names one key: ${row}`);
        return key[1];
    });
}

describe("README and docs", () => {
    it("keeps the README to a few screens", () => {
        const lines = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8").split("\n").length;
        assert.ok(lines <= 250, `README.md has ${lines} lines`);
    });

    it("gives the deep topics a page each, linked from the README", () => {
        const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
        for (const page of fs.readdirSync(DOCS)) {
            assert.ok(readme.includes(`(docs/${page})`), `README links docs/${page}`);
        }
    });

    it("links only to files and headings that exist", () => {
        const broken = PAGES.flatMap((page) =>
            relativeLinks(page).flatMap(({ target, anchor }) => {
                const file = target === "" ? page : path.resolve(path.dirname(page), target);
                const where = `${path.relative(REPO_ROOT, page)} -> ${target}#${anchor ?? ""}`;
                if (!fs.existsSync(file)) {
                    return [where];
                }
                return anchor !== undefined && file.endsWith(".md") && !anchors(file).has(anchor)
                    ? [where]
                    : [];
            }),
        );
        assert.deepEqual(broken, []);
    });

    it("list every config key in the README's and configuration.md's tables, and no other", () => {
        const ctx = { project: "kms-monitoring", stack: "dev", now: new Date() };
        const keys = Object.keys(stackSchema(ctx).shape).sort();
        for (const page of ["README.md", "docs/configuration.md"]) {
            const listed = configTableKeys(path.join(REPO_ROOT, page));
            assert.deepEqual([...listed].sort(), keys, page);
            assert.equal(new Set(listed).size, listed.length, `${page} lists each key once`);
        }
    });

    it("names every rule name apiCallAlerts may not take, as the config checks them", () => {
        const text = fs.readFileSync(path.join(DOCS, "configuration.md"), "utf8");
        const row = text.split("\n").find((line) => line.startsWith("| `apiCallAlerts[].name` |"));
        assert.ok(row, "configuration.md documents apiCallAlerts[].name");
        const listed = /Not a name of the stack's own rules, [^:]*: ([^(]*)\(/.exec(row)?.[1] ?? "";
        assert.deepEqual(
            [...listed.matchAll(/`([a-z-]+)`/g)].map((match) => match[1]).sort(),
            reservedRuleRoles().sort(),
        );
    });

    it("never say a plain ENABLED rule gets no read-only events: those not named Describe, Get or List may arrive", () => {
        // EventBridge User Guide, "Receiving read-only management events from AWS services": "You
        // may already be receiving read-only management events, if those events don't start with
        // Describe, Get, or List". Plain ENABLED is not sure to get them; it may get some.
        const claims =
            /(never receives|receives no|drops those|never fires for|never forwarded|delivers read-only events only)/i;
        const files = [...PAGES, ...sourceFiles(COMPONENTS), ...sourceFiles(VERIFY)];
        const wrong = files.flatMap((file) =>
            fs
                .readFileSync(file, "utf8")
                .replace(/\s+/g, " ")
                .split(/(?<=[.:;])\s/)
                .filter((sentence) => /read-only/i.test(sentence) && claims.test(sentence))
                .map((sentence) => `${path.relative(REPO_ROOT, file)}: ${sentence}`),
        );
        assert.deepEqual(wrong, []);
    });
});
