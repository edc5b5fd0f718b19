import { strict as assert } from "assert";
import type { AlertKind, InputTransformer } from "../../components/alerts";
import {
    apiCallSeverity,
    chatTransformers,
    FIELDS_OF_KIND,
    pagerDutyTransformer,
    QUOTE_FREE_PATHS,
} from "../../components/channels";
import { renderJsonTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";

const RULE = "kms-monitoring-dev-some-rule";
const MEMBER_ACCOUNT = "444455556666";
const ALARM = "kms-monitoring-dev-key-material-expiry-alias-legacy";

/** The same event as a member account sends it to the organization bus. */
function fromMember<T extends { account: string }>(event: T): T {
    return JSON.parse(JSON.stringify(event).replace(/111122223333/g, MEMBER_ACCOUNT)) as T;
}

/** Every documented sample event, by the kind of alert it makes. */
const SAMPLES: readonly { name: string; kind: AlertKind; event: any }[] = [
    { name: "GenerateDataKey", kind: "api-call", event: samples.generateDataKeyEvent },
    { name: "DisableKey", kind: "api-call", event: samples.disableKeyEvent },
    { name: "ScheduleKeyDeletion", kind: "api-call", event: samples.scheduleKeyDeletionEvent },
    { name: "Decrypt", kind: "api-call", event: samples.decryptEvent },
    {
        name: "DisableKey forwarded from eu-central-1",
        kind: "api-call",
        event: samples.recordedIn(samples.disableKeyEvent, "eu-central-1"),
    },
    {
        name: "DisableKey from a member account",
        kind: "api-call",
        event: fromMember(samples.disableKeyEvent),
    },
    { name: "expiration", kind: "key-lifecycle", event: samples.keyMaterialExpirationEvent },
    { name: "rotation", kind: "key-lifecycle", event: samples.keyRotationEvent },
    { name: "deletion", kind: "key-lifecycle", event: samples.keyDeletionEvent },
    {
        name: "deletion from a member account",
        kind: "key-lifecycle",
        event: fromMember(samples.keyDeletionEvent),
    },
    {
        name: "alarm at home",
        kind: "alarm",
        event: samples.alarmStateChangeEvent(ALARM, "us-east-1"),
    },
    {
        name: "alarm forwarded from eu-central-1",
        kind: "alarm",
        event: samples.alarmStateChangeEvent(ALARM, "eu-central-1"),
    },
    {
        name: "alarm of a member account",
        kind: "alarm",
        event: fromMember(samples.alarmStateChangeEvent(ALARM, "eu-west-1")),
    },
    {
        name: "expiring key contributor",
        kind: "expiring-key",
        event: samples.contributorStateChangeEvent(
            "kms-monitoring-dev-expiring-key-material",
            "eu-west-1",
            "1234abcd-12ab-34cd-56ef-1234567890ab",
        ),
    },
];

/** What the event names the alert by: the operation, the key, the alarm. */
function namesOf(kind: AlertKind, event: any): string[] {
    switch (kind) {
        case "api-call":
            return [event.detail.eventName, event.detail.resources[0].ARN];
        case "key-lifecycle":
            return [event["detail-type"], event.resources[0]];
        case "alarm":
            return [event.detail.alarmName, event.detail.state.value];
        case "expiring-key":
            return [event.detail.alarmContributor.attributes.KeyId, event.detail.state.value];
    }
}

/**
 * Amazon Q Developer's custom notification schema (Administrator Guide, "Custom notifications"):
 * version 1.0, source custom, content with client-markdown text, title, description, keywords;
 * metadata.threadId. Title and description are held to 250 and 8,000 characters, the limits others
 * report for the schema; the messages here stay far below them.
 */
function assertCustomNotification(notification: any): void {
    assert.equal(notification.version, "1.0");
    assert.equal(notification.source, "custom");
    assert.equal(notification.content.textType, "client-markdown");
    for (const field of ["title", "description"] as const) {
        assert.equal(typeof notification.content[field], "string", field);
        assert.ok(notification.content[field].length > 0, field);
    }
    assert.ok(notification.content.title.length <= 250);
    assert.ok(notification.content.description.length <= 8000);
    for (const list of ["keywords", "nextSteps"] as const) {
        assert.ok(Array.isArray(notification.content[list]), list);
        for (const item of notification.content[list]) {
            assert.equal(typeof item, "string");
            assert.ok(item.length > 0, `${list} has no empty item`);
        }
    }
    assert.equal(typeof notification.metadata.threadId, "string");
    assert.ok(notification.metadata.threadId.length > 0);
}

const SEVERITIES = ["critical", "error", "warning", "info"];

/** PagerDuty Events API v2, "Send an Alert Event". */
function assertPagerDutyEvent(body: any): void {
    assert.ok(["trigger", "acknowledge", "resolve"].includes(body.event_action));
    assert.equal(typeof body.dedup_key, "string");
    assert.ok(body.dedup_key.length > 0 && body.dedup_key.length <= 255);
    assert.equal(typeof body.payload.summary, "string");
    assert.ok(body.payload.summary.length > 0 && body.payload.summary.length <= 1024);
    assert.equal(typeof body.payload.source, "string");
    assert.ok(body.payload.source.length > 0);
    assert.ok(SEVERITIES.includes(body.payload.severity));
    assert.equal(body.routing_key, undefined, "the connection adds the key, never the template");
}

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
    const chat = chatTransformers("aws");
    const all = Object.entries(chat).flatMap(([kind, transformer]) => [
        { name: `chat ${kind}`, transformer },
        {
            name: `PagerDuty ${kind}`,
            transformer: pagerDutyTransformer(kind as AlertKind, "trigger", "critical"),
        },
    ]);

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
        ]);
    });
});

