import { strict as assert } from "assert";
import {
    linkMetricFilter,
    MAX_LINK_FILTER_NAMESPACES,
    memberLinkTemplate,
} from "../../components/organization";
import { Recorder, restoreWarnings } from "../harness";
import {
    findInMap,
    TEMPLATE_BODY_MAX_BYTES,
    validateTemplate,
} from "../support/cloudFormationSpec";
import { MAX_CONDITIONAL_OPERANDS, parseLinkMetricFilter } from "../support/oamLinkFilter";
import { CENTRAL, centralStack, linkTemplate, REGIONS, SINK_TYPE, template } from "./fixtures";

afterEach(restoreWarnings);

describe("the members' link, in a template of its own", () => {
    let recorder: Recorder;
    before(async () => {
        ({ recorder } = await centralStack());
    });

    it("is valid CloudFormation, the link alone, with a label template, sharing metrics only", () => {
        const body = linkTemplate(recorder);
        assert.deepEqual(Object.keys(body.Resources), ["ObservabilityLink"]);
        assert.deepEqual(validateTemplate(body), []);
        const link = body.Resources.ObservabilityLink;
        assert.equal(link.Type, "AWS::Oam::Link");
        assert.equal(link.Properties.LabelTemplate, "$AccountName");
        assert.deepEqual(link.Properties.ResourceTypes, ["AWS::CloudWatch::Metric"]);
        assert.deepEqual(link.Properties.Tags, { team: "security" });
    });

    it("resolves in each member region to the central sink of that region", () => {
        const body = linkTemplate(recorder);
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
            linkTemplate(recorder).Resources.ObservabilityLink.Properties.LinkConfiguration
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

    it("is never in the forwarders' template, whose instances a failed link would roll back", () => {
        const forwarders = template(recorder);
        assert.equal(forwarders.Mappings, undefined);
        assert.deepEqual(
            Object.values(forwarders.Resources).filter((each) => each.Type === "AWS::Oam::Link"),
            [],
        );
        assert.ok(!parseLinkMetricFilter(linkMetricFilter(["AWS/KMS", "AWS/Events"]))("AWS/SQS"));
    });

    it("stays valid and small with a sink in 30 regions", () => {
        const sinks = Object.fromEntries(
            Array.from({ length: 30 }, (_, index) => [
                `xx-region-${index}`,
                `arn:aws:oam:xx-region-${index}:${CENTRAL}:sink/abcd1234-a123-456a-a12b-a123b456c789`,
            ]),
        );
        const link = {
            resourceTypes: ["AWS::CloudWatch::Metric"],
            metricFilter: "Namespace IN ('AWS/KMS', 'AWS/Events', 'AWS/SQS')",
            labelTemplate: "$AccountName",
        };
        const big = memberLinkTemplate("kms-monitoring-production-member", link, sinks, { a: "b" });
        assert.deepEqual(validateTemplate(big), []);
        assert.equal(Object.keys(big.Mappings?.ObservabilitySinks ?? {}).length, 30);
        assert.ok(Buffer.byteLength(JSON.stringify(big)) < TEMPLATE_BODY_MAX_BYTES);
    });
});
