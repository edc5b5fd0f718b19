/** CloudTrail, answered from a FakeAccount: each region's trails, their status and selectors. */
import {
    CloudTrailClient,
    DescribeTrailsCommand,
    GetEventSelectorsCommand,
    GetTrailStatusCommand,
} from "@aws-sdk/client-cloudtrail";
import { mockClient } from "aws-sdk-client-mock";
import type { FakeAccount } from "./fakeAccount";
import { GetClient, regionOf, serviceError } from "./fakeService";

export function fakeCloudTrail(fake: FakeAccount) {
    const trail = async (name: string, getClient: GetClient) =>
        (fake.trails.get(await regionOf(getClient)) ?? []).find(
            (each) => each.trail.TrailARN === name,
        );
    const cloudTrail = mockClient(CloudTrailClient);
    cloudTrail.on(DescribeTrailsCommand).callsFake(async (_input, getClient) => {
        if (fake.trailError !== undefined) throw fake.trailError;
        return {
            trailList: (fake.trails.get(await regionOf(getClient)) ?? []).map((each) => each.trail),
        };
    });
    cloudTrail.on(GetTrailStatusCommand).callsFake(async (input, getClient) => ({
        IsLogging: (await trail(input.Name, getClient))?.logging,
    }));
    cloudTrail.on(GetEventSelectorsCommand).callsFake(async (input, getClient) => {
        const found = await trail(input.TrailName, getClient);
        if (found?.selectors === undefined)
            throw serviceError("TrailNotFoundException", "Unknown trail");
        return { TrailARN: input.TrailName, ...found.selectors };
    });
    return cloudTrail;
}
