import type { VerifyContext } from "./context";

/**
 * The checks in the order docs/verify.md gives them. Each check's module, and with it its AWS SDK
 * client, loads just before it runs: missing credentials stop verify after the first call, having
 * loaded one client.
 */
export async function runChecks(ctx: VerifyContext): Promise<void> {
    const { checkIdentity } = await import("./checks/identity");
    if (!(await checkIdentity(ctx))) {
        return;
    }
    await (await import("./checks/subscriptions")).checkSubscriptions(ctx);
    await (await import("./checks/trails")).checkTrails(ctx);
    await (await import("./checks/rules")).checkRules(ctx);
    await (await import("./checks/apiDestinations")).checkApiDestinations(ctx);
    await (await import("./checks/topicKey")).checkTopicsAndKeys(ctx);
    await (await import("./checks/delivery")).checkDelivery(ctx);
    await (await import("./checks/alarms")).checkAlarms(ctx);
    await (await import("./checks/requestQuotas")).checkRequestQuotas(ctx);
    await (await import("./checks/heartbeats")).checkHeartbeats(ctx);
    await (await import("./checks/organization")).checkOrganization(ctx);
    await (await import("./checks/organizationTrail")).checkOrganizationTrail(ctx);
    if (ctx.canary) {
        await (await import("./checks/canary")).runCanary(ctx);
    }
}
