/**
 * EventBridge, answered from a FakeAccount: its rules and targets, API destinations and
 * connections. TestEventPattern is answered by the pattern matcher of tests/support, the same the
 * other tests trust.
 */
import {
    DescribeApiDestinationCommand,
    DescribeConnectionCommand,
    DescribeRuleCommand,
    EventBridgeClient,
    ListTargetsByRuleCommand,
    TestEventPatternCommand,
} from "@aws-sdk/client-eventbridge";
import { mockClient } from "aws-sdk-client-mock";
import { matchesPattern } from "../support/eventMatcher";
import type { FakeAccount } from "./fakeAccount";
import { GetClient, regionOf, serviceError } from "./fakeService";

/**
 * TestEventPattern's event "must follow the format specified in Amazon Web Services Events, and
 * the following fields are mandatory: id, account, source, time, region, resources, detail-type"
 * (EventBridge API reference, TestEventPattern, Event). A sample that lacks one is refused here
 * (with one of the API's documented errors, InvalidEventPatternException), so that a broken
 * sample fails a test instead of matching in the fake only.
 */
export const TEST_EVENT_FIELDS = [
    "id",
    "account",
    "source",
    "time",
    "region",
    "resources",
    "detail-type",
] as const;

export function assertTestableEvent(event: Record<string, unknown>): void {
    const missing = TEST_EVENT_FIELDS.filter((field) => event[field] === undefined);
    if (missing.length > 0) {
        throw serviceError(
            "InvalidEventPatternException",
            `Event is not valid: missing ${missing.join(", ")}`,
        );
    }
}

export function fakeEvents(fake: FakeAccount) {
    const rule = async (
        input: { Name?: string; Rule?: string; EventBusName?: string },
        getClient: GetClient,
    ) => {
        const found = fake.rules.get(
            `${await regionOf(getClient)} ${input.EventBusName ?? "default"} ${input.Name ?? input.Rule}`,
        );
        if (found === undefined) {
            throw serviceError(
                "ResourceNotFoundException",
                `Rule ${input.Name ?? input.Rule} does not exist.`,
            );
        }
        return found;
    };
    const events = mockClient(EventBridgeClient);
    events.on(DescribeRuleCommand).callsFake(async (input, getClient) => {
        const { Targets: _targets, ...described } = await rule(input, getClient);
        return { Name: input.Name, EventBusName: input.EventBusName, ...described };
    });
    events.on(ListTargetsByRuleCommand).callsFake(async (input, getClient) => ({
        Targets: (await rule(input, getClient)).Targets,
    }));
    events.on(TestEventPatternCommand).callsFake((input) => {
        const event = JSON.parse(input.Event);
        assertTestableEvent(event);
        return { Result: matchesPattern(JSON.parse(input.EventPattern), event) };
    });
    const named = <T>(map: Map<string, T>, name: string, what: string): T => {
        const found = map.get(name);
        if (found === undefined) {
            throw serviceError("ResourceNotFoundException", `Failed to describe the ${what}(s).`);
        }
        return found;
    };
    events.on(DescribeApiDestinationCommand).callsFake((input) => ({
        Name: input.Name,
        ...named(fake.apiDestinations, input.Name, "api-destination"),
    }));
    events.on(DescribeConnectionCommand).callsFake((input) => ({
        Name: input.Name,
        AuthorizationType: "API_KEY",
        ...named(fake.connections, input.Name, "connection"),
    }));
    return events;
}
