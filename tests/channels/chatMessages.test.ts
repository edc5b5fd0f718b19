import { strict as assert } from "assert";
import type { AlertKind } from "../../components/alerts";
import { chatTransformers } from "../../components/channels";
import { renderJsonTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";
import { ALARM, RULE, SAMPLES } from "./sampleAlerts";

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
