import {
    DescribeApiDestinationCommand,
    DescribeConnectionCommand,
} from "@aws-sdk/client-eventbridge";
import type { VerificationApiDestination } from "../../components/stack";
import { attempt, fail, pass, VerifyContext, warn } from "../context";

/**
 * Part of check 4 (`api-destination`, `connection`): each API destination of the stack (PagerDuty's)
 * is ACTIVE and calls the planned endpoint through its connection (DescribeApiDestination:
 * ApiDestinationState is ACTIVE or INACTIVE, EventBridge API reference, ApiDestination), and that
 * connection is AUTHORIZED (DescribeConnection, ConnectionState). For API key authorization a
 * connection is AUTHORIZED when it works and DEAUTHORIZED when authorization failed (EventBridge
 * User Guide, "Connection states"): EventBridge de-authorizes it itself when the endpoint answers
 * 401 or 407 or the secret is gone, and the destinations on it then send nothing until the
 * connection is updated ("De-authorizing connections"). The rules' targets look as planned all
 * the while, so only this check tells that every page is failing. verify reads the connection's
 * state and reason and prints nothing else of it.
 */

const TRANSITIONS = ["CREATING", "UPDATING", "AUTHORIZING", "DEAUTHORIZING", "DELETING"];

/** What a missing resource means: EventBridge has nothing to send the pages through. */
const missing = (what: string) => `${what} does not exist: every page fails`;

async function checkConnection(ctx: VerifyContext, destination: VerificationApiDestination) {
    const subject = {
        id: "connection",
        region: destination.region,
        resource: destination.connectionName,
    };
    const connection = await attempt(
        ctx,
        subject,
        "events",
        () =>
            ctx.aws
                .events(destination.region)
                .send(new DescribeConnectionCommand({ Name: destination.connectionName })),
        missing("the connection"),
    );
    if (connection === undefined) return;
    const state = connection.ConnectionState ?? "unknown";
    const reason = connection.StateReason ? `: ${connection.StateReason}` : "";
    if (state === "AUTHORIZED") {
        pass(ctx, subject, `is AUTHORIZED: ${destination.name} can call ${destination.endpoint}`);
    } else if (TRANSITIONS.includes(state)) {
        warn(ctx, subject, `is ${state}${reason}`, "run verify again in a few minutes");
    } else {
        fail(
            ctx,
            subject,
            `is ${state}${reason}: EventBridge sends nothing through it, so every ` +
                `${destination.kind} alert fails`,
            `check the ${destination.kind} key (a revoked or wrong key is refused), set the right ` +
                "one with pulumi config set --secret kms-monitoring:pagerDutyRoutingKey, then pulumi up: " +
                "updating the connection authorizes it again (EventBridge User Guide, " +
                '"Updating connections"); with the key unchanged pulumi up changes nothing, so ' +
                `replace the connection: pulumi up --replace <the URN of ${destination.connectionName}>`,
        );
    }
}

async function checkDestination(ctx: VerifyContext, destination: VerificationApiDestination) {
    const subject = {
        id: "api-destination",
        region: destination.region,
        resource: destination.name,
    };
    const found = await attempt(
        ctx,
        subject,
        "events",
        () =>
            ctx.aws
                .events(destination.region)
                .send(new DescribeApiDestinationCommand({ Name: destination.name })),
        missing("the API destination"),
    );
    if (found === undefined) return;
    const problems = [
        ...(found.ApiDestinationState === "ACTIVE"
            ? []
            : [`is ${found.ApiDestinationState ?? "in no state"}, not ACTIVE`]),
        ...(found.InvocationEndpoint === destination.endpoint
            ? []
            : [`calls ${found.InvocationEndpoint}, not ${destination.endpoint}`]),
        ...((found.ConnectionArn ?? "").includes(`:connection/${destination.connectionName}/`)
            ? []
            : [`uses the connection ${found.ConnectionArn}, not ${destination.connectionName}`]),
    ];
    if (problems.length > 0) {
        fail(
            ctx,
            subject,
            problems.join("; "),
            "run pulumi up (pulumi refresh first shows what changed)",
        );
    } else {
        pass(ctx, subject, `is ACTIVE and calls ${destination.endpoint}`);
    }
}

export async function checkApiDestinations(ctx: VerifyContext): Promise<void> {
    for (const destination of ctx.expected.apiDestinations) {
        ctx.report.progress(`API destination ${destination.name}...`);
        await checkDestination(ctx, destination);
        await checkConnection(ctx, destination);
    }
}
