import { strict as assert } from "assert";
import { apiCallSeverity, pagerDutyTransformer } from "../../components/channels";
import { renderJsonTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";
import { ALARM, RULE, SAMPLES } from "./sampleAlerts";

const SEVERITIES = ["critical", "error", "warning", "info"];
const ALARM_KINDS = new Set(["alarm", "expiring-key", "key-store"]);

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
                // What an alarm lacks is left out, not sent empty (a quota alarm has no key).
                const details = Object.entries(body.payload.custom_details);
                for (const [detail, value] of ALARM_KINDS.has(kind) ? details : []) {
                    assert.notEqual(value, "", `${name}: custom_details.${detail} is empty`);
                }
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
