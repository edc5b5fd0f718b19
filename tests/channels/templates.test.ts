import { strict as assert } from "assert";
import type { AlertKind, InputTransformer } from "../../components/alerts";
import {
    chatTransformer,
    FIELDS_OF_KIND,
    pagerDutyTransformer,
    QUOTE_FREE_PATHS,
} from "../../components/channels";
import { renderJsonTransformer } from "../support/inputTransformerRenderer";

function templatesOf(transformer: InputTransformer) {
    return [...transformer.inputTemplate.matchAll(/<([A-Za-z0-9_.-]+)>/g)].map((match) => match[1]);
}

describe("the JSON template renderer", () => {
    it("inserts values unescaped, as EventBridge does: a quote in a value breaks the JSON", () => {
        const transformer = {
            inputPaths: { agent: "$.detail.userAgent" },
            inputTemplate: JSON.stringify({ text: "agent <agent> on <aws.events.rule-name>" }),
        };
        const plain = { detail: { userAgent: "aws-cli/2" } };
        assert.deepEqual(JSON.parse(renderJsonTransformer(transformer, plain, "r")), {
            text: "agent aws-cli/2 on r",
        });
        const quoted = { detail: { userAgent: 'curl "x"' } };
        assert.throws(() => JSON.parse(renderJsonTransformer(transformer, quoted, "r")));
    });
});

describe("chat and PagerDuty templates", () => {
    const kinds = Object.keys(FIELDS_OF_KIND) as AlertKind[];
    const all = kinds.flatMap((kind) =>
        (["trigger", "resolve"] as const).flatMap((action) => [
            { name: `chat ${kind} ${action}`, transformer: chatTransformer(kind, action) },
            {
                name: `PagerDuty ${kind} ${action}`,
                transformer: pagerDutyTransformer(kind, action, "critical"),
            },
        ]),
    );

    for (const { name, transformer } of all) {
        it(`${name}: a JSON document within EventBridge's limits, of quote-free fields only`, () => {
            assert.equal(typeof JSON.parse(transformer.inputTemplate), "object");
            assert.ok(transformer.inputTemplate.length <= 8192, "InputTemplate max 8,192");
            assert.ok(Object.keys(transformer.inputPaths).length <= 100, "InputPathsMap max 100");
            // A quote of our own text would need \" in a JSON value, which EventBridge refuses.
            assert.ok(!transformer.inputTemplate.includes('\\"'));
            const allowed = Object.values(QUOTE_FREE_PATHS) as string[];
            for (const path of Object.values(transformer.inputPaths)) {
                assert.ok(allowed.includes(path), `${path} never holds a quote`);
            }
            for (const variable of templatesOf(transformer)) {
                assert.ok(
                    variable === "aws.events.rule-name" || variable in transformer.inputPaths,
                    `<${variable}> has a path`,
                );
            }
        });
    }

    it("inserts no field a caller chooses freely", () => {
        const paths = Object.values(QUOTE_FREE_PATHS) as string[];
        assert.ok(!paths.includes("$.detail.userAgent"));
        assert.ok(!paths.includes("$.detail.requestParameters.keyId"));
        assert.deepEqual(Object.keys(FIELDS_OF_KIND).sort(), [
            "alarm",
            "api-call",
            "expiring-key",
            "key-lifecycle",
            "key-rotation",
            "key-store",
            "pending-deletion",
        ]);
    });
});
