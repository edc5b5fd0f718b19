import { strict as assert } from "assert";
import { EXPIRING_KEYS_BY_ACCOUNT_QUERY } from "../../components/alarms";
import { parseStackConfig } from "../../components/config";
import {
    linkMetricFilter,
    MAX_LINK_FILTER_NAMESPACES,
    memberTemplate,
    observabilitySinkPolicy,
} from "../../components/organization";
import { KmsMonitoring, KmsMonitoringArgs } from "../../components/stack";
import { foreignSinkWarnings } from "../../components/stack/observability";
import { build, Recorder, restoreWarnings, valueOf } from "../harness";
import { findInMap, validateTemplate } from "../support/cloudFormationSpec";
import { matchesPattern } from "../support/eventMatcher";
import { renderTransformer } from "../support/inputTransformerRenderer";
import { parseMetricsInsights } from "../support/metricsInsights";
import { MAX_CONDITIONAL_OPERANDS, parseLinkMetricFilter } from "../support/oamLinkFilter";
import { evaluate, Request } from "../../verify/policyEvaluator";
import * as samples from "../../verify/samples";

const CENTRAL = "111122223333";
const MEMBER = "444455556666";
const ORG = "o-a1b2c3d4e5";
const OU = "ou-ab12-cdef3456";
const ROOT = "r-ab12";
const REGIONS = ["us-east-1", "eu-west-1"];
const BUS_ARN = `arn:aws:events:us-east-1:${CENTRAL}:event-bus/kms-monitoring-dev-members`;
const SINK_TYPE = "aws:oam/sink:Sink";
const SINK_POLICY_TYPE = "aws:oam/sinkPolicy:SinkPolicy";
const STACK_SET_TYPE = "aws:cloudformation/stackSet:StackSet";
const DASHBOARD_TYPE = "aws:cloudwatch/dashboard:Dashboard";

afterEach(restoreWarnings);

function args(organization: Partial<NonNullable<KmsMonitoringArgs["organization"]>> = {}) {
    return {
        namePrefix: "kms-monitoring-dev",
        alertEmails: ["a@example.com"],
        homeRegion: "us-east-1",
        regions: REGIONS,
        organization: {
            id: ORG,
            organizationalUnitIds: [OU, ROOT],
            regions: REGIONS,
            ...organization,
        },
        tags: { team: "security" },
    };
}

function deploy(
    organization: Partial<NonNullable<KmsMonitoringArgs["organization"]>> = {},
    extra: Partial<KmsMonitoringArgs> = {},
): Promise<{ recorder: Recorder; component: KmsMonitoring }> {
    let component: KmsMonitoring | undefined;
    return build(() => {
        component = new KmsMonitoring("kms-monitoring", { ...args(organization), ...extra });
    }).then((recorder) => ({ recorder, component: component as KmsMonitoring }));
}

type Template = {
    Mappings?: Record<string, Record<string, Record<string, string>>>;
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
};

function template(recorder: Recorder): Template {
    return JSON.parse(recorder.one(STACK_SET_TYPE).inputs.templateBody);
}

/** A request to a sink, as a principal of a member account under `path` makes it. */
function linkRequest(
    resourceTypes: string,
    orgId = ORG,
    path = `${ORG}/${ROOT}/${OU}/`,
    action = "oam:CreateLink",
): Request {
    return {
        principal: {
            type: "AWS",
            id: `arn:aws:iam::${MEMBER}:role/stacksets-exec-0123456789abcdef`,
        },
        action,
        resource: `arn:aws:oam:eu-west-1:${CENTRAL}:sink/abcd1234-a123-456a-a12b-a123b456c789`,
        context: {
            "aws:PrincipalOrgID": orgId,
            "aws:PrincipalOrgPaths": path,
            "oam:ResourceTypes": resourceTypes,
        },
    };
}

