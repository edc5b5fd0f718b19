import { strict as assert } from "assert";
import { KmsMonitoring } from "../../components/stack";
import { parseStackConfig } from "../../components/config";
import {
    MEMBER_OPERATION_PREFERENCES,
    memberTemplate,
    organizationBusPolicy,
    substituted,
} from "../../components/organization";
import { build, RecordedResource, Recorder, restoreWarnings } from "../harness";
import { validateTemplate, TEMPLATE_BODY_MAX_BYTES } from "../support/cloudFormationSpec";
import { matchesPattern } from "../support/eventMatcher";
import { renderTransformer } from "../support/inputTransformerRenderer";
import { evaluate, Request } from "../../verify/policyEvaluator";
import * as samples from "../../verify/samples";

const CENTRAL = "111122223333";
const MEMBER = "444455556666";
const BUS_NAME = "kms-monitoring-dev-members";
const BUS_ARN = `arn:aws:events:us-east-1:${CENTRAL}:event-bus/${BUS_NAME}`;
const ORGANIZATION = {
    id: "o-a1b2c3d4e5",
    organizationalUnitIds: ["ou-ab12-cdef3456", "r-ab12"],
    regions: ["us-east-1", "eu-west-1"],
};

afterEach(restoreWarnings);

/** A sample event as a member account recorded it in one of its regions. */
function fromMember<T extends { account: string; region: string }>(event: T, region: string): T {
    const text = JSON.stringify(samples.recordedIn(event, region)).replace(
        new RegExp(CENTRAL, "g"),
        MEMBER,
    );
    return JSON.parse(text) as T;
}

function deployCentral(): Promise<Recorder> {
    return build(
        () =>
            new KmsMonitoring("kms-monitoring", {
                namePrefix: "kms-monitoring-dev",
                alertEmails: ["a@example.com"],
                homeRegion: "us-east-1",
                regions: ["us-east-1", "eu-west-1"],
                organization: ORGANIZATION,
                tags: { team: "security" },
            }),
    );
}

function template(recorder: Recorder): {
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
} {
    return JSON.parse(recorder.one("aws:cloudformation/stackSet:StackSet").inputs.templateBody);
}

function orgRulesMatching(recorder: Recorder, event: object): RecordedResource[] {
    return recorder
        .byType("aws:cloudwatch/eventRule:EventRule")
        .filter(
            (rule) =>
                rule.inputs.eventBusName === BUS_NAME &&
                matchesPattern(JSON.parse(rule.inputs.eventPattern), event),
        );
}

