import {
    CallAs,
    paginateListStackInstances,
    StackInstanceSummary,
} from "@aws-sdk/client-cloudformation";
import {
    Account,
    DescribeOrganizationCommand,
    paginateListAccountsForParent,
    paginateListOrganizationalUnitsForParent,
} from "@aws-sdk/client-organizations";
import type { VerificationOrganization } from "../../components/stack";
import { attempt, fail, pass, Subject, VerifyContext, warn } from "../context";
import { checkMemberHeartbeats } from "./memberHeartbeats";
import { checkObservability } from "./observability";

/**
 * Check 9, with `organization`: the StackSet's instances per member account and region with their
 * status, every active account under the OUs that has none, the members whose heartbeats
 * stopped, and with observability the members the central account cannot see through its sinks.
 * ListAccountsForParent lists only an OU's direct children, so the OUs under each OU are walked
 * too (ListOrganizationalUnitsForParent), and an account's State, not the retired Status, says
 * whether it is ACTIVE (Organizations API reference, Account). A service-managed StackSet
 * never deploys to the management account, and the stack leaves its own account out.
 */

/** Every account under `parentId`, at any depth. */
async function accountsUnder(
    ctx: VerifyContext,
    region: string,
    parentId: string,
): Promise<Account[]> {
    const client = ctx.aws.organizations(region);
    const accounts: Account[] = [];
    for await (const page of paginateListAccountsForParent({ client }, { ParentId: parentId })) {
        accounts.push(...(page.Accounts ?? []));
    }
    const units = paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId });
    for await (const page of units) {
        for (const unit of page.OrganizationalUnits ?? []) {
            accounts.push(...(await accountsUnder(ctx, region, unit.Id ?? "")));
        }
    }
    return accounts;
}

/** The active accounts the StackSet should reach: under the OUs, less the management and central accounts. */
async function memberAccounts(
    ctx: VerifyContext,
    organization: VerificationOrganization,
    subject: Subject,
) {
    const region = ctx.expected.homeRegion;
    return attempt(ctx, subject, "organizations", async () => {
        const described = await ctx.aws
            .organizations(region)
            .send(new DescribeOrganizationCommand({}));
        const management = described.Organization?.MasterAccountId;
        const lists = await Promise.all(
            organization.organizationalUnitIds.map((unit) => accountsUnder(ctx, region, unit)),
        );
        const active = lists.flat().filter((account) => account.State === "ACTIVE");
        const ids = new Set(active.map((account) => account.Id ?? ""));
        ids.delete(management ?? "");
        ids.delete(organization.centralAccount);
        return [...ids].sort();
    });
}

async function stackInstances(
    ctx: VerifyContext,
    organization: VerificationOrganization,
    subject: Subject,
) {
    return attempt(ctx, subject, "cloudformation", async () => {
        const instances: StackInstanceSummary[] = [];
        const pages = paginateListStackInstances(
            { client: ctx.aws.cloudFormation(ctx.expected.homeRegion) },
            { StackSetName: organization.stackSetName, CallAs: organization.callAs as CallAs },
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
    region: string | undefined,
    unit = "<its OU>",
): string {
    return [
        `aws cloudformation ${verb}-stack-instances`,
        `--stack-set-name ${organization.stackSetName}`,
        `--regions ${region}`,
        `--deployment-targets OrganizationalUnitIds=${unit}`,
        `--call-as ${organization.callAs}`,
    ].join(" ");
}

function reportInstance(
    ctx: VerifyContext,
    organization: VerificationOrganization,
    instance: StackInstanceSummary,
) {
    const detailed = instance.StackInstanceStatus?.DetailedStatus ?? "";
    const subject = {
        id: "stackset-instance",
        region: instance.Region ?? "",
        resource: `account ${instance.Account}`,
    };
    const status = `${instance.Status}/${detailed}${instance.StatusReason ? `: ${instance.StatusReason}` : ""}`;
    if (instance.Status === "CURRENT" && detailed === "SUCCEEDED") {
        pass(ctx, subject, `${organization.stackSetName} instance is CURRENT/SUCCEEDED`);
    } else if (instance.Status === "INOPERABLE" || detailed === "INOPERABLE") {
        fail(
            ctx,
            subject,
            `instance is ${status}: its forwarders are not managed any more`,
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
        fail(
            ctx,
            subject,
            `instance is ${status}`,
            "fix the reason, then retry: " +
                stackInstancesCommand(
                    "update",
                    organization,
                    instance.Region,
                    instance.OrganizationalUnitId,
                ),
        );
    }
}

export async function checkOrganization(ctx: VerifyContext): Promise<void> {
    const organization = ctx.expected.organization;
    if (organization === undefined) {
        return;
    }
    ctx.report.progress(`StackSet ${organization.stackSetName}...`);
    const subject = {
        id: "stackset-instance",
        region: ctx.expected.homeRegion,
        resource: organization.stackSetName,
    };
    const instances = await stackInstances(ctx, organization, subject);
    const accounts = await memberAccounts(ctx, organization, { ...subject, id: "member-account" });
    for (const instance of instances ?? []) {
        reportInstance(ctx, organization, instance);
    }
    if (instances === undefined || accounts === undefined) {
        return;
    }
    for (const account of accounts) {
        for (const region of organization.regions) {
            if (
                !instances.some(
                    (instance) => instance.Account === account && instance.Region === region,
                )
            ) {
                fail(
                    ctx,
                    { id: "member-account", region, resource: `account ${account}` },
                    `has no ${organization.stackSetName} instance: its KMS events reach nobody`,
                    "check the StackSet's automatic deployment, or: " +
                        stackInstancesCommand("create", organization, region),
                );
            }
        }
    }
    await checkMemberHeartbeats(ctx, organization, accounts);
    await checkObservability(ctx, organization, accounts);
}
