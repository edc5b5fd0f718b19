import * as pulumi from "@pulumi/pulumi";
import { AlertDeliveryArgs, ApiCallAlerts, DEFAULT_API_CALL_ALERTS, ExpiringKeyAlerts, expiringKeysRuleName, KeyLifecycleEvents, NamedPattern, RemoteAlarmAlerts } from "./alerts";
import { DEFAULT_EXPIRY_WARNING_DAYS } from "./alarms";
import type { KmsMonitoringArgs } from "./kmsMonitoringArgs";
import { eventRuleName, LIFECYCLE_RULE_ROLE } from "./shared";

/** Where a set of alert rules listens: the home default bus for this account, the organization bus for members. */
export interface AlertRulesScope {
    /** Prefix of the Pulumi names of the rule components, e.g. `kms-monitoring` or `kms-monitoring-org`. */
    readonly componentPrefix: string;
    /** Pulumi name of the alarm-rules component, after the prefix: `remote-alarms`, `member-alarms`. */
    readonly alarmRulesRole: string;
    /** The expiring-material alarms whose per-key changes alert. */
    readonly expiringKeysAlarmName: string;
    /** The regions those changes come from. Default: any. */
    readonly regions?: readonly string[];
    /** Rules on the state changes of alarms that cannot notify the topic themselves. */
    readonly alarmRules: readonly NamedPattern[];
}


/** The fixed names of the rules `createAlertRules` creates: the topic and queue policies name them before they exist. */
export function alertRuleNames(args: KmsMonitoringArgs, alarmRules: readonly NamedPattern[]): string[] {
    return [
        ...(args.apiCallAlerts ?? DEFAULT_API_CALL_ALERTS).map((alert) => eventRuleName(args.namePrefix, alert.name)),
        ...((args.keyLifecycleEvents ?? true) ? [eventRuleName(args.namePrefix, LIFECYCLE_RULE_ROLE)] : []),
        ...((args.discoverExpiringKeys ?? true) ? [expiringKeysRuleName(args.namePrefix)] : []),
        ...alarmRules.map((rule) => rule.ruleName),
    ];
}

/** The API-call rules, the lifecycle rule, the expiring-keys rule and the alarm rules of one bus; returns the names of the rules created. */
export function createAlertRules(parent: pulumi.Resource, args: KmsMonitoringArgs, delivery: AlertDeliveryArgs, scope: AlertRulesScope): pulumi.Output<string[]> {
    const name = scope.componentPrefix;
    const single = (ruleName: pulumi.Output<string>) => ruleName.apply((each) => [each]);
    const apiCalls = new ApiCallAlerts(`${name}-api-calls`, { alerts: args.apiCallAlerts ?? DEFAULT_API_CALL_ALERTS, ruleNamePrefix: args.namePrefix, ...delivery }, { parent });
    const lifecycle =
        (args.keyLifecycleEvents ?? true) ? new KeyLifecycleEvents(`${name}-key-lifecycle`, { ruleName: eventRuleName(args.namePrefix, LIFECYCLE_RULE_ROLE), ...delivery }, { parent }) : undefined;
    const expiring =
        (args.discoverExpiringKeys ?? true)
            ? new ExpiringKeyAlerts(
                  `${name}-expiring-keys`,
                  {
                      ruleNamePrefix: args.namePrefix,
                      alarmName: scope.expiringKeysAlarmName,
                      regions: scope.regions,
                      warningDays: args.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
                      ...delivery,
                  },
                  { parent },
              )
            : undefined;
    const alarms = scope.alarmRules.length > 0 ? new RemoteAlarmAlerts(`${name}-${scope.alarmRulesRole}`, { rules: scope.alarmRules, ...delivery }, { parent }) : undefined;
    return pulumi
        .all([apiCalls.ruleNames, lifecycle === undefined ? [] : single(lifecycle.ruleName), expiring === undefined ? [] : single(expiring.ruleName), alarms?.ruleNames ?? []])
        .apply((lists) => lists.flat());
}
