import { strict as assert } from "assert";
import { organizationBusPolicy } from "../../components/organization";
import { restoreWarnings } from "../harness";
import { evaluate, Request } from "../../verify/policyEvaluator";
import { BUS_ARN, CENTRAL, centralRecorder, MEMBER, template } from "./fixtures";

afterEach(restoreWarnings);

describe("the organization bus policy", () => {
    const forwarded = {
        sources: ["aws.kms", "aws.events"],
        detailTypes: ["AWS API Call via CloudTrail", "Scheduled Event"],
    };
    const senders = "arn:aws:iam::*:role/kms-monitoring-dev-member-forwarder-*";
    const policy = organizationBusPolicy(BUS_ARN, "o-a1b2c3d4e5", forwarded, senders);
    const forwarder = `arn:aws:iam::${MEMBER}:role/kms-monitoring-dev-member-forwarder-eu-west-1`;
    const put = (
        orgId: string,
        source = "aws.kms",
        detailType = "AWS API Call via CloudTrail",
        role = forwarder,
    ): Request => ({
        principal: { type: "AWS", id: role },
        action: "events:PutEvents",
        resource: BUS_ARN,
        context: {
            "aws:PrincipalOrgID": orgId,
            "aws:PrincipalArn": role,
            "events:source": source,
            "events:detail-type": detailType,
        },
    });

    it("lets a principal of the organization put the forwarded kinds of event", () => {
        assert.equal(evaluate(policy, put("o-a1b2c3d4e5")), "Allow");
        assert.equal(
            evaluate(policy, put("o-a1b2c3d4e5", "aws.events", "Scheduled Event")),
            "Allow",
        );
    });

    it("denies a principal outside the organization, and other sources or detail-types", () => {
        assert.equal(evaluate(policy, put("o-zzzzzzzzzz")), "ImplicitDeny");
        assert.equal(evaluate(policy, put("o-a1b2c3d4e5", "my.app")), "ImplicitDeny");
        assert.equal(
            evaluate(policy, put("o-a1b2c3d4e5", "aws.kms", "Order Created")),
            "ImplicitDeny",
        );
        assert.equal(
            evaluate(policy, { ...put("o-a1b2c3d4e5"), action: "events:PutRule" }),
            "ImplicitDeny",
        );
    });

    it("denies any other principal of the organization, which could otherwise fake alerts", () => {
        assert.equal(
            evaluate(
                policy,
                put(
                    "o-a1b2c3d4e5",
                    "aws.kms",
                    "AWS API Call via CloudTrail",
                    `arn:aws:iam::${MEMBER}:role/Admin`,
                ),
            ),
            "ImplicitDeny",
        );
        assert.equal(
            evaluate(
                policy,
                put(
                    "o-a1b2c3d4e5",
                    "aws.kms",
                    "AWS API Call via CloudTrail",
                    `arn:aws:iam::${CENTRAL}:user/alice`,
                ),
            ),
            "ImplicitDeny",
        );
    });

    it("admits exactly what the member template forwards", async () => {
        const recorder = await centralRecorder();
        const deployed = JSON.parse(
            recorder.one("aws:cloudwatch/eventBusPolicy:EventBusPolicy").inputs.policy,
        );
        const resources = template(recorder).Resources;
        // The template's role, in any member account and region, is the sender the policy admits.
        const roleName = resources.ForwardingRole.Properties.RoleName["Fn::Sub"].replace(
            "${AWS::Region}",
            "ap-southeast-2",
        );
        assert.equal(
            evaluate(
                deployed,
                put(
                    "o-a1b2c3d4e5",
                    "aws.kms",
                    "AWS API Call via CloudTrail",
                    `arn:aws:iam::${MEMBER}:role/${roleName}`,
                ),
            ),
            "Allow",
        );
        for (const rule of Object.values(resources).filter(
            (resource) => resource.Type === "AWS::Events::Rule",
        )) {
            const pattern = rule.Properties.EventPattern ?? {
                source: ["aws.events"],
                "detail-type": ["Scheduled Event"],
            };
            for (const source of pattern.source) {
                for (const detailType of pattern["detail-type"]) {
                    assert.equal(
                        evaluate(deployed, put("o-a1b2c3d4e5", source, detailType)),
                        "Allow",
                        `${source} ${detailType}`,
                    );
                }
            }
        }
        // ...and nothing the template does not forward.
        assert.equal(
            evaluate(
                deployed,
                put("o-a1b2c3d4e5", "aws.ec2", "EC2 Instance State-change Notification"),
            ),
            "ImplicitDeny",
        );
        assert.equal(
            evaluate(deployed, put("o-a1b2c3d4e5", "aws.kms", "AWS Service Event via CloudTrail")),
            "ImplicitDeny",
        );
    });
});
