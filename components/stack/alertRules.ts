import * as pulumi from "@pulumi/pulumi";
import {
    AlertDeliveryArgs,
    ApiCallAlerts,
    ExpiringKeyAlerts,
    KeyLifecycleEvents,
    RemoteAlarmAlerts,
} from "../alerts";
import type { BusAlertRules } from "./busAlertRules";
import { concatenated, single, StackContext } from "./context";

/**
 * The planned alert rules of one bus: the API-call rules, the lifecycle rule, the expiring-keys
 * rule and the alarm rules. Returns the names of the rules created.
 */
export function createAlertRules(
    { parent, name, plan }: StackContext,
    rules: BusAlertRules,
    delivery: AlertDeliveryArgs,
): pulumi.Output<string[]> {
    const prefix = `${name}${rules.resourceNameSuffix}`;
    const apiCalls = new ApiCallAlerts(
        `${prefix}-api-calls`,
        { alerts: rules.apiCalls, ruleNamePrefix: plan.namePrefix, ...delivery },
        { parent },
    );
    const lifecycle =
        rules.keyLifecycleRuleName === undefined
            ? undefined
            : new KeyLifecycleEvents(
                  `${prefix}-key-lifecycle`,
                  { ruleName: rules.keyLifecycleRuleName, ...delivery },
                  { parent },
              );
    const expiring =
        rules.expiringKeys === undefined
            ? undefined
            : new ExpiringKeyAlerts(
                  `${prefix}-expiring-keys`,
                  {
                      ruleNamePrefix: plan.namePrefix,
                      alarmName: rules.expiringKeys.alarmName,
                      regions: rules.expiringKeys.regions,
                      warningDays: plan.warningDays,
                      ...delivery,
                  },
                  { parent },
              );
    const alarms =
        rules.alarmRules.length > 0
            ? new RemoteAlarmAlerts(
                  `${prefix}-${rules.alarmRulesRole}`,
                  { rules: rules.alarmRules, ...delivery },
                  { parent },
              )
            : undefined;
    return concatenated(
        apiCalls.ruleNames,
        single(lifecycle?.ruleName),
        single(expiring?.ruleName),
        alarms?.ruleNames,
    );
}
