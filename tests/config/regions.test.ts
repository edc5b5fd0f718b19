import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, ParseContext } from "../../components/config";

const CONTEXT: ParseContext = {
    project: "kms-monitoring",
    stack: "dev",
    now: new Date("2026-11-28T12:00:00Z"),
    homeRegion: "eu-west-1",
};

function parse(raw: Record<string, unknown>, context: Partial<ParseContext> = {}) {
    const asCli = Object.fromEntries(
        Object.entries(raw).map(([key, value]) => [key, JSON.stringify(value)]),
    );
    return parseStackConfig(asCli, { ...CONTEXT, ...context });
}

function problems(raw: Record<string, unknown>, context: Partial<ParseContext> = {}): string {
    try {
        parse(raw, context);
    } catch (error) {
        assert.ok(error instanceof pulumi.RunError);
        return error.message;
    }
    assert.fail(`config was accepted: ${JSON.stringify(raw)}`);
}

describe("config: regions", () => {
    it("defaults to the home region alone", () => {
        assert.deepEqual(parse({}).regions, ["eu-west-1"]);
        assert.equal(parse({}).homeRegion, "eu-west-1");
    });

    it("accepts the home region with others, in any order", () => {
        assert.deepEqual(parse({ regions: ["us-east-1", "eu-west-1"] }).regions, [
            "us-east-1",
            "eu-west-1",
        ]);
    });

    it("names an entry that is not a region code", () => {
        const message = problems({ regions: ["eu-west-1", "Frankfurt", "eu-west"] });
        assert.match(
            message,
            /kms-monitoring:regions\[1\]: is not an AWS region code; expected e\.g\. eu-west-1 \(got "Frankfurt"\)/,
        );
        assert.match(message, /kms-monitoring:regions\[2\]: is not an AWS region code/);
    });

    it("names a list that is not one, or is empty", () => {
        assert.match(
            problems({ regions: "eu-west-1" }),
            /kms-monitoring:regions: must be a list of region codes \(got "eu-west-1"\)/,
        );
        assert.match(
            problems({ regions: [] }),
            /kms-monitoring:regions: must list at least the home region/,
        );
    });

    it("names a duplicate", () => {
        assert.match(
            problems({ regions: ["eu-west-1", "us-east-1", "us-east-1"] }),
            /kms-monitoring:regions\[2\]: is listed twice \(got "us-east-1"\)/,
        );
    });

    it("says to add the home region when it is missing", () => {
        assert.match(
            problems({ regions: ["us-east-1", "us-west-2"] }),
            /kms-monitoring:regions: does not contain the home region eu-west-1 \(aws:region\), where the topic and the alert rules live: add "eu-west-1"/,
        );
    });

    it("asks for aws:region when there is no home region to forward to", () => {
        assert.match(
            problems({ regions: ["us-east-1", "us-west-2"] }, { homeRegion: undefined }),
            /kms-monitoring:regions: needs the home region: set aws:region/,
        );
    });

    it("refuses more than one region in GovCloud and in China, where EventBridge has no cross-Region routing", () => {
        assert.match(
            problems(
                { regions: ["us-gov-west-1", "us-gov-east-1"] },
                { homeRegion: "us-gov-west-1" },
            ),
            /kms-monitoring:regions\[1\]: cannot be watched from us-gov-west-1: EventBridge has no cross-Region event routing in aws-us-gov/,
        );
        assert.match(
            problems({ regions: ["cn-north-1", "cn-northwest-1"] }, { homeRegion: "cn-north-1" }),
            /kms-monitoring:regions\[1\]: .*no cross-Region event routing in aws-cn/,
        );
        assert.deepEqual(
            parse({ regions: ["us-gov-west-1"] }, { homeRegion: "us-gov-west-1" }).regions,
            ["us-gov-west-1"],
        );
    });

    it("refuses a region of another partition", () => {
        assert.match(
            problems({ regions: ["eu-west-1", "cn-north-1"] }),
            /kms-monitoring:regions\[1\]: is in partition aws-cn, the home region eu-west-1 in aws; EventBridge cannot forward events between partitions/,
        );
    });

    it("refuses a stack name that makes the forwarding rule names too long", () => {
        const message = problems(
            { regions: ["eu-west-1", "ap-southeast-2"] },
            { stack: "a-very-long-stack-name-for-monitoring" },
        );
        assert.match(
            message,
            /kms-monitoring:regions\[1\]: makes the forwarding rule name "kms-monitoring-a-very-long-stack-name-for-monitoring-\S+" longer than 64 characters/,
        );
    });

    it("names a watched key ARN whose region is not watched", () => {
        const message = problems({
            regions: ["eu-west-1", "us-east-1"],
            watchedKeys: [
                "alias/home",
                "arn:aws:kms:ap-south-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab",
            ],
        });
        assert.match(
            message,
            /kms-monitoring:watchedKeys\[1\]: is in ap-south-1, which kms-monitoring:regions does not list; add ap-south-1 to regions/,
        );
        assert.doesNotMatch(message, /watchedKeys\[0\]/);
    });

    it("accepts a watched key ARN in a watched region", () => {
        const arn = "arn:aws:kms:us-east-1:111122223333:alias/replica";
        assert.deepEqual(
            parse({ regions: ["eu-west-1", "us-east-1"], watchedKeys: [arn] }).watchedKeys,
            [arn],
        );
    });
});
