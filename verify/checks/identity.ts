import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { endpointOf } from "../clients";
import { fail, pass, VerifyContext } from "../context";
import { environmentErrorOf, EnvironmentError, messageOf, notAwsError } from "../errors";

/**
 * Check 1: the caller is in the stack's account. GetCallerIdentity needs no permission and cannot
 * be denied (STS API reference, GetCallerIdentity), so it is also where missing or expired
 * credentials and an unreachable endpoint show first: those stop verify with exit code 2.
 * Returns whether the other checks can run.
 */
export async function checkIdentity(ctx: VerifyContext): Promise<boolean> {
    const region = ctx.expected.homeRegion;
    const subject = { id: "identity", region, resource: "caller" };
    const endpoint = endpointOf("sts", region);
    let identity;
    try {
        identity = await ctx.aws.sts(region).send(new GetCallerIdentityCommand({}));
    } catch (error) {
        throw (
            environmentErrorOf(error, endpoint) ??
            new EnvironmentError(`cannot identify the caller: ${messageOf(error)}`)
        );
    }
    // AWS STS always answers with the account (STS API reference, GetCallerIdentity): an answer
    // without one comes from something else at the endpoint, not from another account.
    if (identity.Account === undefined || identity.Account === "") {
        throw notAwsError(
            endpoint,
            identity.$metadata.httpStatusCode ?? 200,
            "GetCallerIdentity without an Account",
        );
    }
    const caller = { ...subject, resource: identity.Arn ?? "caller" };
    if (identity.Account !== ctx.expected.account) {
        fail(
            ctx,
            caller,
            `the credentials are for account ${identity.Account}, the stack is in ${ctx.expected.account}`,
            `use credentials for account ${ctx.expected.account} (AWS_PROFILE), or verify the stack deployed there`,
        );
        return false;
    }
    pass(ctx, caller, `the caller is in the stack's account ${ctx.expected.account}`);
    return true;
}
