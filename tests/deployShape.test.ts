import { strict as assert } from "assert";
import { RecordedResource } from "../scripts/mockRuntime";
import { snapshotPlan } from "../scripts/snapshots";

const TOKEN = /[A-Za-z0-9_.:/#-]/;

/** Every string in a value, looking inside strings that hold JSON (policies, patterns, bodies). */
function leafStrings(value: unknown, into: string[] = []): string[] {
    if (typeof value === "string") {
        into.push(value);
        if (/^[[{]/.test(value)) {
            try {
                leafStrings(JSON.parse(value), into);
            } catch {
                // Not JSON after all; the string itself is already collected.
            }
        }
    } else if (Array.isArray(value)) {
        value.forEach((item) => leafStrings(item, into));
    } else if (value !== null && typeof value === "object") {
        Object.values(value).forEach((item) => leafStrings(item, into));
    }
    return into;
}

/** Whether `text` holds `identifier` as a whole token, not as part of a longer name. */
function holds(text: string, identifier: string): boolean {
    for (let at = text.indexOf(identifier); at >= 0; at = text.indexOf(identifier, at + 1)) {
        const before = text[at - 1];
        const after = text[at + identifier.length];
        if (
            (before === undefined || !TOKEN.test(before)) &&
            (after === undefined || !TOKEN.test(after))
        ) {
            return true;
        }
    }
    return false;
}

/** Edges from each resource to the resources whose ID or ARN its inputs hold. */
export function dependencies(
    resources: readonly RecordedResource[],
): Map<RecordedResource, RecordedResource[]> {
    const deployed = resources.filter(
        (resource) => resource.custom || resource.type.startsWith("awsx:"),
    );
    // A resource's own ARN is one it was not given: an EventTarget's or TopicPolicy's `arn` input is the topic's.
    const ownArn = (resource: RecordedResource) =>
        resource.state.arn !== resource.inputs.arn ? resource.state.arn : undefined;
    const identifiers = deployed.map((resource) => ({
        resource,
        values: [resource.id, ownArn(resource)].filter(
            (value): value is string => typeof value === "string" && value.length > 0,
        ),
    }));
    return new Map(
        deployed.map((resource) => {
            const texts = leafStrings(resource.inputs);
            const uses = identifiers.filter(
                ({ resource: other, values }) =>
                    other !== resource &&
                    values.some((value) => texts.some((text) => holds(text, value))),
            );
            return [resource, uses.map(({ resource: other }) => other)];
        }),
    );
}

export function longestChain(edges: Map<RecordedResource, RecordedResource[]>): RecordedResource[] {
    const memo = new Map<RecordedResource, RecordedResource[]>();
    const visiting = new Set<RecordedResource>();
    const chainFrom = (resource: RecordedResource): RecordedResource[] => {
        const known = memo.get(resource);
        if (known) {
            return known;
        }
        if (visiting.has(resource)) {
            throw new Error(`dependency cycle through ${resource.name}`);
        }
        visiting.add(resource);
        const longest = (edges.get(resource) ?? [])
            .map(chainFrom)
            .reduce<RecordedResource[]>(
                (best, chain) => (chain.length > best.length ? chain : best),
                [],
            );
        visiting.delete(resource);
        const chain = [...longest, resource];
        memo.set(resource, chain);
        return chain;
    };
    return [...edges.keys()]
        .map(chainFrom)
        .reduce<RecordedResource[]>(
            (best, chain) => (chain.length > best.length ? chain : best),
            [],
        );
}

function resource(name: string, id: string, inputs: Record<string, unknown>): RecordedResource {
    return {
        type: "t",
        name,
        urn: name,
        id,
        protect: false,
        custom: true,
        inputs,
        wireInputs: inputs,
        state: { arn: `arn:${name}` },
    };
}

describe("dependency chain measurement", () => {
    it("follows IDs and ARNs, inside JSON too, but not prefixes of longer names", () => {
        const a = resource("a", "rule-a", {});
        const b = resource("b", "b-id", { rule: "rule-a" });
        const c = resource("c", "c-id", {
            policy: JSON.stringify({ Resource: "arn:b" }),
            name: "rule-a-failed",
        });
        const d = resource("d", "d-id", { name: "rule-a-failed-invocations" });
        const edges = dependencies([a, b, c, d]);
        assert.deepEqual(edges.get(b), [a]);
        assert.deepEqual(edges.get(c), [b]);
        assert.deepEqual(edges.get(d), []);
        assert.deepEqual(
            longestChain(edges).map((each) => each.name),
            ["a", "b", "c"],
        );
    });
});

describe("deploy-time shape of the dev stack", () => {
    it("needs at most 5 sequential rounds of resource creation", async () => {
        const plan = await snapshotPlan("dev");
        const chain = longestChain(dependencies(plan.recorded));
        assert.ok(chain.length >= 3, "the measurement sees the key -> topic -> alarm chain");
        assert.ok(
            chain.length <= 5,
            `longest chain is ${chain.length}: ${chain.map((each) => each.name).join(" -> ")}`,
        );
    });
});
