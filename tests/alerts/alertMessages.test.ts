import { strict as assert } from "assert";
import {
    alarmStateChangeTransformer,
    apiCallAlertTransformer,
    expiringKeyContributorTransformer,
    keyLifecycleAlertTransformer,
} from "../../components/alerts/alertMessages";
import { renderTransformer, selectPath } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";

describe("the test input transformer renderer", () => {
    it("selects with dots, dashes and array indices", () => {
        const event = { "detail-type": "X", detail: { resources: [{ ARN: "a" }, { ARN: "b" }] } };
        assert.equal(selectPath(event, "$.detail-type"), "X");
        assert.equal(selectPath(event, "$.detail.resources[1].ARN"), "b");
        assert.equal(selectPath(event, "$.detail.missing.deeper"), undefined);
    });

    it("rejects bracket-quoted paths EventBridge does not take", () => {
        assert.throws(() => selectPath({}, "$['detail']"), /not a JSONPath EventBridge accepts/);
    });

    it("fills placeholders, leaves missing ones empty and refuses unknown ones", () => {
        const transformer = {
            inputPaths: { a: "$.a", b: "$.b" },
            inputTemplate: JSON.stringify("<a>-<b>-<aws.events.rule-name>"),
        };
        assert.equal(renderTransformer(transformer, { a: 1 }, "r"), "1--r");
        assert.throws(
            () => renderTransformer({ inputPaths: {}, inputTemplate: '"<c>"' }, {}, "r"),
            /<c> has no input path/,
        );
        assert.throws(
            () => renderTransformer({ inputPaths: {}, inputTemplate: '{"a": 1}' }, {}, "r"),
            /not a JSON string literal/,
        );
    });
});

describe("readable alert templates", () => {
    for (const [name, transformer] of [
        ["API call", apiCallAlertTransformer()],
        ["key lifecycle", keyLifecycleAlertTransformer()],
        ["alarm in another region", alarmStateChangeTransformer()],
        ["expiring key", expiringKeyContributorTransformer(30)],
    ] as const) {
        it(`${name}: is a JSON string literal within EventBridge's limits`, () => {
            assert.equal(typeof JSON.parse(transformer.inputTemplate), "string");
            assert.ok(transformer.inputTemplate.length <= 8192);
            const variables = Object.keys(transformer.inputPaths);
            assert.ok(variables.length <= 100);
            for (const variable of variables) {
                assert.ok(!variable.startsWith("aws."), `${variable} is reserved`);
                assert.ok(
                    transformer.inputTemplate.includes(`<${variable}>`),
                    `${variable} is used`,
                );
            }
        });
    }

    it("turns a CloudTrail GenerateDataKey record into a line and its details", () => {
        const text = renderTransformer(
            apiCallAlertTransformer(),
            samples.generateDataKeyEvent,
            "kms-monitoring-dev-data-key-generation",
        );
        const lines = text.split("\n");
        assert.equal(
            lines[0],
            `KMS GenerateDataKey on ${samples.KEY_ARN} by IAMUser 111122223333 ` +
                "arn:aws:iam::111122223333:user/Alice ",
        );
        assert.ok(lines.includes("Operation:     GenerateDataKey"));
        assert.ok(lines.includes(`Key:           ${samples.KEY_ARN}`));
        assert.ok(lines.includes("Key as called: alias/ImportedCMK"));
        assert.ok(
            lines.includes(
                "Caller:        IAMUser 111122223333 arn:aws:iam::111122223333:user/Alice ",
            ),
        );
        assert.ok(lines.includes("Source IP:     192.0.2.0"));
        assert.ok(lines.includes("User agent:    aws-cli/2.13.0 Python/3.11.4"));
        assert.ok(lines.includes("Region:        us-east-1"));
        assert.ok(lines.includes("Account:       111122223333"));
        assert.ok(lines.includes("Time (UTC):    2020-07-14T21:33:21Z"));
        assert.ok(lines.includes("Error code:    "), "no error code on a successful call");
        assert.match(text, /Rule: kms-monitoring-dev-data-key-generation\./);
        assert.ok(!text.includes("{"), "no JSON reaches the reader");
    });

    it("shows the error code of a failed call", () => {
        const denied = {
            ...samples.disableKeyEvent,
            detail: { ...samples.disableKeyEvent.detail, errorCode: "AccessDeniedException" },
        };
        const text = renderTransformer(apiCallAlertTransformer(), denied, "r");
        assert.match(text, /^KMS DisableKey on /);
        assert.ok(text.split("\n").includes("Error code:    AccessDeniedException"));
    });

    it("tells the reader of an expired key to re-import the material", () => {
        const text = renderTransformer(
            keyLifecycleAlertTransformer(),
            samples.keyMaterialExpirationEvent,
            "r",
        );
        const lines = text.split("\n");
        assert.equal(
            lines[0],
            "KMS Imported Key Material Expiration: KMS key 1234abcd-12ab-34cd-56ef-1234567890ab",
        );
        assert.ok(lines.includes(`Key:        ${samples.KEY_ARN}`));
        assert.match(text, /re-import the material; the key is PendingImport/i);
    });

    it("names rotation and deletion in their own first line", () => {
        assert.match(
            renderTransformer(keyLifecycleAlertTransformer(), samples.keyRotationEvent, "r"),
            /^KMS CMK Rotation: KMS key 1234abcd/,
        );
        assert.match(
            renderTransformer(keyLifecycleAlertTransformer(), samples.keyDeletionEvent, "r"),
            /^KMS CMK Deletion: KMS key 1234abcd/,
        );
    });
});
