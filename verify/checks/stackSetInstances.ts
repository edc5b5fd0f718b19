import {
    CallAs,
    paginateListStackInstances,
    StackInstanceSummary,
} from "@aws-sdk/client-cloudformation";
import type { VerificationOrganization } from "../../components/stack";
import { attempt, fail, pass, Subject, VerifyContext, warn } from "../context";

/**
 * The instances of one of the organization's StackSets, per member account and region, with their
 * status, and the member accounts and regions that have none. The forwarders' StackSet carries the
 * alerts: its problems are FAILs. The observability link's has a StackSet of its own so that a
 * link that fails leaves the forwarders in place: its problems are WARNs of their own, since only
 * the central dashboard depends on it.
 */
export interface CheckedStackSet {
    readonly name: string;
    /** The ids its results are reported under: an instance's, and a member's without one. */
    readonly ids: { readonly instance: string; readonly missing: string };
    /** What its instance holds, e.g. "its forwarders". */
    readonly holds: string;
    /** What a member account and region without an instance misses. */
    readonly missing: string;
    /** FAIL for the forwarders, WARN for the link. */
    readonly report: typeof fail;
    /** What to check first when an instance failed, before retrying it. Default: the reason shown. */
    readonly causes?: string;
}

export async function stackInstances(
    ctx: VerifyContext,
    organization: VerificationOrganization,
    stackSet: CheckedStackSet,
    subject: Subject,
): Promise<StackInstanceSummary[] | undefined> {
    return attempt(ctx, subject, "cloudformation", async () => {
        const instances: StackInstanceSummary[] = [];
        const pages = paginateListStackInstances(
            { client: ctx.aws.cloudFormation(ctx.expected.homeRegion) },
            { StackSetName: stackSet.name, CallAs: organization.callAs as CallAs },
        );
        for await (const page of pages) {
            instances.push(...(page.Summaries ?? []));
        }
        return instances;
    });
}

/** The CLI command that creates or updates the instances of one OU in one region. */
function stackInstancesCommand(
    verb: "create" | "update",
    organization: VerificationOrganization,
    stackSet: CheckedStackSet,
    region: string | undefined,
    unit = "<its OU>",
): string {
    return [
        `aws cloudformation ${verb}-stack-instances`,
        `--stack-set-name ${stackSet.name}`,
        `--regions ${region}`,
        `--deployment-targets OrganizationalUnitIds=${unit}`,
        `--call-as ${organization.callAs}`,
    ].join(" ");
}

export function reportInstance(
    ctx: VerifyContext,
    organization: VerificationOrganization,
    stackSet: CheckedStackSet,
    instance: StackInstanceSummary,
): void {
    const detailed = instance.StackInstanceStatus?.DetailedStatus ?? "";
    const subject = {
        id: stackSet.ids.instance,
        region: instance.Region ?? "",
        resource: `account ${instance.Account}`,
    };
    const status = `${instance.Status}/${detailed}${instance.StatusReason ? `: ${instance.StatusReason}` : ""}`;
    if (instance.Status === "CURRENT" && detailed === "SUCCEEDED") {
        pass(ctx, subject, `${stackSet.name} instance is CURRENT/SUCCEEDED`);
    } else if (instance.Status === "INOPERABLE" || detailed === "INOPERABLE") {
        stackSet.report(
            ctx,
            subject,
            `instance is ${status}: ${stackSet.holds} are not managed any more`,
            `delete the instance with --retain-stacks, delete its stack ` +
                `in the account by hand, then pulumi up to create it again`,
        );
    } else if (["RUNNING", "PENDING"].includes(detailed)) {
        warn(
            ctx,
            subject,
            `instance is ${status}: an operation is still running`,
            "run verify again when it ends",
        );
    } else if (detailed === "SKIPPED_SUSPENDED_ACCOUNT") {
        warn(
            ctx,
            subject,
            `instance is ${status}`,
            "the account is suspended; nothing to do unless it comes back",
        );
    } else {
        stackSet.report(
            ctx,
            subject,
            `instance is ${status}`,
            `${stackSet.causes ?? "fix the reason"}, then retry: ` +
                stackInstancesCommand(
                    "update",
                    organization,
                    stackSet,
                    instance.Region,
                    instance.OrganizationalUnitId,
                ),
        );
    }
}

/** Every member account and region the StackSet should reach and has no instance in. */
export function reportMissingInstances(
    ctx: VerifyContext,
    organization: VerificationOrganization,
    stackSet: CheckedStackSet,
    instances: readonly StackInstanceSummary[],
    accounts: readonly string[],
): void {
    for (const account of accounts) {
        for (const region of organization.regions) {
            if (
                !instances.some(
                    (instance) => instance.Account === account && instance.Region === region,
                )
            ) {
                stackSet.report(
                    ctx,
                    { id: stackSet.ids.missing, region, resource: `account ${account}` },
                    `has no ${stackSet.name} instance: ${stackSet.missing}`,
                    "check the StackSet's automatic deployment, or: " +
                        stackInstancesCommand("create", organization, stackSet, region),
                );
            }
        }
    }
}
