import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../harness";

interface Locked {
    readonly version: string;
    readonly engines?: { readonly node?: string };
}

const LOCK = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, Locked>;
};

/** The AWS SDK for JavaScript v3 and what it is built on. */
const SDK = /^@(aws-sdk|smithy|aws-crypto)\//;

/** The lowest Node.js major a `>=N...` engines range accepts; undefined when it names none. */
const lowestMajor = (range: string): number | undefined => {
    const match = />=\s*(\d+)/.exec(range);
    return match === null ? undefined : Number(match[1]);
};

describe("the AWS SDK in package-lock.json", () => {
    const sdk = Object.entries(LOCK.packages)
        .map(([where, locked]) => ({ name: where.split("node_modules/").pop() ?? "", locked }))
        .filter(({ name }) => SDK.test(name));

    it("resolves every package to one version, so that all clients share one core", () => {
        const versions = new Map<string, Set<string>>();
        for (const { name, locked } of sdk) {
            versions.set(name, (versions.get(name) ?? new Set()).add(locked.version));
        }
        const several = [...versions].filter(([, found]) => found.size > 1);
        assert.deepEqual(several, []);
        assert.ok(versions.has("@aws-sdk/client-eventbridge"));
    });

    it("runs on Node.js 20, which releases after early January 2027 will not", () => {
        const newer = sdk.filter(
            ({ locked }) => (lowestMajor(locked.engines?.node ?? "") ?? 0) > 20,
        );
        assert.deepEqual(
            newer.map(
                ({ name, locked }) =>
                    `${name}@${locked.version} needs node ${locked.engines?.node}`,
            ),
            [],
        );
    });
});
