import { strict as assert } from "assert";
import { observabilitySinkPolicy } from "../../components/organization";
import { evaluate, Request } from "../../verify/policyEvaluator";
import { CENTRAL, MEMBER, ORG, OU, ROOT } from "./fixtures";

/** A request to a sink, as a principal of a member account under `path` makes it. */
function linkRequest(
    resourceTypes: string,
    orgId = ORG,
    path = `${ORG}/${ROOT}/${OU}/`,
    action = "oam:CreateLink",
): Request {
    return {
        principal: {
            type: "AWS",
            id: `arn:aws:iam::${MEMBER}:role/stacksets-exec-0123456789abcdef`,
        },
        action,
        resource: `arn:aws:oam:eu-west-1:${CENTRAL}:sink/abcd1234-a123-456a-a12b-a123b456c789`,
        context: {
            "aws:PrincipalOrgID": orgId,
            "aws:PrincipalOrgPaths": path,
            "oam:ResourceTypes": resourceTypes,
        },
    };
}

describe("the observability sink policy", () => {
    const policy = observabilitySinkPolicy(ORG, [OU]);

    it("lets a member under the OUs link its metrics, and update that link", () => {
        assert.equal(evaluate(policy, linkRequest("AWS::CloudWatch::Metric")), "Allow");
        assert.equal(
            evaluate(
                policy,
                linkRequest("AWS::CloudWatch::Metric", ORG, undefined, "oam:UpdateLink"),
            ),
            "Allow",
        );
        // An account in an OU nested below the configured one is a StackSet target too.
        assert.equal(
            evaluate(
                policy,
                linkRequest(
                    "AWS::CloudWatch::Metric",
                    ORG,
                    `${ORG}/${ROOT}/${OU}/ou-ab12-child123/`,
                ),
            ),
            "Allow",
        );
    });

    it("denies a link that asks for log groups, alone or besides metrics", () => {
        assert.equal(evaluate(policy, linkRequest("AWS::Logs::LogGroup")), "ImplicitDeny");
        assert.equal(
            evaluate(policy, linkRequest("AWS::CloudWatch::Metric,AWS::Logs::LogGroup")),
            "ImplicitDeny",
        );
    });

    it("denies an account outside the organization, and one of the organization outside the OUs", () => {
        assert.equal(
            evaluate(
                policy,
                linkRequest(
                    "AWS::CloudWatch::Metric",
                    "o-zzzzzzzzzz",
                    `o-zzzzzzzzzz/r-zz99/${OU}/`,
                ),
            ),
            "ImplicitDeny",
        );
        const outsider = linkRequest("AWS::CloudWatch::Metric");
        assert.equal(
            evaluate(policy, {
                ...outsider,
                context: { "oam:ResourceTypes": "AWS::CloudWatch::Metric" },
            }),
            "ImplicitDeny",
            "a principal of no organization",
        );
        assert.equal(
            evaluate(
                policy,
                linkRequest("AWS::CloudWatch::Metric", ORG, `${ORG}/${ROOT}/ou-ab12-other999/`),
            ),
            "ImplicitDeny",
        );
    });

    it("grants nothing but CreateLink and UpdateLink", () => {
        for (const action of [
            "oam:DeleteSink",
            "oam:PutSinkPolicy",
            "oam:DeleteLink",
            "oam:TagResource",
        ]) {
            assert.equal(
                evaluate(policy, linkRequest("AWS::CloudWatch::Metric", ORG, undefined, action)),
                "ImplicitDeny",
                action,
            );
        }
    });

    it("admits every account of the organization when the root is the OU", () => {
        const root = observabilitySinkPolicy(ORG, [ROOT]);
        assert.equal(
            evaluate(root, linkRequest("AWS::CloudWatch::Metric", ORG, `${ORG}/${ROOT}/`)),
            "Allow",
        );
        assert.equal(
            evaluate(root, linkRequest("AWS::CloudWatch::Metric", ORG, `${ORG}/r-other1/`)),
            "ImplicitDeny",
        );
    });
});
