/**
 * The organization a fake central account sees: its OUs and their accounts, the instances of the
 * forwarders' and the links' StackSets, the members' last heartbeats, and the accounts each
 * region's sink links.
 */
import type { Account } from "@aws-sdk/client-organizations";
import type { VerificationOutput } from "../../components/stack";
import type { FakeOrganization } from "./fakeAccount";
import { NOW } from "./fakeMetrics";

const account = (id: string, state = "ACTIVE"): Account => ({
    Id: id,
    State: state as "ACTIVE",
    Name: id,
});

/**
 * Each OU holds the management account, the central account, two active members, a suspended one,
 * and a child OU with one more member, who is found only by walking the OUs.
 */
export function fakeOrganization(verification: VerificationOutput): FakeOrganization {
    const organization: FakeOrganization = {
        managementAccount: "123456789012",
        children: new Map(),
        instances: [],
        linkStackSetName: verification.organization?.observability?.linkStackSetName,
        linkInstances: [],
        lastHeartbeats: new Map(),
        linkedAccounts: new Map(),
    };
    const units = verification.organization?.organizationalUnitIds ?? [];
    units.forEach((unit, index) => {
        const member = (n: number) => `2000000000${index}${n}`;
        const child = `${unit}-child`;
        organization.children.set(unit, {
            accounts: [
                account("123456789012"),
                account(verification.account),
                account(member(1)),
                account(member(2)),
                account(member(3), "SUSPENDED"),
            ],
            units: [child],
        });
        organization.children.set(child, { accounts: [account(member(4))], units: [] });
        for (const id of [member(1), member(2), member(4)]) {
            for (const region of verification.organization?.regions ?? []) {
                const instance = {
                    Account: id,
                    Region: region,
                    OrganizationalUnitId: id.endsWith("4") ? child : unit,
                    Status: "CURRENT" as const,
                    StackInstanceStatus: { DetailedStatus: "SUCCEEDED" as const },
                };
                organization.instances.push(instance);
                if (organization.linkStackSetName !== undefined) {
                    organization.linkInstances.push({ ...instance });
                }
                organization.lastHeartbeats.set(`${id} ${region}`, NOW - 120_000);
                organization.linkedAccounts.set(region, [
                    ...(organization.linkedAccounts.get(region) ?? [verification.account]),
                    id,
                ]);
            }
        }
    });
    return organization;
}