describe("the member template", () => {
    let recorder: Recorder;
    before(async () => {
        recorder = await deployCentral();
    });

    it("is valid CloudFormation and fits in a StackSet's template body", () => {
        const body = recorder.one("aws:cloudformation/stackSet:StackSet").inputs
            .templateBody as string;
        assert.deepEqual(validateTemplate(JSON.parse(body)), []);
        assert.ok(
            Buffer.byteLength(body) < TEMPLATE_BODY_MAX_BYTES,
            `${Buffer.byteLength(body)} bytes`,
        );
    });

    it("stays valid and small with every option on, many API-call alerts and a sink in 30 regions", () => {
        const sinks = Object.fromEntries(
            Array.from({ length: 30 }, (_, index) => [
                `xx-region-${index}`,
                `arn:aws:oam:xx-region-${index}:${CENTRAL}:sink/abcd1234-a123-456a-a12b-a123b456c789`,
            ]),
        );
        const big = memberTemplate(
            {
                memberPrefix: "kms-monitoring-production-member",
                apiCalls: Array.from({ length: 20 }, (_, index) => ({
                    eventNames: ["Decrypt", "DisableKey"],
                    keyArns: [`arn:aws:kms:eu-west-1:${MEMBER}:key/${index}`],
                })),
                keyLifecycleEvents: true,
                discoverExpiringKeys: true,
                warningDays: 30,
                deadLetterQueue: true,
                selfMonitoring: true,
                tags: { a: "b" },
                link: {
                    resourceTypes: ["AWS::CloudWatch::Metric"],
                    metricFilter: "Namespace IN ('AWS/KMS', 'AWS/Events', 'AWS/SQS')",
                    labelTemplate: "$AccountName",
                },
            },
            BUS_ARN,
            sinks,
        );
        assert.deepEqual(validateTemplate(big), []);
        assert.equal(Object.keys(big.Mappings?.ObservabilitySinks ?? {}).length, 30);
        assert.ok(Buffer.byteLength(JSON.stringify(big)) < TEMPLATE_BODY_MAX_BYTES);
    });

    it("uses the member's own account, region and partition, never the central account's literals", () => {
        // The central bus, and the central sinks of the link's table, are the central account's.
        const { Mappings: sinks, ...rest } = template(recorder) as { Mappings?: unknown };
        assert.ok(sinks !== undefined);
        const text = JSON.stringify(rest);
        const withoutBus = text.split(BUS_ARN).join("");
        assert.ok(!withoutBus.includes(CENTRAL), "only the central bus names the central account");
        assert.ok(!withoutBus.includes("arn:aws:"), "the partition is ${AWS::Partition}");
        assert.ok(!withoutBus.includes("us-east-1"), "the region is ${AWS::Region}");
    });

    it("has the forwarding rules and heartbeat, each targeting the central bus directly with a role", () => {
        const resources = template(recorder).Resources;
        const rules = Object.values(resources).filter(
            (resource) => resource.Type === "AWS::Events::Rule",
        );
        assert.deepEqual(
            rules.map((rule) => [
                rule.Properties.Name,
                rule.Properties.State,
                rule.Properties.ScheduleExpression ??
                    rule.Properties.EventPattern["detail-type"].join(", "),
            ]),
            [
                // GenerateDataKey is read-only: the member's forwarder must opt in too.
                [
                    "kms-monitoring-dev-member-forward-api-calls",
                    "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
                    "AWS API Call via CloudTrail",
                ],
                [
                    "kms-monitoring-dev-member-forward-key-lifecycle",
                    "ENABLED",
                    "KMS Imported Key Material Expiration, KMS CMK Rotation, KMS CMK Deletion",
                ],
                [
                    "kms-monitoring-dev-member-forward-expiring-keys",
                    "ENABLED",
                    "CloudWatch Alarm Contributor State Change",
                ],
                ["kms-monitoring-dev-member-heartbeat", "ENABLED", "rate(5 minutes)"],
                [
                    "kms-monitoring-dev-member-forward-alarms",
                    "ENABLED",
                    "CloudWatch Alarm State Change",
                ],
            ],
        );
        assert.deepEqual(resources.ForwardApiCalls.Properties.EventPattern.detail.eventName, [
            "GenerateDataKey",
            "DisableKey",
            "ScheduleKeyDeletion",
            "CancelKeyDeletion",
            "DeleteImportedKeyMaterial",
            "ImportKeyMaterial",
            "PutKeyPolicy",
            "DisableKeyRotation",
        ]);
        for (const rule of rules) {
            assert.deepEqual(rule.Properties.Targets, [
                {
                    Id: "central-bus",
                    Arn: BUS_ARN,
                    RoleArn: { "Fn::GetAtt": ["ForwardingRole", "Arn"] },
                    DeadLetterConfig: { Arn: { "Fn::GetAtt": ["DeadLetterQueue", "Arn"] } },
                },
            ]);
            assert.ok(
                !("InputTransformer" in rule.Properties.Targets[0]),
                "no input transformer on a cross-account bus target",
            );
        }
        const role = resources.ForwardingRole.Properties;
        assert.deepEqual(
            role.RoleName,
            { "Fn::Sub": "kms-monitoring-dev-member-forwarder-${AWS::Region}" },
            "one role per region: IAM names are account-wide",
        );
        assert.deepEqual(role.Policies[0].PolicyDocument.Statement, [
            {
                Sid: "PutEventsOnTheDestinationBus",
                Effect: "Allow",
                Action: "events:PutEvents",
                Resource: BUS_ARN,
            },
        ]);
        const ruleNames = Object.values(template(recorder).Resources)
            .filter((resource) => resource.Type === "AWS::Events::Rule")
            .map((resource) => resource.Properties.Name as string);
        assert.equal(ruleNames.length, 5);
        assert.deepEqual(role.AssumeRolePolicyDocument.Statement[0].Condition, {
            StringEquals: { "aws:SourceAccount": { "Fn::Sub": "${AWS::AccountId}" } },
            ArnLike: {
                "aws:SourceArn": ruleNames.map((name) => ({
                    "Fn::Sub": `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/${name}`,
                })),
            },
        });
    });

    it("has the failed-invocation, dead-letter and expiring-material alarms, without actions", () => {
        const alarms = Object.values(template(recorder).Resources).filter(
            (resource) => resource.Type === "AWS::CloudWatch::Alarm",
        );
        assert.equal(alarms.length, 5 + 1 + 1);
        assert.ok(alarms.every((alarm) => alarm.Properties.AlarmActions === undefined));
        const expiring = alarms.find((alarm) => alarm.Properties.Metrics !== undefined);
        assert.equal(
            expiring?.Properties.AlarmName,
            "kms-monitoring-dev-member-expiring-key-material",
        );
    });

    it("turns every ${...} string into Fn::Sub and leaves the rest alone", () => {
        assert.deepEqual(
            substituted({ a: "arn:${AWS::Partition}:x", b: ["plain", 3, { c: "${Q.Arn}" }] }),
            {
                a: { "Fn::Sub": "arn:${AWS::Partition}:x" },
                b: ["plain", 3, { c: { "Fn::Sub": "${Q.Arn}" } }],
            },
        );
    });
});

