import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { KmsMonitoring } from "../../components/stack";
import { componentProvider } from "../../scripts/schema";
import {
    installMocks,
    isSecretWire,
    RecordedResource,
    Recorder,
    restoreWarnings,
    settle,
    validToAfter,
} from "../harness";
import { TOKEN } from "./token";

/** Every recorded resource as type, name, parent name and inputs: what the engine receives. */
function recording(recorder: Recorder): string[] {
    const names = new Map(recorder.resources.map((resource) => [resource.urn, resource.name]));
    return recorder.resources
        .map((resource: RecordedResource) =>
            JSON.stringify([
                resource.type,
                resource.name,
                names.get(resource.parent ?? "") ?? null,
                resource.inputs,
            ]),
        )
        .sort();
}

afterEach(restoreWarnings);

describe("the component package", function () {
    // The limit these tests had inside the schema tests' suite (componentPackage.test.ts).
    this.timeout(60_000);

    describe("construct, as another language's SDK calls it", () => {
        const provider = componentProvider();
        // Plain JSON, as an SDK serializes them: no Outputs, no undefined.
        const inputs = JSON.parse(
            JSON.stringify({
                namePrefix: "acme-kms",
                alertEmails: ["security@example.com"],
                homeRegion: "us-east-1",
                regions: ["us-east-1", "eu-west-1"],
                apiCallAlerts: [
                    { name: "key-management", eventNames: ["DisableKey", "ScheduleKeyDeletion"] },
                ],
                importedKey: { alias: "alias/acme-imported", validTo: validToAfter(200) },
                watchedKeys: [
                    "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab",
                ],
                tags: { team: "security" },
                chat: { slack: [{ workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" }] },
                pagerDutyRoutingKey: "R0123456789ABCDEFGHIJKLMNOPQRSTU",
                webhooks: ["https://hooks.example.com/acme"],
            }),
        ) as Record<string, unknown>;

        it("registers exactly what the TypeScript program registers for the same settings", async () => {
            const viaProvider = await installMocks();
            const result = await provider.construct("acme", TOKEN, inputs, {});
            await new Promise((resolve) => pulumi.output(result.urn).apply(resolve));
            await settle(viaProvider);

            const direct = await installMocks();
            new KmsMonitoring("acme", inputs as never);
            await settle(direct);

            assert.ok(viaProvider.resources.length > 40);
            assert.deepEqual(recording(viaProvider), recording(direct));
            assert.equal(
                viaProvider.byType(
                    "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
                ).length,
                1,
            );
            const subscription = viaProvider.one(
                "aws:sns/topicSubscription:TopicSubscription",
                "-0",
            );
            assert.ok(isSecretWire(subscription.wireInputs.endpoint), "a webhook stays a secret");
        });

        it("rejects bad inputs with the stack config's messages, before anything registers", async () => {
            const recorder = await installMocks();
            await assert.rejects(
                provider.construct(
                    "acme",
                    TOKEN,
                    {
                        ...inputs,
                        alertEmails: ["ok@example.com", "not-an-email"],
                        regions: ["us-east-1", "Frankfurt"],
                        expiryWarningDays: 0,
                        webhooks: ["http://hooks.example.com/acme-plain"],
                    },
                    {},
                ),
                (error: Error) => {
                    assert.match(
                        error.message,
                        /Invalid arguments of kms-monitoring:index:KmsMonitoring "acme": 5 problems/,
                    );
                    assert.match(
                        error.message,
                        /kms-monitoring:alertEmails\[1\]: is not an email address; expected name@example.com \(got "not-an-email"\)/,
                    );
                    assert.match(
                        error.message,
                        /kms-monitoring:regions\[1\]: is not an AWS region code/,
                    );
                    assert.match(
                        error.message,
                        /kms-monitoring:expiryWarningDays: must be from 1 to 365 days \(got 0\)/,
                    );
                    assert.match(
                        error.message,
                        /kms-monitoring:webhooks\[0\]: must be an https:\/\/ URL/,
                    );
                    assert.ok(!error.message.includes("acme-plain"), "no webhook is shown");
                    // Cross-field rules too: the watched key's region is no longer watched.
                    assert.match(
                        error.message,
                        /kms-monitoring:watchedKeys\[0\]: is in eu-west-1, which kms-monitoring:regions does not list/,
                    );
                    return true;
                },
            );
            assert.equal(recorder.resources.length, 0);
        });

        it("names an argument the component does not know", async () => {
            await installMocks();
            await assert.rejects(
                provider.construct(
                    "acme",
                    TOKEN,
                    { namePrefix: "p", alertEmail: ["a@example.com"] },
                    {},
                ),
                /kms-monitoring:alertEmail: is not a known setting; did you mean "alertEmails"\?/,
            );
        });
    });
});
