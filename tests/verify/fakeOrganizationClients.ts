/**
 * What the central account asks about its organization, answered from a FakeAccount: Organizations
 * (the OUs and their accounts), CloudFormation (the StackSet's instances) and CloudWatch Logs (the
 * Logs Insights query of the members' last heartbeats).
 */
import { CloudFormationClient, ListStackInstancesCommand } from "@aws-sdk/client-cloudformation";
import {
    CloudWatchLogsClient,
    GetQueryResultsCommand,
    StartQueryCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
    DescribeOrganizationCommand,
    ListAccountsForParentCommand,
    ListOrganizationalUnitsForParentCommand,
    OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { mockClient } from "aws-sdk-client-mock";
import type { FakeAccount } from "./fakeAccount";
import { pageOf } from "./fakeService";

export function fakeOrganizations(fake: FakeAccount) {
    const organizations = mockClient(OrganizationsClient);
    const children = (id: string) =>
        fake.organization.children.get(id) ?? { accounts: [], units: [] };
    organizations
        .on(DescribeOrganizationCommand)
        .resolves({ Organization: { MasterAccountId: fake.organization.managementAccount } });
    organizations.on(ListAccountsForParentCommand).callsFake((input) => {
        const { page, NextToken } = pageOf(children(input.ParentId).accounts, input.NextToken);
        return { Accounts: page, NextToken };
    });
    organizations.on(ListOrganizationalUnitsForParentCommand).callsFake((input) => {
        const { page, NextToken } = pageOf(children(input.ParentId).units, input.NextToken);
        return { OrganizationalUnits: page.map((Id) => ({ Id })), NextToken };
    });
    const cloudFormation = mockClient(CloudFormationClient);
    cloudFormation.on(ListStackInstancesCommand).callsFake((input) => {
        if (fake.organization.instancesError !== undefined) throw fake.organization.instancesError;
        const organization = fake.organization;
        const instances =
            input.StackSetName === organization.linkStackSetName
                ? organization.linkInstances
                : organization.instances;
        const { page, NextToken } = pageOf(instances, input.NextToken);
        return { Summaries: page, NextToken };
    });
    const logs = mockClient(CloudWatchLogsClient);
    logs.on(StartQueryCommand).resolves({ queryId: "query-1" });
    logs.on(GetQueryResultsCommand).callsFake(() => ({
        status: "Complete",
        results: [...fake.organization.lastHeartbeats].map(([pair, time]) => {
            const [account, region] = pair.split(" ");
            const stamp = new Date(time).toISOString().replace("T", " ").replace("Z", "");
            return [
                { field: "account", value: account },
                { field: "region", value: region },
                { field: "lastHeartbeat", value: stamp },
            ];
        }),
    }));
    return [organizations, cloudFormation, logs];
}