describe("a member account's event reaches the topic", () => {
    let recorder: Recorder;
    before(async () => {
        recorder = await deployCentral();
    });

    function throughTemplate(event: { region: string }): void {
        const rules = Object.values(template(recorder).Resources).filter(
            (resource) =>
                resource.Type === "AWS::Events::Rule" &&
                resource.Properties.EventPattern !== undefined,
        );
        const matched = rules.filter((rule) => matchesPattern(rule.Properties.EventPattern, event));
        assert.equal(matched.length, 1, "exactly one member rule forwards it");
        assert.equal(
            matched[0].Properties.Targets[0].Arn,
            recorder.one("aws:cloudwatch/eventBus:EventBus").state.arn,
        );
    }

    it("forwards a DisableKey call in a member region and alerts with the member's account", () => {
        const event = fromMember(samples.disableKeyEvent, "eu-west-1");
        throughTemplate(event);
        const central = orgRulesMatching(recorder, event);
        assert.deepEqual(
            central.map((rule) => rule.inputs.name),
            ["kms-monitoring-dev-key-management"],
        );
        const target = recorder
            .byType("aws:cloudwatch/eventTarget:EventTarget")
            .find(
                (each) =>
                    each.inputs.rule === central[0].inputs.name &&
                    each.inputs.eventBusName === BUS_NAME,
            );
        assert.ok(target);
        assert.equal(target.inputs.arn, recorder.one("aws:sns/topic:Topic").state.arn);
        const text = renderTransformer(
            target.inputs.inputTransformer,
            event,
            central[0].inputs.name,
        );
        assert.match(text, new RegExp(`Account: +${MEMBER}`));
        assert.match(text, /Region: +eu-west-1/);
        assert.match(text, new RegExp(`^KMS DisableKey on arn:aws:kms:eu-west-1:${MEMBER}:key/`));
    });

    it("forwards a member's expiring key and lifecycle events, and its alarms", () => {
        for (const event of [
            fromMember(samples.keyMaterialExpirationEvent, "us-east-1"),
            {
                ...samples.contributorStateChangeEvent(
                    "kms-monitoring-dev-member-expiring-key-material",
                    "eu-west-1",
                    "k",
                ),
                account: MEMBER,
            },
            {
                ...samples.alarmStateChangeEvent(
                    "kms-monitoring-dev-member-forward-api-calls-failed-invocations",
                    "eu-west-1",
                ),
                account: MEMBER,
            },
        ]) {
            throughTemplate(event);
            assert.equal(orgRulesMatching(recorder, event).length, 1, event["detail-type"]);
        }
    });

    it("counts a member's heartbeat on the organization bus", () => {
        const heartbeat = samples.scheduledEvent(
            `arn:aws:events:eu-west-1:${MEMBER}:rule/kms-monitoring-dev-member-heartbeat`,
            "eu-west-1",
        );
        const matched = orgRulesMatching(recorder, { ...heartbeat, account: MEMBER });
        assert.deepEqual(
            matched.map((rule) => rule.inputs.name),
            ["kms-monitoring-dev-member-heartbeats"],
        );
        const alarm = recorder.one(
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "member-heartbeats-alarm",
        );
        assert.deepEqual(alarm.inputs.dimensions, {
            EventBusName: BUS_NAME,
            RuleName: "kms-monitoring-dev-member-heartbeats",
        });
        // Per OU the mock answers two active members (besides the central, the management and a
        // suspended account): 4 accounts in 2 regions, 12 heartbeats an hour each, half an hour's slack.
        assert.equal(alarm.inputs.threshold, 4 * 2 * 12 - 6);
        assert.equal(alarm.inputs.comparisonOperator, "LessThanThreshold");
        assert.equal(alarm.inputs.treatMissingData, "breaching");
    });

    it("lists every rule on the organization bus in the topic policy, with the bus in its ARN", () => {
        const policy = JSON.parse(recorder.one("aws:sns/topicPolicy:TopicPolicy").inputs.policy);
        const allowed: string[] = policy.Statement.find(
            (each: { Sid: string }) => each.Sid === "EventBridgeRulesPublish",
        ).Condition.ArnEquals["aws:SourceArn"];
        const topicRules = recorder
            .byType("aws:cloudwatch/eventTarget:EventTarget")
            .filter(
                (target) => target.inputs.arn === recorder.one("aws:sns/topic:Topic").state.arn,
            );
        const ruleArns = topicRules.map(
            (target) =>
                recorder
                    .byType("aws:cloudwatch/eventRule:EventRule")
                    .find(
                        (rule) =>
                            rule.state.name === target.inputs.rule &&
                            rule.inputs.eventBusName === target.inputs.eventBusName,
                    )?.state.arn,
        );
        assert.deepEqual([...allowed].sort(), [...ruleArns].sort());
        assert.ok(allowed.some((arn) => arn.includes(`:rule/${BUS_NAME}/`)));
    });
});

