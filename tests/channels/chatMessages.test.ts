import { strict as assert } from "assert";
import type { AlertKind } from "../../components/alerts";
import { chatTransformer } from "../../components/channels";
import { renderJsonTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";
import { ALARM, RULE, SAMPLES } from "./sampleAlerts";

/** What the event names the alert by: the operation, the key, the alarm. */
function namesOf(kind: AlertKind, event: any): string[] {
    switch (kind) {
        case "api-call":
            return [event.detail.eventName, event.detail.resources[0].ARN];
        case "pending-deletion":
            return [event.detail.eventName, event.detail.errorMessage];
        case "key-lifecycle":
            return [event["detail-type"], event.resources[0]];
        case "key-rotation":
            return [event["detail-type"], event.resources[0], event.detail["rotation-type"] ?? ""];
        case "alarm":
            return [event.detail.alarmName, event.detail.state.value];
        case "expiring-key":
            return [event.detail.alarmContributor.attributes.KeyId, event.detail.state.value];
        case "key-store":
            return [
                event.detail.alarmContributor.attributes.CustomKeyStoreId,
                event.detail.state.value,
                event.detail.configuration.description,
            ];
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
    if (notification.metadata.threadId !== undefined) {
        assert.equal(typeof notification.metadata.threadId, "string");
        assert.ok(notification.metadata.threadId.length > 0);
    }
}

/** The thread an event's chat message joins: undefined for a message of its own. */
function threadOf(kind: AlertKind, event: object, action: "trigger" | "resolve" = "trigger") {
    return JSON.parse(renderJsonTransformer(chatTransformer(kind, action), event, RULE)).metadata
        .threadId as string | undefined;
}

describe("chat notifications of every sample event", () => {
    for (const { name, kind, event } of SAMPLES) {
        it(`${name}: parses as JSON and is a custom notification naming what happened`, () => {
            const notification = JSON.parse(
                renderJsonTransformer(chatTransformer(kind), event, RULE),
            );
            assertCustomNotification(notification);
            const text = `${notification.content.title}\n${notification.content.description}`;
            for (const part of namesOf(kind, event)) {
                assert.ok(text.includes(part), `${part} is named`);
            }
            for (const part of [event.region, event.account, event.time]) {
                assert.ok(notification.content.description.includes(part), `${part} is named`);
            }
            assert.ok(notification.content.description.includes(RULE));
            // What an alarm lacks is left out, not shown as an empty line (a quota alarm has no key).
            if (["alarm", "expiring-key", "key-store"].includes(kind)) {
                assert.doesNotMatch(notification.content.description, /^[^:\n]+: *$/m);
            }
        });
    }

    it("names the caller of an API call, and starts no thread for a call, a key event or an expiring key", () => {
        const disable = JSON.parse(
            renderJsonTransformer(chatTransformer("api-call"), samples.disableKeyEvent, RULE),
        );
        assert.match(disable.content.description, /arn:aws:iam::111122223333:user\/Alice/);
        // One thread per key would put a ScheduleKeyDeletion under weeks-old Decrypt alerts.
        for (const [kind, event] of [
            ["api-call", samples.disableKeyEvent],
            ["api-call", samples.scheduleKeyDeletionEvent],
            ["key-lifecycle", samples.keyDeletionEvent],
            ["expiring-key", samples.contributorStateChangeEvent("x", "us-east-1", "k")],
        ] as const) {
            assert.equal(threadOf(kind, event), undefined, `${kind} ${event["detail-type"]}`);
        }
    });

    it("threads an alarm's resolve under its firing, and its next firing in a new thread", () => {
        const firing = samples.alarmStateChangeEvent(ALARM, "us-east-1");
        const at = (time: string) => ({ reason: "Threshold Crossed", timestamp: time });
        const fired = { ...firing.detail.state, ...at("2026-11-28T17:04:40.989+0000") };
        const resolved = {
            ...firing,
            detail: {
                ...firing.detail,
                previousState: fired,
                state: { ...at("2026-11-28T18:10:00.000+0000"), value: "OK" },
            },
        };
        const again = {
            ...firing,
            detail: {
                ...firing.detail,
                previousState: resolved.detail.state,
                state: { ...at("2026-12-20T09:00:00.000+0000"), value: "ALARM" },
            },
        };
        const first = threadOf("alarm", { ...firing, detail: { ...firing.detail, state: fired } });
        assert.equal(first, `alarm:${firing.resources[0]}:2026-11-28T17:04:40.989+0000`);
        assert.equal(threadOf("alarm", resolved, "resolve"), first);
        assert.notEqual(threadOf("alarm", again), first);
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
        const notification = JSON.parse(
            renderJsonTransformer(chatTransformer("api-call"), hostile, RULE),
        );
        assertCustomNotification(notification);
        assert.match(notification.content.description, /ValidationException/);
    });
});
