/** The stack with every alert channel, and how an event travels through its rules. */
import { strict as assert } from "assert";
import { KmsMonitoring, KmsMonitoringArgs, planMonitoring } from "../../components/stack";
import { build, RecordedResource, Recorder, settle, validToAfter, valueOf } from "../harness";
import { matchesPattern } from "../support/eventMatcher";

export const PREFIX = "kms-monitoring-test";
export const MEMBER_ACCOUNT = "444455556666";
export const ORG_BUS = `${PREFIX}-members`;

/** Every channel, other regions, an organization, a trail, a key and read-only calls: the most targets and rules. */
export const EVERYTHING: KmsMonitoringArgs = {
    namePrefix: PREFIX,
    homeRegion: "us-east-1",
    alertEmails: ["security@example.com"],
    regions: ["us-east-1", "eu-west-1"],
    watchedKeys: ["alias/legacy"],
    importedKey: { alias: "alias/ImportedCMK", validTo: validToAfter(200) },
    auditTrail: { create: true },
    apiCallAlerts: [
        {
            name: "key-management",
            eventNames: ["DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy"],
        },
        { name: "data-keys", eventNames: ["GenerateDataKey", "Decrypt"] },
    ],
    organization: { id: "o-a1b2c3d4e5", organizationalUnitIds: ["ou-ab12-cdef3456"] },
    chat: {
        slack: [{ workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" }],
        teams: [
            {
                tenantId: "00000000-0000-0000-0000-000000000001",
                teamId: "00000000-0000-0000-0000-000000000002",
                channelId: "19%3Aabc123%40thread.tacv2",
            },
        ],
    },
    pagerDutyRoutingKey: "R0123456789ABCDEFGHIJKLMNOPQRSTU",
    webhooks: ["https://hooks.example.com/kms?token=s3cr3t"],
};

export interface ChannelStack {
    readonly recorder: Recorder;
    readonly monitoring: KmsMonitoring;
}

/** A stack of `args`, once its channels output has resolved and registration settled. */
export async function stack(args: KmsMonitoringArgs): Promise<ChannelStack> {
    let monitoring: KmsMonitoring | undefined;
    const recorder = await build(() => {
        monitoring = new KmsMonitoring("kms", args);
    });
    await valueOf(monitoring?.channels);
    await settle(recorder);
    return { recorder, monitoring: monitoring as KmsMonitoring };
}

export const busOf = (resource: RecordedResource) =>
    (resource.inputs.eventBusName as string | undefined) ?? "default";

/**
 * The home alarms the plan names, and the deployed ones whose names start as the plan says the
 * deploy-time ones (one per member account) start; sorted, to compare with what was deployed.
 */
export function plannedHomeAlarms(args: KmsMonitoringArgs, deployed: readonly string[]): string[] {
    const plan = planMonitoring(args);
    const byPrefix = deployed.filter((name) =>
        plan.homeAlarmNamePrefixes.some((prefix) => name.startsWith(prefix)),
    );
    assert.ok(byPrefix.every((name) => !plan.homeAlarmNames.includes(name)));
    return [...plan.homeAlarmNames, ...byPrefix].sort();
}

export function targetsOf(recorder: Recorder, rule: RecordedResource): RecordedResource[] {
    return recorder
        .byType("aws:cloudwatch/eventTarget:EventTarget")
        .filter(
            (target) => target.inputs.rule === rule.inputs.name && busOf(target) === busOf(rule),
        );
}

/** Where an event on a home bus ends up: the ARNs of every target of every home rule it matches. */
export function destinations(recorder: Recorder, bus: string, event: object): string[] {
    return recorder
        .byType("aws:cloudwatch/eventRule:EventRule")
        .filter((rule) => rule.inputs.region === undefined && busOf(rule) === bus)
        .filter((rule) => rule.inputs.eventPattern !== undefined)
        .filter((rule) => matchesPattern(JSON.parse(rule.inputs.eventPattern), event))
        .flatMap((rule) => targetsOf(recorder, rule).map((target) => target.inputs.arn as string));
}

export function fromMember<T extends { account: string }>(event: T): T {
    return JSON.parse(JSON.stringify(event).replace(/111122223333/g, MEMBER_ACCOUNT)) as T;
}

export function withState<T extends { detail: object }>(event: T, value: string): T {
    return { ...event, detail: { ...event.detail, state: { value } } };
}

let everything: Promise<ChannelStack> | undefined;

/** The EVERYTHING stack, built once per process for the tests that only read it. */
export function everythingStack(): Promise<ChannelStack> {
    return (everything ??= stack(EVERYTHING));
}

/** The ARN of the stack's topic whose resource name ends with `suffix`. */
export function topicArn(recorder: Recorder, suffix: string): string {
    return recorder.byType("aws:sns/topic:Topic").find((topic) => topic.name.endsWith(suffix))
        ?.state.arn as string;
}
