import { strict as assert } from "assert";
import { KEY_STORE_SIGNALS } from "../../components/alarms";
import { RecordedResource, Recorder, restoreWarnings } from "../harness";
import { matchesPattern } from "../support/eventMatcher";
import { renderTransformer } from "../support/inputTransformerRenderer";
import * as samples from "../../verify/samples";
import {
    BUS_NAME,
    centralRecorder,
    deploy,
    MEMBER,
    orgRulesMatching,
    template,
    Template,
} from "./fixtures";

const QUOTA = "kms-monitoring-dev-member-kms-quota-symmetric";
const STORE = "cks-1234567890abcdef0";

afterEach(restoreWarnings);

/** What CloudFormation makes of a Fn::Sub string in the member's account and region. */
const inMember = (text: string, region: string) =>
    text.replace(/\$\{AWS::AccountId\}/g, MEMBER).replace(/\$\{AWS::Region\}/g, region);

/** The text the topic gets for a member's event: one template rule forwards it, one bus rule alerts. */
function alertFromMember(recorder: Recorder, event: object): string {
    const forwarders = Object.values(template(recorder).Resources).filter(
        (resource) =>
            resource.Type === "AWS::Events::Rule" &&
            resource.Properties.EventPattern !== undefined &&
            matchesPattern(resource.Properties.EventPattern, event),
    );
    assert.equal(forwarders.length, 1, "exactly one member rule forwards it");
    const bus = recorder.one("aws:cloudwatch/eventBus:EventBus").state.arn;
    assert.equal(forwarders[0].Properties.Targets[0].Arn, bus);
    const [rule, ...more] = orgRulesMatching(recorder, event);
    assert.equal(more.length, 0, "one rule on the organization bus alerts on it");
    const target = recorder
        .byType("aws:cloudwatch/eventTarget:EventTarget")
        .find(
            (each: RecordedResource) =>
                each.inputs.rule === rule.inputs.name && each.inputs.eventBusName === BUS_NAME,
        );
    assert.equal(target?.inputs.arn, recorder.one("aws:sns/topic:Topic").state.arn);
    return renderTransformer(target?.inputs.inputTransformer, event, rule.inputs.name);
}

describe("a member's request quota and key store alarms reach the topic", () => {
    let recorder: Recorder;
    before(async () => {
        recorder = await centralRecorder();
    });

    it("forwards a member quota alarm's change, and the alert names the member's account, region and quota", () => {
        const alarm = Object.values(template(recorder).Resources).find(
            (resource) => resource.Properties.AlarmName === QUOTA,
        );
        const description = inMember(alarm?.Properties.AlarmDescription["Fn::Sub"], "eu-west-1");
        const event = {
            ...samples.quotaAlarmStateChangeEvent(QUOTA, "eu-west-1", description),
            account: MEMBER,
        };
        const text = alertFromMember(recorder, event);
        assert.match(text, new RegExp(`^CloudWatch alarm ${QUOTA} is ALARM in eu-west-1\\n`));
        assert.match(text, new RegExp(`Account: +${MEMBER}`));
        assert.match(text, new RegExp(`account ${MEMBER}, region eu-west-1, reached 80% or more`));
        assert.match(text, /Cryptographic operations \(symmetric\) request rate/);
    });

    it("forwards a member store's change in each key store alarm, and the alert names the store", () => {
        for (const signal of KEY_STORE_SIGNALS) {
            const event = {
                ...samples.keyStoreContributorEvent(
                    `kms-monitoring-dev-member-key-store-${signal.role}`,
                    "us-east-1",
                    STORE,
                    signal.description,
                    "OK",
                ),
                account: MEMBER,
            };
            const text = alertFromMember(recorder, event);
            assert.match(text, new RegExp(`^Custom key store ${STORE} in us-east-1: OK`));
            assert.match(text, new RegExp(`Account: +${MEMBER}`));
        }
    });
});

describe("requestQuotaAlarms and customKeyStoreAlarms: false", () => {
    it("create no quota or key store alarm, rule or widget, at home, in other regions or in members", async () => {
        const { recorder } = await deploy(
            {},
            { requestQuotaAlarms: false, customKeyStoreAlarms: false },
        );
        const names = [
            ...recorder.byType("aws:cloudwatch/metricAlarm:MetricAlarm"),
            ...recorder.byType("aws:cloudwatch/eventRule:EventRule"),
        ].map((resource) => resource.inputs.name as string);
        assert.ok(!names.some((name) => /quota|key-store/.test(name)), names.join(", "));
        const body: Template = template(recorder);
        const text = JSON.stringify(body);
        assert.ok(!/kms-quota|key-store|AWS\/Usage/.test(text));
        const dashboards = recorder.byType("aws:cloudwatch/dashboard:Dashboard");
        assert.equal(dashboards.length, 2, "the stack's and the central one");
        for (const dashboard of dashboards) {
            const shown = dashboard.inputs.dashboardBody as string;
            assert.ok(!/CryptographicOperations|SERVICE_QUOTA|Xks|KeyStoreThrottle/.test(shown));
        }
    });
});
