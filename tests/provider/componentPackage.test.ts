import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import { KmsMonitoring } from "../../components/stack";
import { componentProvider, packageSchema } from "../../scripts/schema";
import {
    installMocks,
    isSecretWire,
    RecordedResource,
    Recorder,
    REPO_ROOT,
    restoreWarnings,
    settle,
    validToAfter,
} from "../harness";

const TOKEN = "kms-monitoring:index:KmsMonitoring";

interface Member {
    readonly name: string;
    readonly optional: boolean;
    readonly description: string;
}

/** The members of an interface (or the public fields of a class) in a source file, read with the TypeScript compiler itself. */
function declaredMembers(file: string, declaration: string): Member[] {
    const source = ts.createSourceFile(
        file,
        fs.readFileSync(path.join(REPO_ROOT, file), "utf8"),
        ts.ScriptTarget.ES2020,
        true,
    );
    const found = source.statements.find(
        (statement): statement is ts.InterfaceDeclaration | ts.ClassDeclaration =>
            (ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)) &&
            statement.name?.text === declaration,
    );
    assert.ok(found, `${declaration} in ${file}`);
    return found.members
        .filter(
            (member): member is ts.PropertySignature | ts.PropertyDeclaration =>
                ts.isPropertySignature(member) || ts.isPropertyDeclaration(member),
        )
        .filter(
            (member) =>
                !(
                    ts.getCombinedModifierFlags(member as ts.Declaration) &
                    (ts.ModifierFlags.Private | ts.ModifierFlags.Static)
                ),
        )
        .map((member) => ({
            name: member.name.getText(source),
            optional: member.questionToken !== undefined,
            description: ts
                .getJSDocCommentsAndTags(member)
                .filter(ts.isJSDoc)
                .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
                .join("\n"),
        }));
}

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
    // The analyzer type-checks the project once for the whole file.
    this.timeout(60_000);
    let schema: { resources: Record<string, any>; types: Record<string, any>; name: string };
    before(async () => {
        schema = JSON.parse(await packageSchema());
    });

    it("is named kms-monitoring and exposes KmsMonitoring", () => {
        assert.equal(schema.name, "kms-monitoring");
        assert.deepEqual(Object.keys(schema.resources), [TOKEN]);
        assert.equal(schema.resources[TOKEN].isComponent, true);
    });

    it("has every argument with its type and JSDoc, required exactly where the interface requires it", () => {
        const resource = schema.resources[TOKEN];
        const members = declaredMembers("components/stack/args.ts", "KmsMonitoringArgs");
        assert.deepEqual(
            Object.keys(resource.inputProperties).sort(),
            members.map((member) => member.name).sort(),
        );
        assert.deepEqual(
            resource.requiredInputs ?? [],
            members.filter((member) => !member.optional).map((member) => member.name),
        );
        for (const member of members) {
            const property = resource.inputProperties[member.name];
            assert.equal(property.description, member.description, member.name);
            assert.match(
                member.description,
                /Default|Required/,
                `${member.name}'s JSDoc states its default`,
            );
            assert.ok(
                property.type !== undefined || property.$ref !== undefined,
                `${member.name} is typed`,
            );
            assert.notEqual(property.$ref, "pulumi.json#/Any", `${member.name} is not any`);
        }
        assert.equal(resource.inputProperties.alertEmails.type, "array");
        assert.equal(resource.inputProperties.alertEmails.items.type, "string");
        assert.equal(resource.inputProperties.expiryWarningDays.type, "number");
        assert.equal(resource.inputProperties.tags.type, "object");
        assert.equal(resource.inputProperties.tags.additionalProperties.type, "string");
        assert.equal(
            resource.inputProperties.organization.$ref,
            "#/types/kms-monitoring:index:OrganizationSettings",
        );
        assert.equal(
            resource.inputProperties.importedKeyMaterial.plain,
            undefined,
            "the key material may be an Output, e.g. a secret",
        );
        assert.equal(
            resource.inputProperties.chat.$ref,
            "#/types/kms-monitoring:index:ChatSettings",
        );
        assert.equal(resource.inputProperties.pagerDutyRoutingKey.type, "string");
        assert.equal(
            resource.inputProperties.pagerDutyRoutingKey.plain,
            undefined,
            "the routing key may be an Output, e.g. a secret",
        );
        assert.equal(resource.inputProperties.webhooks.type, "array");
        assert.equal(resource.inputProperties.webhooks.items.type, "string");
    });

    it("types the nested settings with their own JSDoc", () => {
        for (const [file, name] of [
            ["components/stack/args.ts", "ImportedKeySettings"],
            ["components/stack/args.ts", "AuditTrailSettings"],
            ["components/stack/args.ts", "OrganizationSettings"],
            ["components/stack/args.ts", "ChatSettings"],
            ["components/stack/args.ts", "SlackChannelSettings"],
            ["components/stack/args.ts", "TeamsChannelSettings"],
            ["components/alerts/apiCallAlerts.ts", "ApiCallAlertSpec"],
        ]) {
            const type = schema.types[`kms-monitoring:index:${name}`];
            assert.ok(type, name);
            const members = declaredMembers(file, name);
            assert.deepEqual(
                Object.keys(type.properties).sort(),
                members.map((member) => member.name).sort(),
                name,
            );
            assert.deepEqual(
                (type.required ?? []).sort(),
                members
                    .filter((member) => !member.optional)
                    .map((member) => member.name)
                    .sort(),
                name,
            );
            for (const member of members) {
                assert.equal(
                    type.properties[member.name].description,
                    member.description,
                    `${name}.${member.name}`,
                );
            }
        }
    });

    it("has every public output of the component", () => {
        const outputs = declaredMembers("components/stack/kmsMonitoring.ts", "KmsMonitoring");
        const resource = schema.resources[TOKEN];
        assert.deepEqual(
            Object.keys(resource.properties).sort(),
            outputs.map((output) => output.name).sort(),
        );
        assert.equal(
            resource.properties.emailSubscriptions.items.$ref,
            "#/types/kms-monitoring:index:EmailSubscription",
        );
        assert.equal(
            resource.properties.forwarding.additionalProperties.$ref,
            "#/types/kms-monitoring:index:RegionForwardingOutput",
        );
    });

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
