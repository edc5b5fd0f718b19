import * as pulumi from "@pulumi/pulumi";
import { CustomKeyStoreAlarms, RequestQuotaAlarms } from "../alarms";
import type { StackContext } from "./context";

/** One region's alarms on KMS capacity: the request quotas and the custom key stores. */
export interface CapacityAlarms {
    readonly requestQuotas?: RequestQuotaAlarms;
    readonly keyStores?: CustomKeyStoreAlarms;
}

/**
 * The request quota alarms and the key store alarms of one region, as the plan's switches say.
 * `region` undefined: the home region, where the quota alarms notify `topicArn` themselves;
 * elsewhere they have no actions and the region's forwarders carry their state changes home.
 * The key store alarms have no actions anywhere: each store's change is a contributor event.
 */
export function buildCapacityAlarms(
    { parent, name, args, plan, environment }: StackContext,
    region: string | undefined,
    topicArn: pulumi.Output<string> | undefined,
): CapacityAlarms {
    const suffix = region === undefined ? "" : `-${region}`;
    return {
        requestQuotas: plan.features.requestQuotaAlarms
            ? new RequestQuotaAlarms(
                  `${name}-request-quotas${suffix}`,
                  {
                      alarmNamePrefix: plan.namePrefix,
                      warningPercent: plan.quotaWarningPercent,
                      environment,
                      region,
                      topicArn: region === undefined ? topicArn : undefined,
                      tags: args.tags,
                  },
                  { parent },
              )
            : undefined,
        keyStores: plan.features.customKeyStoreAlarms
            ? new CustomKeyStoreAlarms(
                  `${name}-key-store-alarms${suffix}`,
                  { alarmNamePrefix: plan.namePrefix, region, tags: args.tags },
                  { parent },
              )
            : undefined,
    };
}