describe("the observability sink policy", () => {
    const policy = observabilitySinkPolicy(ORG, [OU]);

    it("lets a member under the OUs link its metrics, and update that link", () => {
        assert.equal(evaluate(policy, linkRequest("AWS::CloudWatch::Metric")), "Allow");
        assert.equal(
            evaluate(
                policy,
                linkRequest("AWS::CloudWatch::Metric", ORG, undefined, "oam:UpdateLink"),
            ),
            "Allow",
        );
        // An account in an OU nested below the configured one is a StackSet target too.
        assert.equal(
            evaluate(
                policy,
                linkRequest(
                    "AWS::CloudWatch::Metric",
                    ORG,
                    `${ORG}/${ROOT}/${OU}/ou-ab12-child123/`,
                ),
            ),
            "Allow",
        );
    });

    it("denies a link that asks for log groups, alone or besides metrics", () => {
        assert.equal(evaluate(policy, linkRequest("AWS::Logs::LogGroup")), "ImplicitDeny");
        assert.equal(
            evaluate(policy, linkRequest("AWS::CloudWatch::Metric,AWS::Logs::LogGroup")),
            "ImplicitDeny",
        );
    });

    it("denies an account outside the organization, and one of the organization outside the OUs", () => {
        assert.equal(
            evaluate(
                policy,
                linkRequest(
                    "AWS::CloudWatch::Metric",
                    "o-zzzzzzzzzz",
                    `o-zzzzzzzzzz/r-zz99/${OU}/`,
                ),
            ),
            "ImplicitDeny",
        );
        const outsider = linkRequest("AWS::CloudWatch::Metric");
        assert.equal(
            evaluate(policy, {
                ...outsider,
                context: { "oam:ResourceTypes": "AWS::CloudWatch::Metric" },
            }),
            "ImplicitDeny",
            "a principal of no organization",
        );
        assert.equal(
            evaluate(
                policy,
                linkRequest("AWS::CloudWatch::Metric", ORG, `${ORG}/${ROOT}/ou-ab12-other999/`),
            ),
            "ImplicitDeny",
        );
    });

    it("grants nothing but CreateLink and UpdateLink", () => {
        for (const action of [
            "oam:DeleteSink",
            "oam:PutSinkPolicy",
            "oam:DeleteLink",
            "oam:TagResource",
        ]) {
            assert.equal(
                evaluate(policy, linkRequest("AWS::CloudWatch::Metric", ORG, undefined, action)),
                "ImplicitDeny",
                action,
            );
        }
    });

    it("admits every account of the organization when the root is the OU", () => {
        const root = observabilitySinkPolicy(ORG, [ROOT]);
        assert.equal(
            evaluate(root, linkRequest("AWS::CloudWatch::Metric", ORG, `${ORG}/${ROOT}/`)),
            "Allow",
        );
        assert.equal(
            evaluate(root, linkRequest("AWS::CloudWatch::Metric", ORG, `${ORG}/r-other1/`)),
            "ImplicitDeny",
        );
    });
});

describe("the central account's sinks", () => {
    let recorder: Recorder;
    let component: KmsMonitoring;
    before(async () => {
        ({ recorder, component } = await deploy());
    });

    it("are one per member region, each with the organization's policy for the OUs", () => {
        const sinks = recorder.byType(SINK_TYPE);
        assert.deepEqual(
            sinks.map((sink) => [sink.inputs.name, sink.inputs.region]),
            REGIONS.map((region) => ["kms-monitoring-dev-members", region]),
        );
        const policies = recorder.byType(SINK_POLICY_TYPE);
        assert.deepEqual(
            policies.map((policy) => [policy.inputs.sinkIdentifier, policy.inputs.region]),
            sinks.map((sink) => [sink.state.arn, sink.inputs.region]),
        );
        for (const policy of policies) {
            assert.deepEqual(
                JSON.parse(policy.inputs.policy),
                observabilitySinkPolicy(ORG, [OU, ROOT]),
            );
        }
    });

    it("exist with their policies before the StackSet or any of its instances rolls a link out", () => {
        const policyUrns = recorder.byType(SINK_POLICY_TYPE).map((policy) => policy.urn);
        assert.equal(policyUrns.length, REGIONS.length);
        const instances = recorder.byType("aws:cloudformation/stackSetInstance:StackSetInstance");
        assert.equal(instances.length, 2 * REGIONS.length);
        // The StackSet too: on a stack with members already, the update of its template is what
        // rolls the new link out to every existing instance.
        for (const resource of [recorder.one(STACK_SET_TYPE), ...instances]) {
            for (const urn of policyUrns) {
                assert.ok(
                    resource.dependencies?.includes(urn),
                    `${resource.name} waits for ${urn}`,
                );
            }
        }
    });

    it("are the observabilitySinkArns output, by region", async () => {
        assert.deepEqual(
            await valueOf(component.observabilitySinkArns),
            Object.fromEntries(
                recorder.byType(SINK_TYPE).map((sink) => [sink.inputs.region, sink.state.arn]),
            ),
        );
    });
});

