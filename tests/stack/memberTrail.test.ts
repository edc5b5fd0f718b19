import { strict as assert } from "assert";
import { KmsMonitoringArgs, planMonitoring } from "../../components/stack";
import {
    memberTrailRequirement,
    memberTrailWarning,
} from "../../components/stack/verificationTrails";

const CENTRAL = "111122223333";
const MEMBER = "444455556666";
const key = (account: string, region = "eu-west-1") =>
    `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const ORGANIZATION: KmsMonitoringArgs = {
    namePrefix: "kms-monitoring-test",
    homeRegion: "us-east-1",
    regions: ["us-east-1", "eu-west-1"],
    organization: { id: "o-a1b2c3d4e5", organizationalUnitIds: ["ou-ab12-cdef3456"] },
};

/** What pulumi up says and what verify checks, for one configuration. */
function both(args: Partial<KmsMonitoringArgs>) {
    const plan = planMonitoring({ ...ORGANIZATION, ...args });
    return {
        required: memberTrailRequirement(plan, CENTRAL),
        warning: memberTrailWarning(plan, CENTRAL),
    };
}

describe("the members' trail: what pulumi up warns of is what verify checks", () => {
    const configurations: [string, Partial<KmsMonitoringArgs>][] = [
        ["the defaults: read-only GenerateDataKey, and calls on keys pending deletion", {}],
        [
            "writes only, but every call on a key pending deletion",
            { apiCallAlerts: [{ name: "w", eventNames: ["DisableKey"] }] },
        ],
        [
            "writes only, nothing pending deletion",
            {
                apiCallAlerts: [{ name: "w", eventNames: ["DisableKey"] }],
                pendingDeletionUseAlerts: false,
            },
        ],
        [
            "Decrypt on this account's keys only, which members never call",
            {
                apiCallAlerts: [
                    { name: "w", eventNames: ["DisableKey"] },
                    { name: "r", eventNames: ["Decrypt"], keyArns: [key(CENTRAL)] },
                ],
                pendingDeletionUseAlerts: false,
            },
        ],
        [
            "Decrypt on a member's key in one region",
            {
                apiCallAlerts: [{ name: "r", eventNames: ["Decrypt"], keyArns: [key(MEMBER)] }],
                pendingDeletionUseAlerts: false,
            },
        ],
        ["nothing on API calls", { apiCallAlerts: [], pendingDeletionUseAlerts: false }],
    ];

    for (const [what, args] of configurations) {
        it(`agrees on the regions and on read-only events: ${what}`, () => {
            const { required, warning } = both(args);
            assert.equal(warning === undefined, required.length === 0);
            if (warning === undefined) return;
            const regions = /every member region \(([^)]*)\)/.exec(warning)?.[1];
            assert.equal(regions, required.map((each) => each.region).join(", "));
            assert.equal(
                warning.includes("read-only events included"),
                required.some((each) => each.readEvents),
            );
        });
    }

    it("asks for read-only events for calls on keys pending deletion, and not for this account's keys", () => {
        assert.match(
            both(configurations[1][1]).warning ?? "",
            /read-only events included \(pendingDeletionUseAlerts watches every call on a key pending deletion\)/,
        );
        assert.doesNotMatch(both(configurations[3][1]).warning ?? "", /read-only/);
        assert.match(
            both(configurations[4][1]).warning ?? "",
            /every member region \(eu-west-1\), .*read-only events included \(apiCallAlerts watches Decrypt\)/,
        );
    });
});
