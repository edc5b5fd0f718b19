import { strict as assert } from "assert";
import {
    linkMetricFilter,
    MAX_LINK_FILTER_NAMESPACES,
    memberTemplate,
} from "../../components/organization";
import { Recorder, restoreWarnings } from "../harness";
import { findInMap, validateTemplate } from "../support/cloudFormationSpec";
import { MAX_CONDITIONAL_OPERANDS, parseLinkMetricFilter } from "../support/oamLinkFilter";
import { BUS_ARN, CENTRAL, centralStack, REGIONS, SINK_TYPE, template } from "./fixtures";

afterEach(restoreWarnings);

describe("the member template's link", () => {
    let recorder: Recorder;
    before(async () => {
        ({ recorder } = await centralStack());
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
        assert.equal(filter, "Namespace IN ('AWS/KMS', 'AWS/Events', 'AWS/SQS', 'AWS/Usage')");
        const shares = parseLinkMetricFilter(filter);
        for (const namespace of ["AWS/KMS", "AWS/Events", "AWS/SQS", "AWS/Usage"]) {
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
            customKeyStoreAlarms: false,
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