describe("the member template's link", () => {
    let recorder: Recorder;
    before(async () => {
        ({ recorder } = await deploy());
    });

    it("is valid CloudFormation, with a label template, sharing metrics only", () => {
        const body = template(recorder);
        assert.deepEqual(validateTemplate(body), []);
        const link = body.Resources.ObservabilityLink;
        assert.equal(link.Type, "AWS::Oam::Link");
        assert.equal(link.Properties.LabelTemplate, "$AccountName");
        assert.deepEqual(link.Properties.ResourceTypes, ["AWS::CloudWatch::Metric"]);
        assert.deepEqual(link.Properties.Tags, { team: "security" });
    });

    it("resolves in each member region to the central sink of that region", () => {
        const body = template(recorder);
        const sinkOf = Object.fromEntries(
            recorder.byType(SINK_TYPE).map((sink) => [sink.inputs.region, sink.state.arn]),
        );
        for (const region of REGIONS) {
            const resolved = findInMap(
                body as any,
                body.Resources.ObservabilityLink.Properties.SinkIdentifier,
                region,
            );
            assert.equal(resolved, sinkOf[region]);
            assert.match(String(resolved), new RegExp(`^arn:aws:oam:${region}:${CENTRAL}:sink/`));
        }
        assert.throws(
            () =>
                findInMap(
                    body as any,
                    body.Resources.ObservabilityLink.Properties.SinkIdentifier,
                    "ap-south-1",
                ),
            /fails in ap-south-1/,
            "no sink for a region that is not a member region",
        );
    });

    it("filters to the namespaces the central dashboard reads, in a form OAM accepts", () => {
        const filter: string =
            template(recorder).Resources.ObservabilityLink.Properties.LinkConfiguration
                .MetricConfiguration.Filter;
        assert.equal(filter, "Namespace IN ('AWS/KMS', 'AWS/Events', 'AWS/SQS')");
        const shares = parseLinkMetricFilter(filter);
        for (const namespace of ["AWS/KMS", "AWS/Events", "AWS/SQS"]) {
            assert.ok(shares(namespace), namespace);
        }
        for (const namespace of ["AWS/EC2", "AWS/Logs", "aws/kms", "MyApp"]) {
            assert.ok(!shares(namespace), namespace);
        }
    });

    it("never builds a filter OAM would refuse, and the reader refuses what OAM refuses", () => {
        assert.throws(() => linkMetricFilter([]), /1 to 5 namespaces/);
        assert.throws(
            () =>
                linkMetricFilter(
                    Array.from({ length: MAX_LINK_FILTER_NAMESPACES + 1 }, (_, i) => `N${i}`),
                ),
            /1 to 5 namespaces/,
        );
        assert.throws(
            () => parseLinkMetricFilter('Namespace IN ("AWS/KMS")'),
            /not a metric link filter/,
        );
        assert.throws(() => parseLinkMetricFilter("Namespace LIKE '%KMS'"), /prefix search/);
        const seven = Array.from({ length: MAX_CONDITIONAL_OPERANDS + 2 }, () => "Namespace = 'A'");
        assert.throws(() => parseLinkMetricFilter(seven.join(" OR ")), /at most 5/);
        assert.ok(
            parseLinkMetricFilter(seven.slice(1).join(" OR "))("A"),
            "five operands are fine",
        );
        assert.ok(
            parseLinkMetricFilter("Namespace = 'AWS/EC2' OR Namespace NOT LIKE 'AWS/%'")("MyApp"),
        );
    });

    it("names the dead-letter queue the dashboard looks for, keeping an older unnamed one", () => {
        const queue = template(recorder).Resources.DeadLetterQueue as any;
        assert.equal(queue.Properties.QueueName, "kms-monitoring-dev-member-dead-letters");
        assert.equal(queue.UpdateReplacePolicy, "Retain");
    });

    it("stays without a link, and without AWS/SQS, when the options say so", () => {
        const inputs = {
            memberPrefix: "p-member",
            apiCalls: [],
            keyLifecycleEvents: true,
            discoverExpiringKeys: true,
            warningDays: 30,
            deadLetterQueue: true,
            selfMonitoring: true,
            tags: {},
        };
        const without = memberTemplate(inputs, BUS_ARN);
        assert.equal(without.Mappings, undefined);
        assert.ok(!Object.values(without.Resources).some((each) => each.Type === "AWS::Oam::Link"));
        assert.ok(!parseLinkMetricFilter(linkMetricFilter(["AWS/KMS", "AWS/Events"]))("AWS/SQS"));
    });
});

