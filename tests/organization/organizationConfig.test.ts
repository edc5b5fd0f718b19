import { strict as assert } from "assert";
import { parseStackConfig } from "../../components/config";
import { CENTRAL, CONFIG_CONTEXT, configProblems, ORG, OU, REGIONS } from "./fixtures";

describe("config: organization", () => {
    const raw = (organization: unknown, regions?: string[]) => ({
        organization: JSON.stringify(organization),
        ...(regions === undefined ? {} : { regions: JSON.stringify(regions) }),
    });
    const parse = (organization: unknown, regions?: string[]) =>
        parseStackConfig(raw(organization, regions), CONFIG_CONTEXT);
    const problems = (organization: unknown, regions?: string[]): string =>
        configProblems(raw(organization, regions));

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
                { ...CONFIG_CONTEXT, stack: "a-rather-long-stack-name-here" },
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

describe("config: organization.observability and organization.sinkArns", () => {
    const raw = (extra: Record<string, unknown>) => ({
        regions: JSON.stringify(REGIONS),
        organization: JSON.stringify({ id: ORG, organizationalUnitIds: [OU], ...extra }),
    });
    const parse = (extra: Record<string, unknown>) => parseStackConfig(raw(extra), CONFIG_CONTEXT);
    const problems = (extra: Record<string, unknown>): string => configProblems(raw(extra));
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
