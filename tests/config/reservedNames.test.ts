import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "../../components/config";
import { KmsMonitoring, KmsMonitoringArgs } from "../../components/stack";
import { build, restoreWarnings, validToAfter } from "../harness";

const PREFIX = "kms-monitoring-dev";
const CONTEXT = {
    project: "kms-monitoring",
    stack: "dev",
    now: new Date(),
    homeRegion: "us-east-1",
};
const OWN_ALERT = "payments-decrypt";

/** Every feature that adds rules: other regions, an organization, every channel, discovery. */
const EVERYTHING: KmsMonitoringArgs = {
    namePrefix: PREFIX,
    homeRegion: "us-east-1",
    regions: ["us-east-1", "eu-west-1"],
    alertEmails: ["security@example.com"],
    watchedKeys: ["alias/legacy"],
    importedKey: { alias: "alias/ImportedCMK", validTo: validToAfter(200) },
    apiCallAlerts: [{ name: OWN_ALERT, eventNames: ["DisableKey", "Decrypt"] }],
    organization: { id: "o-a1b2c3d4e5", organizationalUnitIds: ["ou-ab12-cdef3456"] },
    chat: { slack: [{ workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" }] },
    pagerDutyRoutingKey: "R0123456789ABCDEFGHIJKLMNOPQRSTU",
    webhooks: ["https://hooks.example.com/kms"],
};

/** The problems of a config whose one alert has that name; empty when it is accepted. */
function nameProblems(name: string): string {
    try {
        parseStackConfig(
            { apiCallAlerts: JSON.stringify([{ name, eventNames: ["Decrypt"] }]) },
            CONTEXT,
        );
        return "";
    } catch (error) {
        assert.ok(error instanceof pulumi.RunError);
        return error.message;
    }
}

afterEach(restoreWarnings);

describe("apiCallAlerts names against the stack's own rules", function () {
    this.timeout(60_000);
    let ownRoles: string[];
    before(async () => {
        const recorder = await build(() => new KmsMonitoring("kms", EVERYTHING));
        const names = recorder
            .byType("aws:cloudwatch/eventRule:EventRule")
            .map((rule) => rule.inputs.name as string);
        ownRoles = [...new Set(names)]
            .filter((name) => name !== `${PREFIX}-${OWN_ALERT}`)
            .map((name) => {
                assert.ok(name.startsWith(`${PREFIX}-`), name);
                return name.slice(PREFIX.length + 1);
            });
    });

    it("refuses the name of every rule the stack deploys, in every region and on every bus", () => {
        // A sanity check that the stack deployed what the features promise.
        for (const role of ["key-lifecycle", "heartbeat", "member-heartbeats", "alarms-firing"]) {
            assert.ok(ownRoles.includes(role), role);
        }
        for (const role of ownRoles) {
            assert.match(
                nameProblems(role),
                new RegExp(
                    `kms-monitoring:apiCallAlerts\\[0\\]\\.name: is reserved: the stack names .* ` +
                        `"${PREFIX}-[a-z-]+" or "${PREFIX}-[a-z-]+-\\.\\.\\.", and no two rules may ` +
                        `share a name; choose another ` +
                        `name \\(got "${role}"\\)`,
                ),
                role,
            );
        }
    });

    it("refuses what a numbered or per-region rule of the same family would be named", () => {
        for (const role of ownRoles) {
            assert.match(nameProblems(`${role}-7`), /is reserved/, `${role}-7`);
        }
        assert.match(nameProblems("heartbeat-ap-southeast-2"), /is reserved/);
    });

    it("accepts names that only look alike", () => {
        for (const name of [
            "heartbeats",
            "forwarders",
            "alarms_firing",
            "key-lifecycles",
            OWN_ALERT,
        ]) {
            assert.equal(nameProblems(name), "", name);
        }
    });
});