describe("the central dashboard", () => {
    let recorder: Recorder;
    let component: KmsMonitoring;
    before(async () => {
        ({ recorder, component } = await deploy());
    });

    function body(): { widgets: any[] } {
        return JSON.parse(
            recorder.one(DASHBOARD_TYPE, "organization-dashboard-dashboard").inputs.dashboardBody,
        );
    }

    it("is valid dashboard JSON: every widget on the grid, in a member region", () => {
        const dashboard = recorder.one(DASHBOARD_TYPE, "organization-dashboard-dashboard");
        assert.equal(dashboard.inputs.dashboardName, "kms-monitoring-dev-organization");
        const { widgets } = body();
        assert.equal(widgets.length, 3 * REGIONS.length);
        for (const widget of widgets) {
            assert.equal(widget.type, "metric");
            assert.ok(widget.x + widget.width <= 24 && widget.x >= 0 && widget.y >= 0);
            assert.ok(REGIONS.includes(widget.properties.region));
            assert.ok(widget.properties.metrics.length > 0);
        }
    });

    it("shows every member's keys with one cross-account Metrics Insights query per region, soonest first", () => {
        for (const region of REGIONS) {
            const keys = body().widgets.filter(
                (widget) =>
                    widget.properties.region === region &&
                    /by account and key/.test(widget.properties.title),
            );
            assert.equal(keys.length, 1);
            const [[query]] = keys[0].properties.metrics;
            assert.equal(query.expression, EXPIRING_KEYS_BY_ACCOUNT_QUERY);
            const parsed = parseMetricsInsights(query.expression);
            assert.deepEqual(parsed.groupBy, ["AWS.AccountId", "KeyId"]);
            assert.deepEqual(parsed.orderBy, { function: "MIN", direction: "ASC" });
            assert.equal(parsed.metric, "SecondsUntilKeyMaterialExpiration");
            assert.deepEqual(keys[0].properties.annotations.horizontal[0].value, 30 * 86_400);
        }
    });

    it("shows the member forwarders' failures and dead letters by account, for the rules and queue the template names", () => {
        const resources = template(recorder).Resources;
        const ruleNames = Object.values(resources)
            .filter((resource) => resource.Type === "AWS::Events::Rule")
            .map((rule) => rule.Properties.Name)
            .sort();
        const queueName = resources.DeadLetterQueue.Properties.QueueName;
        for (const region of REGIONS) {
            const widgets = body().widgets.filter((widget) => widget.properties.region === region);
            const failures = widgets.find((widget) =>
                /failed deliveries/.test(widget.properties.title),
            );
            const parsed = failures.properties.metrics.map((row: any[]) =>
                parseMetricsInsights(row[0].expression),
            );
            assert.deepEqual(parsed.map((query: any) => query.where[0].value).sort(), ruleNames);
            for (const query of parsed) {
                assert.equal(query.metric, "FailedInvocations");
                assert.deepEqual(query.groupBy, ["AWS.AccountId", "RuleName"]);
            }
            const deadLetters = widgets.find((widget) =>
                /dead-letter/.test(widget.properties.title),
            );
            const dlq = parseMetricsInsights(deadLetters.properties.metrics[0][0].expression);
            assert.deepEqual(dlq.where, [{ key: "QueueName", operator: "=", value: queueName }]);
            assert.deepEqual(dlq.groupBy, ["AWS.AccountId"]);
        }
    });

    it("is the centralDashboardUrl output", async () => {
        assert.equal(
            await valueOf(component.centralDashboardUrl),
            "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=kms-monitoring-dev-organization",
        );
    });
});

