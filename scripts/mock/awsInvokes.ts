/** What the mock answers to the AWS invokes the program makes, with realistic IDs and ARNs. */
import * as crypto from "crypto";
import type { MockEnvironment } from "./awsResources";
import { fakeUuid } from "./wire";

/** The organization's management account in the mock's AWS Organizations answers. */
export const MANAGEMENT_ACCOUNT_ID = "123456789012";

type Invoke = (env: MockEnvironment, inputs: Record<string, any>) => Record<string, any>;

function keyArn(env: MockEnvironment, uuid: string, region?: string): string {
    return `arn:${env.partition}:kms:${region ?? env.region}:${env.accountId}:key/${uuid}`;
}

/**
 * A watched key, by ID, ARN or alias. By this harness's convention, a reference naming
 * "aws-generated" is a key whose material KMS generated, so it has no expiry.
 */
const getKey: Invoke = (env, inputs) => {
    const reference = String(inputs.keyId);
    const region =
        (inputs.region as string | undefined) ?? /^arn:[^:]+:kms:([^:]+):/.exec(reference)?.[1];
    const uuid =
        /key\/(.+)$/.exec(reference)?.[1] ??
        (/^[0-9a-f-]{36}$|^mrk-/.test(reference) ? reference : fakeUuid(reference));
    const generated = reference.includes("aws-generated");
    return {
        id: uuid,
        keyId: reference,
        arn: keyArn(env, uuid, region),
        origin: generated ? "AWS_KMS" : "EXTERNAL",
        expirationModel: generated ? "" : "KEY_MATERIAL_EXPIRES",
        keyState: "Enabled",
        validTo: generated ? "" : "2027-03-01T00:00:00Z",
    };
};

/**
 * By this harness's convention every OU holds the central account, the management account, two
 * active member accounts derived from the OU's ID and one suspended one.
 */
const descendantAccounts: Invoke = (env, inputs) => {
    const parentId = String(inputs.parentId);
    const digits = crypto
        .createHash("sha256")
        .update(parentId)
        .digest("hex")
        .replace(/[a-f]/g, "")
        .padEnd(36, "7");
    const organizationArn = `arn:${env.partition}:organizations::${MANAGEMENT_ACCOUNT_ID}`;
    const account = (id: string, state: string) => ({
        id,
        arn: `${organizationArn}:account/o-exampleorgid/${id}`,
        email: `${id}@example.com`,
        name: `Workload ${id.slice(-4)}`,
        state,
        joinedMethod: "CREATED",
        joinedTimestamp: "2026-01-01T00:00:00Z",
    });
    const accounts = [
        account(env.accountId, "ACTIVE"),
        account(MANAGEMENT_ACCOUNT_ID, "ACTIVE"),
        account(digits.slice(0, 12), "ACTIVE"),
        account(digits.slice(12, 24), "ACTIVE"),
        account(digits.slice(24, 36), "SUSPENDED"),
    ];
    return { id: parentId, parentId, accounts };
};

const INVOKES: Readonly<Record<string, Invoke>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (env) => ({
        accountId: env.accountId,
        arn: `arn:${env.partition}:iam::${env.accountId}:user/deployer`,
        userId: "AIDAEXAMPLE",
        id: env.accountId,
    }),
    "aws:index/getPartition:getPartition": (env) => ({
        partition: env.partition,
        dnsSuffix: "amazonaws.com",
        id: env.partition,
    }),
    "aws:index/getRegion:getRegion": (env, inputs) => {
        const region = (inputs.region as string | undefined) ?? env.region;
        const endpoint = `ec2.${region}.amazonaws.com`;
        return { region, name: region, id: region, description: region, endpoint };
    },
    // The issuer of a session: an assumed role's role (here without the path, which the real
    // data source reads with iam:GetRole), anything else itself.
    "aws:iam/getSessionContext:getSessionContext": (env, inputs) => {
        const arn = inputs.arn as string;
        const assumed = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
        const issuerArn =
            assumed === null ? arn : `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`;
        return {
            arn,
            id: arn,
            issuerArn,
            issuerId: "AROAEXAMPLE",
            issuerName: issuerArn.split("/").pop(),
            sessionName: assumed?.[4] ?? "",
        };
    },
    "aws:kms/getKey:getKey": getKey,
    "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts":
        descendantAccounts,
    "aws:organizations/getOrganization:getOrganization": (env) => ({
        id: "o-exampleorgid",
        arn: `arn:${env.partition}:organizations::${MANAGEMENT_ACCOUNT_ID}:organization/o-exampleorgid`,
        masterAccountId: MANAGEMENT_ACCOUNT_ID,
        featureSet: "ALL",
    }),
};

/** The answer to one invoke; an invoke the harness does not know is an error, not a guess. */
export function mockInvoke(
    env: MockEnvironment,
    token: string,
    inputs: Record<string, any>,
): Record<string, any> {
    const invoke = INVOKES[token];
    if (invoke === undefined) {
        throw new Error(`the mock harness does not answer invoke ${token}`);
    }
    return invoke(env, inputs);
}