describe("the organization bus policy", () => {
    const forwarded = {
        sources: ["aws.kms", "aws.events"],
        detailTypes: ["AWS API Call via CloudTrail", "Scheduled Event"],
    };
    const senders = "arn:aws:iam::*:role/kms-monitoring-dev-member-forwarder-*";
    const policy = organizationBusPolicy(BUS_ARN, "o-a1b2c3d4e5", forwarded, senders);
    const forwarder = `arn:aws:iam::${MEMBER}:role/kms-monitoring-dev-member-forwarder-eu-west-1`;
    const put = (
        orgId: string,
        source = "aws.kms",
        detailType = "AWS API Call via CloudTrail",
        role = forwarder,
    ): Request => ({
        principal: { type: "AWS", id: role },
        action: "events:PutEvents",
        resource: BUS_ARN,
        context: {
            "aws:PrincipalOrgID": orgId,
            "aws:PrincipalArn": role,
            "events:source": source,
            "events:detail-type": detailType,
        },
    });

    it("lets a principal of the organization put the forwarded kinds of event", () => {
        assert.equal(evaluate(policy, put("o-a1b2c3d4e5")), "Allow");
        assert.equal(
            evaluate(policy, put("o-a1b2c3d4e5", "aws.events", "Scheduled Event")),
            "Allow",
        );
    });

    it("denies a principal outside the organization, and other sources or detail-types", () => {
        assert.equal(evaluate(policy, put("o-zzzzzzzzzz")), "ImplicitDeny");
        assert.equal(evaluate(policy, put("o-a1b2c3d4e5", "my.app")), "ImplicitDeny");
        assert.equal(
            evaluate(policy, put("o-a1b2c3d4e5", "aws.kms", "Order Created")),
            "ImplicitDeny",
        );
        assert.equal(
            evaluate(policy, { ...put("o-a1b2c3d4e5"), action: "events:PutRule" }),
            "ImplicitDeny",
        );
    });

    it("denies any other principal of the organization, which could otherwise fake alerts", () => {
        assert.equal(
            evaluate(
                policy,
                put(
                    "o-a1b2c3d4e5",
                    "aws.kms",
                    "AWS API Call via CloudTrail",
                    `arn:aws:iam::${MEMBER}:role/Admin`,
                ),
            ),
            "ImplicitDeny",
        );
        assert.equal(
            evaluate(
                policy,
                put(
                    "o-a1b2c3d4e5",
                    "aws.kms",
                    "AWS API Call via CloudTrail",
                    `arn:aws:iam::${CENTRAL}:user/alice`,
                ),
            ),
            "ImplicitDeny",
        );
    });

    it("admits exactly what the member template forwards", async () => {
        const recorder = await deployCentral();
        const deployed = JSON.parse(
            recorder.one("aws:cloudwatch/eventBusPolicy:EventBusPolicy").inputs.policy,
        );
        const resources = template(recorder).Resources;
        // The template's role, in any member account and region, is the sender the policy admits.
        const roleName = resources.ForwardingRole.Properties.RoleName["Fn::Sub"].replace(
            "${AWS::Region}",
            "ap-southeast-2",
        );
        assert.equal(
            evaluate(
                deployed,
                put(
                    "o-a1b2c3d4e5",
                    "aws.kms",
                    "AWS API Call via CloudTrail",
                    `arn:aws:iam::${MEMBER}:role/${roleName}`,
                ),
            ),
            "Allow",
        );
        for (const rule of Object.values(resources).filter(
            (resource) => resource.Type === "AWS::Events::Rule",
        )) {
            const pattern = rule.Properties.EventPattern ?? {
                source: ["aws.events"],
                "detail-type": ["Scheduled Event"],
            };
            for (const source of pattern.source) {
                for (const detailType of pattern["detail-type"]) {
                    assert.equal(
                        evaluate(deployed, put("o-a1b2c3d4e5", source, detailType)),
                        "Allow",
                        `${source} ${detailType}`,
                    );
                }
            }
        }
        // ...and nothing the template does not forward.
        assert.equal(
            evaluate(
                deployed,
                put("o-a1b2c3d4e5", "aws.ec2", "EC2 Instance State-change Notification"),
            ),
            "ImplicitDeny",
        );
        assert.equal(
            evaluate(deployed, put("o-a1b2c3d4e5", "aws.kms", "AWS Service Event via CloudTrail")),
            "ImplicitDeny",
        );
    });
});