describe("organization.sinkArns: a region's existing sink", () => {
    const existing = `arn:aws:oam:us-east-1:${CENTRAL}:sink/f00dcafe-1234-4abc-8def-0123456789ab`;

    it("is linked to as it is: no sink and no policy there, a new one in the other region", async () => {
        const { recorder, component } = await deploy({ sinkArns: { "us-east-1": existing } });
        assert.deepEqual(
            recorder.byType(SINK_TYPE).map((sink) => sink.inputs.region),
            ["eu-west-1"],
        );
        assert.deepEqual(
            recorder.byType(SINK_POLICY_TYPE).map((policy) => policy.inputs.region),
            ["eu-west-1"],
        );
        const body = template(recorder);
        const link = body.Resources.ObservabilityLink.Properties.SinkIdentifier;
        assert.equal(findInMap(body as any, link, "us-east-1"), existing);
        assert.equal(findInMap(body as any, link, "eu-west-1"), recorder.one(SINK_TYPE).state.arn);
        assert.deepEqual(await valueOf(component.observabilitySinkArns), {
            "eu-west-1": recorder.one(SINK_TYPE).state.arn,
            "us-east-1": existing,
        });
    });
});

describe("organization.sinkArns: another account's sink", () => {
    it("is named with its account, once per such region", () => {
        const sink = (region: string, account: string) =>
            `arn:aws:oam:${region}:${account}:sink/f00dcafe-1234-4abc-8def-0123456789ab`;
        assert.deepEqual(
            foreignSinkWarnings(
                {
                    "eu-west-1": sink("eu-west-1", "999988887777"),
                    "us-east-1": sink("us-east-1", CENTRAL),
                    "ap-southeast-2": sink("ap-southeast-2", "555566667777"),
                },
                CENTRAL,
            ).map((warning) =>
                /^kms-monitoring:organization\.sinkArns\.(\S+) is a sink of account (\d+),/
                    .exec(warning)
                    ?.slice(1),
            ),
            [
                ["eu-west-1", "999988887777"],
                ["ap-southeast-2", "555566667777"],
            ],
        );
        assert.deepEqual(foreignSinkWarnings({}, CENTRAL), []);
    });

    it("is used, with a warning that the central dashboard cannot show that region", async () => {
        const other =
            "arn:aws:oam:eu-west-1:999988887777:sink/f00dcafe-1234-4abc-8def-0123456789ab";
        const { recorder } = await deploy({ sinkArns: { "eu-west-1": other } });
        assert.deepEqual(recorder.warnings, [
            "kms-monitoring:organization.sinkArns.eu-west-1 is a sink of account 999988887777, not of " +
                `this account (${CENTRAL}); the members link to it, but the central dashboard cannot ` +
                "show them in that region",
        ]);
        const own = await deploy({
            sinkArns: { "eu-west-1": other.replace("999988887777", CENTRAL) },
        });
        assert.deepEqual(own.recorder.warnings, []);
    });
});

describe("organization.observability: false", () => {
    it("creates no sink, link, central dashboard, metric filter or per-account alarm", async () => {
        const { recorder, component } = await deploy({ observability: false });
        for (const type of [
            SINK_TYPE,
            SINK_POLICY_TYPE,
            "aws:cloudwatch/logMetricFilter:LogMetricFilter",
        ]) {
            assert.equal(recorder.byType(type).length, 0, type);
        }
        assert.deepEqual(
            recorder.byType(DASHBOARD_TYPE).map((dashboard) => dashboard.inputs.dashboardName),
            ["kms-monitoring-dev"],
        );
        const resources = Object.values(template(recorder).Resources);
        assert.ok(!resources.some((resource) => resource.Type === "AWS::Oam::Link"));
        assert.equal(template(recorder).Mappings, undefined);
        assert.ok(
            !recorder
                .byType("aws:cloudwatch/metricAlarm:MetricAlarm")
                .some((alarm) => alarm.inputs.name.includes("silent-member")),
        );
        assert.equal(component.observabilitySinkArns, undefined);
        assert.equal(component.centralDashboardUrl, undefined);
    });

    it("keeps the sinks and links but not the central dashboard with dashboard: false", async () => {
        const { recorder, component } = await deploy({}, { dashboard: false });
        assert.equal(recorder.byType(DASHBOARD_TYPE).length, 0);
        assert.equal(recorder.byType(SINK_TYPE).length, REGIONS.length);
        assert.equal(component.centralDashboardUrl, undefined);
    });
});

