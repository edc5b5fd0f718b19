import {
    Account,
    DescribeOrganizationCommand,
    paginateListAccountsForParent,
    paginateListOrganizationalUnitsForParent,
} from "@aws-sdk/client-organizations";
import type { VerificationOrganization } from "../../components/stack";
import { attempt, fail, Subject, VerifyContext } from "../context";
import { checkMemberHeartbeats } from "./memberHeartbeats";
import { checkObservability } from "./observability";
import {
    CheckedStackSet,
    reportInstance,
    reportMissingInstances,
    stackInstances,
} from "./stackSetInstances";

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

/** The forwarders' StackSet: what the member accounts' alerts go through. */
function forwardersStackSet(organization: VerificationOrganization): CheckedStackSet {
    return {
        name: organization.stackSetName,
        ids: { instance: "stackset-instance", missing: "member-account" },
        holds: "its forwarders",
        missing: "its KMS events reach nobody",
        report: fail,
    };
}

export async function checkOrganization(ctx: VerifyContext): Promise<void> {
    const organization = ctx.expected.organization;
    if (organization === undefined) {
        return;
    }
    const forwarders = forwardersStackSet(organization);
    ctx.report.progress(`StackSet ${organization.stackSetName}...`);
    const subject = {
        id: "stackset-instance",
        region: ctx.expected.homeRegion,
        resource: organization.stackSetName,
    };
    const instances = await stackInstances(ctx, organization, forwarders, subject);
    const accounts = await memberAccounts(ctx, organization, { ...subject, id: "member-account" });
    for (const instance of instances ?? []) {
        reportInstance(ctx, organization, forwarders, instance);
    }
    if (instances === undefined || accounts === undefined) {
        return;
    }
    reportMissingInstances(ctx, organization, forwarders, instances, accounts);
    await checkMemberHeartbeats(ctx, organization, accounts);
    await checkObservability(ctx, organization, accounts);
}
