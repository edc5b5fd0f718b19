/** Reading a verify run's results: the one result of a check on a resource, or what did not pass. */
import { strict as assert } from "assert";
import type { VerificationOutput } from "../../components/stack";
import type { FakeAccount } from "./fakeAccount";
import type { Run } from "./runVerify";

const resultsOf = (
    run: Run,
    id: string,
    region: string | undefined,
    matches: (resource: string) => boolean,
) =>
    run.results.filter(
        (each) =>
            each.id === id &&
            matches(each.resource) &&
            (region === undefined || each.region === region),
    );

/** The one result of check `id` on a resource whose name includes `resource`. */
export function result(run: Run, id: string, resource: string, region?: string) {
    const found = resultsOf(run, id, region, (name) => name.includes(resource));
    assert.equal(
        found.length,
        1,
        `one ${id} result for ${resource}: ${JSON.stringify(run.results.filter((each) => each.id === id))}`,
    );
    return found[0];
}

/** The one result of check `id` whose resource is `resource`. */
export function exactResult(run: Run, id: string, resource: string, region?: string) {
    const found = resultsOf(run, id, region, (name) => name === resource);
    assert.equal(found.length, 1, `${id} ${resource}: ${JSON.stringify(found)}`);
    return found[0];
}

/** The results of check `id` that are not PASS, as `STATUS id resource: message`. */
export const nonPassing = (run: Run, id: string) =>
    run.problems.filter((line) => line.split(" ")[1] === id);

/** The stack's topic of this kind: `alerts`, `chat` or `webhooks`. */
export const topicOf = (fake: FakeAccount, kind: string) =>
    (fake.verification as VerificationOutput).topics.find((topic) => topic.kind === kind)!;
