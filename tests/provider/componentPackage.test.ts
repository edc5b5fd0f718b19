import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { packageSchema } from "../../scripts/schema";
import { REPO_ROOT } from "../harness";
import { TOKEN } from "./token";

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
});
