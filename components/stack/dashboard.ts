import * as pulumi from "@pulumi/pulumi";
import { MonitoringDashboard } from "../dashboard";
import type { StackContext } from "./context";
import type { HomeRegion } from "./homeRegion";
import type { OtherRegions } from "./otherRegions";

/** The dashboard of the whole stack: every alarm, every region's rules and queues and keys. */
export function buildDashboard(
    { parent, name, plan, environment }: StackContext,
    home: HomeRegion,
    otherRegions: OtherRegions | undefined,
    alarmArns: pulumi.Output<string[]>,
): MonitoringDashboard | undefined {
    if (!plan.features.dashboard) {
        return undefined;
    }
    return new MonitoringDashboard(
        `${name}-dashboard`,
        {
            dashboardName: plan.namePrefix,
            environment,
            expiringKeys: home.expiryAlarms.keys,
            discoverExpiringKeys: plan.features.discoverExpiringKeys,
            quotaWarningPercent: plan.features.requestQuotaAlarms
                ? plan.quotaWarningPercent
                : undefined,
            customKeyStores: plan.features.customKeyStoreAlarms,
            ruleNames: plan.homeRules.ruleNames,
            alarmArns,
            deadLetterQueueName: home.deadLetters?.queueName,
            remoteRegions: otherRegions?.dashboardRegions,
        },
        { parent },
    );
}