describe("the StackSet and its instances", () => {
    it("are service-managed, deploy automatically, follow callAs and leave out the central account", async () => {
        const recorder = await deployCentral();
        const stackSet = recorder.one("aws:cloudformation/stackSet:StackSet");
        assert.deepEqual(
            Object.fromEntries(
                Object.entries(stackSet.inputs).filter(([key]) => key !== "templateBody"),
            ),
            {
                name: "kms-monitoring-dev-member-forwarders",
                description: "KMS monitoring forwarders for every member account and region",
                permissionModel: "SERVICE_MANAGED",
                autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
                callAs: "DELEGATED_ADMIN",
                capabilities: ["CAPABILITY_NAMED_IAM"],
                managedExecution: { active: true },
                tags: { team: "security" },
            },
        );
        const instances = recorder.byType("aws:cloudformation/stackSetInstance:StackSetInstance");
        assert.deepEqual(
            instances.map((instance) => instance.inputs),
            ORGANIZATION.organizationalUnitIds.flatMap((ou) =>
                ["us-east-1", "eu-west-1"].map((region) => ({
                    stackSetName: "kms-monitoring-dev-member-forwarders",
                    callAs: "DELEGATED_ADMIN",
                    stackSetInstanceRegion: region,
                    deploymentTargets: {
                        organizationalUnitIds: [ou],
                        accountFilterType: "DIFFERENCE",
                        accounts: [CENTRAL],
                    },
                    operationPreferences: MEMBER_OPERATION_PREFERENCES,
                })),
            ),
        );
    });

    it("adds instances, and keeps the existing ones, when an OU is added", async () => {
        const names = async (organizationalUnitIds: string[]) => {
            const recorder = await build(
                () =>
                    new KmsMonitoring("kms-monitoring", {
                        namePrefix: "p",
                        homeRegion: "us-east-1",
                        organization: {
                            ...ORGANIZATION,
                            organizationalUnitIds,
                            regions: ["us-east-1"],
                        },
                    }),
            );
            return recorder
                .byType("aws:cloudformation/stackSetInstance:StackSetInstance")
                .map((instance) => [instance.urn, JSON.stringify(instance.inputs)]);
        };
        const before = await names(["ou-ab12-cdef3456"]);
        const after = await names(["ou-ab12-cdef3456", "ou-ab12-ghij7890"]);
        assert.equal(after.length, before.length + 1);
        for (const instance of before) {
            assert.ok(
                after.some((other) => other[0] === instance[0] && other[1] === instance[1]),
                "same URN, same inputs: no replacement",
            );
        }
    });

    it("passes callAs SELF to both", async () => {
        const recorder = await build(
            () =>
                new KmsMonitoring("kms-monitoring", {
                    namePrefix: "p",
                    homeRegion: "us-east-1",
                    organization: { ...ORGANIZATION, regions: ["us-east-1"], callAs: "SELF" },
                }),
        );
        assert.equal(recorder.one("aws:cloudformation/stackSet:StackSet").inputs.callAs, "SELF");
        const instances = recorder.byType("aws:cloudformation/stackSetInstance:StackSetInstance");
        assert.equal(instances.length, 2, "one per OU in the one region");
        assert.ok(instances.every((instance) => instance.inputs.callAs === "SELF"));
    });
});