describe("a member's expiring key, alerted from the member's own alarm", () => {
    it("renders an alert naming the member account, the key and the region", async () => {
        const { recorder } = await deploy();
        const event = {
            ...samples.contributorStateChangeEvent(
                "kms-monitoring-dev-member-expiring-key-material",
                "eu-west-1",
                "1234abcd-12ab-34cd-56ef-1234567890ab",
            ),
            account: MEMBER,
        };
        const rules = recorder
            .byType("aws:cloudwatch/eventRule:EventRule")
            .filter((rule) => rule.inputs.eventBusName === "kms-monitoring-dev-members")
            .filter((rule) => matchesPattern(JSON.parse(rule.inputs.eventPattern), event));
        assert.equal(rules.length, 1, "one rule on the organization bus alerts on it");
        const target = recorder
            .byType("aws:cloudwatch/eventTarget:EventTarget")
            .find(
                (each) =>
                    each.inputs.rule === rules[0].inputs.name &&
                    each.inputs.eventBusName === "kms-monitoring-dev-members",
            );
        assert.ok(target);
        const text = renderTransformer(target.inputs.inputTransformer, event, rules[0].inputs.name);
        assert.match(
            text,
            /^Imported key material of KMS key 1234abcd-12ab-34cd-56ef-1234567890ab in eu-west-1: ALARM/,
        );
        assert.match(text, new RegExp(`Account: +${MEMBER}`));
        assert.match(text, /Region: +eu-west-1/);
    });
});

describe("config: organization.observability and organization.sinkArns", () => {
    const context = {
        project: "kms-monitoring",
        stack: "dev",
        now: new Date("2026-11-28T00:00:00Z"),
        homeRegion: "us-east-1",
    };
    const parse = (extra: Record<string, unknown>) =>
        parseStackConfig(
            {
                regions: JSON.stringify(REGIONS),
                organization: JSON.stringify({ id: ORG, organizationalUnitIds: [OU], ...extra }),
            },
            context,
        );
    const problems = (extra: Record<string, unknown>): string => {
        try {
            parse(extra);
        } catch (error) {
            return (error as Error).message;
        }
        assert.fail("accepted");
    };
    const sink = (region: string, account = CENTRAL) =>
        `arn:aws:oam:${region}:${account}:sink/abcd1234-a123-456a-a12b-a123b456c789`;

    it("defaults to observability on, with no sink to reuse, and accepts a sink of a member region", () => {
        assert.equal(parse({}).organization?.observability, true);
        assert.deepEqual(parse({}).organization?.sinkArns, {});
        assert.deepEqual(
            parse({ sinkArns: { "eu-west-1": sink("eu-west-1") } }).organization?.sinkArns,
            {
                "eu-west-1": sink("eu-west-1"),
            },
        );
    });

    it("names a value that is not a sink ARN", () => {
        assert.match(
            problems({ sinkArns: { "us-east-1": `arn:aws:oam:us-east-1:${CENTRAL}:link/abc` } }),
            /kms-monitoring:organization\.sinkArns\.us-east-1: must be an OAM sink ARN: arn:<partition>:oam:<region>:<account>:sink\/<id> \(got "arn:aws:oam:us-east-1:111122223333:link\/abc"\)/,
        );
        assert.match(
            problems({ sinkArns: ["arn"] }),
            /kms-monitoring:organization\.sinkArns: must be a map of member region to the ARN of a sink in that region/,
        );
    });

    it("names a sink of another region than the one it is listed under", () => {
        assert.match(
            problems({ sinkArns: { "us-east-1": sink("eu-west-1") } }),
            /kms-monitoring:organization\.sinkArns\.us-east-1: is a sink in eu-west-1, not in us-east-1: a member region's link can only reach a sink in that same region/,
        );
    });

    it("names a region that is not a member region", () => {
        assert.match(
            problems({ regions: ["eu-west-1"], sinkArns: { "us-east-1": sink("us-east-1") } }),
            /kms-monitoring:organization\.sinkArns\.us-east-1: is not a member region \(eu-west-1\); list a sink under the member region it is in/,
        );
    });

    it("names a sink of another partition", () => {
        assert.match(
            problems({
                sinkArns: { "us-east-1": sink("us-east-1").replace("arn:aws:", "arn:aws-cn:") },
            }),
            /kms-monitoring:organization\.sinkArns\.us-east-1: is not in us-east-1's partition, aws/,
        );
    });

    it("names sinkArns set while observability is off, and an observability that is not a boolean", () => {
        assert.match(
            problems({ observability: false, sinkArns: { "us-east-1": sink("us-east-1") } }),
            /kms-monitoring:organization\.sinkArns: is set but organization\.observability is false; remove one of them/,
        );
        assert.match(
            problems({ observability: "yes" }),
            /kms-monitoring:organization\.observability: must be true or false \(got "yes"\)/,
        );
    });
});
