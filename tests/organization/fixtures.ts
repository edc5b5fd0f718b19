/** The central account, its organization and the stack the organization tests deploy there. */
import { strict as assert } from "assert";
import { parseStackConfig } from "../../components/config";
import { KmsMonitoring, KmsMonitoringArgs } from "../../components/stack";
import { build, RecordedResource, Recorder } from "../harness";
import { matchesPattern } from "../support/eventMatcher";
import * as samples from "../../verify/samples";

export const CENTRAL = "111122223333";
export const MEMBER = "444455556666";
export const ORG = "o-a1b2c3d4e5";
export const OU = "ou-ab12-cdef3456";
export const ROOT = "r-ab12";
export const REGIONS = ["us-east-1", "eu-west-1"];
export const BUS_NAME = "kms-monitoring-dev-members";
export const BUS_ARN = `arn:aws:events:us-east-1:${CENTRAL}:event-bus/${BUS_NAME}`;
export const ORGANIZATION = { id: ORG, organizationalUnitIds: [OU, ROOT], regions: REGIONS };
export const HEARTBEAT_RULE = "kms-monitoring-dev-member-heartbeat";
export const ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const STACK_SET_TYPE = "aws:cloudformation/stackSet:StackSet";
export const SINK_TYPE = "aws:oam/sink:Sink";
export const SINK_POLICY_TYPE = "aws:oam/sinkPolicy:SinkPolicy";

type OrganizationArgs = NonNullable<KmsMonitoringArgs["organization"]>;

export interface CentralStack {
    readonly recorder: Recorder;
    readonly component: KmsMonitoring;
}

/** The central stack: two member regions, an OU and the root, with `organization` and `extra` on top. */
export function deploy(
    organization: Partial<OrganizationArgs> = {},
    extra: Partial<KmsMonitoringArgs> = {},
): Promise<CentralStack> {
    let component: KmsMonitoring | undefined;
    return build(() => {
        component = new KmsMonitoring("kms-monitoring", {
            namePrefix: "kms-monitoring-dev",
            alertEmails: ["a@example.com"],
            homeRegion: "us-east-1",
            regions: REGIONS,
            organization: { ...ORGANIZATION, ...organization },
            tags: { team: "security" },
            ...extra,
        });
    }).then((recorder) => ({ recorder, component: component as KmsMonitoring }));
}

let central: Promise<CentralStack> | undefined;

/**
 * The central stack with the default settings, built once per process: the tests that only read it
 * share one build, as the tests of one describe share their `before`.
 */
export function centralStack(): Promise<CentralStack> {
    return (central ??= deploy());
}

/** The recorder of the shared default central stack. */
export async function centralRecorder(): Promise<Recorder> {
    return (await centralStack()).recorder;
}

export type Template = {
    Mappings?: Record<string, Record<string, Record<string, string>>>;
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
};

/** The forwarders' StackSet and the link's, by the end of their resource names. */
export const FORWARDERS_STACK_SET = "-member-stack-set-stack-set";
export const LINK_STACK_SET = "-member-link-stack-set-stack-set";

/** The member template the forwarders' StackSet rolls out, as CloudFormation receives it. */
export function template(recorder: Recorder): Template {
    return JSON.parse(recorder.one(STACK_SET_TYPE, FORWARDERS_STACK_SET).inputs.templateBody);
}

/** The template the link's StackSet rolls out. */
export function linkTemplate(recorder: Recorder): Template {
    return JSON.parse(recorder.one(STACK_SET_TYPE, LINK_STACK_SET).inputs.templateBody);
}

/** A sample event as a member account recorded it in one of its regions. */
export function fromMember<T extends { account: string; region: string }>(
    event: T,
    region: string,
): T {
    const text = JSON.stringify(samples.recordedIn(event, region)).replace(
        new RegExp(CENTRAL, "g"),
        MEMBER,
    );
    return JSON.parse(text) as T;
}

/** The rules on the organization bus that match an event. */
export function orgRulesMatching(recorder: Recorder, event: object): RecordedResource[] {
    return recorder
        .byType("aws:cloudwatch/eventRule:EventRule")
        .filter(
            (rule) =>
                rule.inputs.eventBusName === BUS_NAME &&
                matchesPattern(JSON.parse(rule.inputs.eventPattern), event),
        );
}

export const CONFIG_CONTEXT = {
    project: "kms-monitoring",
    stack: "dev",
    now: new Date("2026-11-28T00:00:00Z"),
    homeRegion: "us-east-1",
};

/** The error message a stack config produces; fails the test if the config is accepted. */
export function configProblems(raw: Record<string, string>): string {
    try {
        parseStackConfig(raw, CONFIG_CONTEXT);
    } catch (error) {
        return (error as Error).message;
    }
    assert.fail("accepted");
}