describe("config: organization", () => {
    const context = {
        project: "kms-monitoring",
        stack: "dev",
        now: new Date("2026-11-28T00:00:00Z"),
        homeRegion: "us-east-1",
    };
    const parse = (organization: unknown, regions?: string[]) =>
        parseStackConfig(
            {
                organization: JSON.stringify(organization),
                ...(regions === undefined ? {} : { regions: JSON.stringify(regions) }),
            },
            context,
        );
    const problems = (organization: unknown, regions?: string[]): string => {
        try {
            parse(organization, regions);
        } catch (error) {
            return (error as Error).message;
        }
        assert.fail("accepted");
    };

    it("defaults callAs to DELEGATED_ADMIN and regions to the stack's regions", () => {
        const organization = parse(
            { id: "o-a1b2c3d4e5", organizationalUnitIds: ["ou-ab12-cdef3456"] },
            ["us-east-1", "eu-west-1"],
        ).organization;
        assert.deepEqual(organization, {
            id: "o-a1b2c3d4e5",
            organizationalUnitIds: ["ou-ab12-cdef3456"],
            callAs: "DELEGATED_ADMIN",
            regions: ["us-east-1", "eu-west-1"],
            observability: true,
            sinkArns: {},
        });
    });

    it("names a bad organization ID, a bad OU ID and a bad callAs", () => {
        const message = problems({
            id: "o-ABC",
            organizationalUnitIds: ["ou-ab12-cdef3456", "ou-12"],
            callAs: "ADMIN",
        });
        assert.match(
            message,
            /kms-monitoring:organization\.id: must be an organization ID: o- and 10 to 32 lowercase letters or digits, e\.g\. o-a1b2c3d4e5 \(got "o-ABC"\)/,
        );
        assert.match(
            message,
            /kms-monitoring:organization\.organizationalUnitIds\[1\]: must be an OU ID \(ou-ab12-cdef3456\) or the root ID \(r-ab12\) \(got "ou-12"\)/,
        );
        assert.match(
            message,
            /kms-monitoring:organization\.callAs: must be SELF .* or DELEGATED_ADMIN/,
        );
    });

    it("names member regions that the stack does not watch, and repeated entries", () => {
        const message = problems(
            {
                id: "o-a1b2c3d4e5",
                organizationalUnitIds: ["r-ab12", "r-ab12"],
                regions: ["us-east-1", "ap-south-1"],
            },
            ["us-east-1", "eu-west-1"],
        );
        assert.match(
            message,
            /kms-monitoring:organization\.regions\[1\]: is not in kms-monitoring:regions \(us-east-1, eu-west-1\); member regions must be a subset/,
        );
        assert.match(
            message,
            /kms-monitoring:organization\.organizationalUnitIds\[1\]: is listed twice/,
        );
    });

    it("needs at least one OU", () => {
        assert.match(
            problems({ id: "o-a1b2c3d4e5", organizationalUnitIds: [] }),
            /kms-monitoring:organization\.organizationalUnitIds: must name at least one OU, or the root/,
        );
    });

    it("names the wrong shapes: not an object, OUs not a list, no member region", () => {
        assert.match(
            problems("o-a1b2c3d4e5"),
            /kms-monitoring:organization: must be an object with id, organizationalUnitIds and optional callAs, regions, observability, sinkArns \(got "o-a1b2c3d4e5"\)/,
        );
        assert.match(
            problems({ id: "o-a1b2c3d4e5", organizationalUnitIds: "r-ab12" }),
            /kms-monitoring:organization\.organizationalUnitIds: must be a list of OU IDs or the root ID/,
        );
        assert.match(
            problems({ id: "o-a1b2c3d4e5", organizationalUnitIds: ["r-ab12"], regions: [] }),
            /kms-monitoring:organization\.regions: must list at least one region/,
        );
    });

    it("names a repeated member region", () => {
        assert.match(
            problems({
                id: "o-a1b2c3d4e5",
                organizationalUnitIds: ["r-ab12"],
                regions: ["us-east-1", "us-east-1"],
            }),
            /kms-monitoring:organization\.regions\[1\]: is listed twice/,
        );
    });

    it("refuses a stack name that makes the member rule or role names too long", () => {
        let message = "";
        try {
            parseStackConfig(
                {
                    organization: JSON.stringify({
                        id: "o-a1b2c3d4e5",
                        organizationalUnitIds: ["r-ab12"],
                    }),
                },
                { ...context, stack: "a-rather-long-stack-name-here" },
            );
        } catch (error) {
            message = (error as Error).message;
        }
        assert.match(
            message,
            /kms-monitoring:organization: makes the member name "kms-monitoring-a-rather-long-stack-name-here-member-\S+" longer than 64 characters \(rule and IAM role names\)/,
        );
    });
});

describe("stacks without organization", () => {
    it("create no bus, StackSet or member rule", async () => {
        const recorder = await build(
            () => new KmsMonitoring("kms-monitoring", { namePrefix: "p", homeRegion: "us-east-1" }),
        );
        for (const type of [
            "aws:cloudwatch/eventBus:EventBus",
            "aws:cloudformation/stackSet:StackSet",
            "aws:cloudformation/stackSetInstance:StackSetInstance",
        ]) {
            assert.equal(recorder.byType(type).length, 0, type);
        }
        assert.ok(
            recorder
                .byType("aws:cloudwatch/eventRule:EventRule")
                .every((rule) => rule.inputs.eventBusName === undefined),
        );
    });
});
