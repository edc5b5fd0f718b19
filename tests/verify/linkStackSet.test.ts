import { strict as assert } from "assert";
import { deployed, runVerify } from "./runVerify";
import { nonPassing } from "./results";

describe("verify: the links' StackSet, apart from the forwarders' (org)", () => {
    it("passes every member's link instance, and the forwarders' instances as before", async () => {
        const { fake } = await deployed("org");
        const run = await runVerify("org", fake);
        const passed = (id: string) =>
            run.results.filter((each) => each.id === id && each.status === "PASS").length;
        assert.equal(passed("link-instance"), fake.organization.linkInstances.length);
        assert.equal(passed("stackset-instance"), fake.organization.instances.length);
        assert.ok(fake.organization.linkInstances.length >= 6);
        assert.deepEqual(
            [...nonPassing(run, "link-instance"), ...nonPassing(run, "stackset-instance")],
            [],
        );
    });

    it("warns of a failed link and a member without one, on their own, while the forwarders pass", async () => {
        const { fake } = await deployed("org");
        const links = fake.organization.linkInstances;
        Object.assign(links[0], {
            Status: "OUTDATED",
            StatusReason:
                "ResourceLogicalId:ObservabilityLink, ResourceType:AWS::Oam::Link, " +
                "ResourceStatusReason:ServiceQuotaExceededException",
            StackInstanceStatus: { DetailedStatus: "FAILED" },
        });
        fake.organization.linkInstances = links.filter(
            (instance) => !(instance.Account === "200000000002" && instance.Region === "us-east-1"),
        );
        const run = await runVerify("org", fake);
        const warned = nonPassing(run, "link-instance");
        assert.equal(warned.length, 2, warned.join("\n"));
        assert.match(
            warned[0],
            /^WARN link-instance account 200000000001: instance is OUTDATED\/FAILED: .*ServiceQuotaExceededException$/,
        );
        assert.equal(
            warned[1],
            "WARN link-instance account 200000000002: has no kms-monitoring-org-member-observability-link " +
                "instance: the central dashboard cannot show its keys (its forwarders do not depend on it)",
        );
        const fix = run.results.find(
            (each) => each.id === "link-instance" && each.status === "WARN",
        )?.fix;
        assert.match(fix ?? "", /linked to five monitoring accounts already .* oam:CreateLink/);
        assert.match(
            fix ?? "",
            /aws cloudformation update-stack-instances --stack-set-name kms-monitoring-org-member-observability-link /,
        );
        assert.deepEqual(nonPassing(run, "stackset-instance"), []);
        assert.deepEqual(nonPassing(run, "member-account"), []);
    });
});