describe("chat notifications of every sample event", () => {
    const chat = chatTransformers("aws");
    for (const { name, kind, event } of SAMPLES) {
        it(`${name}: parses as JSON and is a custom notification naming what happened`, () => {
            const notification = JSON.parse(renderJsonTransformer(chat[kind], event, RULE));
            assertCustomNotification(notification);
            const text = `${notification.content.title}\n${notification.content.description}`;
            for (const part of namesOf(kind, event)) {
                assert.ok(text.includes(part), `${part} is named`);
            }
            for (const part of [event.region, event.account, event.time]) {
                assert.ok(notification.content.description.includes(part), `${part} is named`);
            }
            assert.ok(notification.content.description.includes(RULE));
        });
    }

    it("names the caller of an API call, and threads one key's alerts together", () => {
        const disable = JSON.parse(
            renderJsonTransformer(chat["api-call"], samples.disableKeyEvent, RULE),
        );
        const deletion = JSON.parse(
            renderJsonTransformer(chat["key-lifecycle"], samples.keyDeletionEvent, RULE),
        );
        const expiring = JSON.parse(
            renderJsonTransformer(
                chat["expiring-key"],
                samples.contributorStateChangeEvent(
                    "x",
                    "us-east-1",
                    "1234abcd-12ab-34cd-56ef-1234567890ab",
                ),
                RULE,
            ),
        );
        assert.match(disable.content.description, /arn:aws:iam::111122223333:user\/Alice/);
        assert.equal(disable.metadata.threadId, `kms-key:${samples.KEY_ARN}`);
        assert.equal(deletion.metadata.threadId, disable.metadata.threadId);
        assert.equal(expiring.metadata.threadId, disable.metadata.threadId);
    });

    it("threads an alarm's ALARM and OK together", () => {
        const alarm = samples.alarmStateChangeEvent(ALARM, "us-east-1");
        const ok = { ...alarm, detail: { ...alarm.detail, state: { value: "OK" } } };
        const render = (event: object) =>
            JSON.parse(renderJsonTransformer(chat.alarm, event, RULE)).metadata.threadId;
        assert.equal(render(alarm), render(ok));
        assert.equal(render(alarm), `alarm:${alarm.resources[0]}`);
    });

    it("stays valid JSON when a caller sends a key ID with quotes, and within the limits for long ARNs", () => {
        const hostile = {
            ...samples.disableKeyEvent,
            detail: {
                ...samples.disableKeyEvent.detail,
                requestParameters: { keyId: 'alias/"}], "x": "' },
                userAgent: 'curl "evil"',
                userIdentity: {
                    arn: `arn:aws:sts::111122223333:assumed-role/${"r".repeat(64)}/${"s".repeat(64)}`,
                },
                errorCode: "ValidationException",
            },
        };
        const notification = JSON.parse(renderJsonTransformer(chat["api-call"], hostile, RULE));
        assertCustomNotification(notification);
        assert.match(notification.content.description, /ValidationException/);
    });
});

describe("PagerDuty events of every sample event", () => {
    for (const { name, kind, event } of SAMPLES) {
        for (const action of ["trigger", "resolve"] as const) {
            it(`${name}, ${action}: parses as JSON and is an Events API v2 event`, () => {
                const body = JSON.parse(
                    renderJsonTransformer(
                        pagerDutyTransformer(kind, action, "warning"),
                        event,
                        RULE,
                    ),
                );
                assertPagerDutyEvent(body);
                assert.equal(body.event_action, action);
                assert.equal(body.payload.severity, "warning");
                assert.equal(body.payload.timestamp, event.time);
            });
        }
    }

    it("pages key destruction as critical, data-key calls as info, other changes as warning", () => {
        assert.equal(apiCallSeverity("DisableKey"), "critical");
        assert.equal(apiCallSeverity("ScheduleKeyDeletion"), "critical");
        assert.equal(apiCallSeverity("DeleteImportedKeyMaterial"), "critical");
        assert.equal(apiCallSeverity("GenerateDataKey"), "info");
        assert.equal(apiCallSeverity("Decrypt"), "info");
        assert.equal(apiCallSeverity("PutKeyPolicy"), "warning");
        assert.equal(apiCallSeverity("CancelKeyDeletion"), "warning");
    });

    it("dedups a KMS event by its ID and an alarm by its ARN", () => {
        const call = JSON.parse(
            renderJsonTransformer(
                pagerDutyTransformer("api-call", "trigger", "critical"),
                samples.disableKeyEvent,
                RULE,
            ),
        );
        assert.equal(call.dedup_key, samples.disableKeyEvent.id);
        const alarm = samples.alarmStateChangeEvent(ALARM, "us-east-1");
        const body = JSON.parse(
            renderJsonTransformer(pagerDutyTransformer("alarm", "trigger", "error"), alarm, RULE),
        );
        assert.equal(body.dedup_key, alarm.resources[0]);
    });
});
