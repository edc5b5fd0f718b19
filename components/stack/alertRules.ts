import * as pulumi from "@pulumi/pulumi";
import {
    AlertDeliveryArgs,
    ApiCallAlerts,
    CONTRIBUTOR_FAMILIES,
    EventAlert,
    ExpiringKeyAlerts,
    KeyStoreAlerts,
    RemoteAlarmAlerts,
} from "../alerts";
import type { BusAlertRules } from "./busAlertRules";
import { Channels, createChannelRules } from "./channels";
import { concatenated, single, StackContext } from "./context";

/** The names of the rules of one bus, once created. */
export interface CreatedRules {
    /** The rules that email: the `ruleNames` output. */
    readonly ruleNames: pulumi.Output<string[]>;
    /** The rules that deliver to the channels only. */
    readonly channelRuleNames?: pulumi.Output<string[]>;
}

/**
 * The planned alert rules of one bus: the API-call rules, the event alerts' rules (KMS's key
 * events, calls on keys pending deletion), the contributor rules (expiring keys, key stores) and
 * the alarm rules, and the channel rules. The API-call and event-alert rules deliver to the chat
 * and webhook topics too; the contributor and alarm state changes reach the channels through the
 * channel rules, split by state, so they keep their one target.
 */
export function createAlertRules(
    ctx: StackContext,
    rules: BusAlertRules,
    delivery: AlertDeliveryArgs,
    channels: Channels | undefined,
): CreatedRules {
    const { parent, name, plan } = ctx;
    const { channels: _targets, ...emailOnly } = delivery;
    const prefix = `${name}${rules.resourceNameSuffix}`;
    const apiCalls = new ApiCallAlerts(
        `${prefix}-api-calls`,
        {
            alerts: rules.apiCalls,
            ruleNamePrefix: plan.namePrefix,
            ownTopicCalls: rules.ownTopicCalls,
            ...delivery,
        },
        { parent },
    );
    const events = rules.eventAlerts.map(
        (alert) => new EventAlert(`${prefix}-${alert.role}`, { alert, ...delivery }, { parent }),
    );
    const contributors = rules.contributors.map((rule) => {
        const Alerts = rule.kind === "expiring-key" ? ExpiringKeyAlerts : KeyStoreAlerts;
        return new Alerts(
            `${prefix}-${CONTRIBUTOR_FAMILIES[rule.kind].role}`,
            { rule, warningDays: plan.warningDays, ...emailOnly },
            { parent },
        ).ruleName;
    });
    const alarms =
        rules.alarmRules.length > 0
            ? new RemoteAlarmAlerts(
                  `${prefix}-${rules.alarmRulesRole}`,
                  { rules: rules.alarmRules, ...emailOnly },
                  { parent },
              )
            : undefined;
    return {
        ruleNames: concatenated(
            apiCalls.ruleNames,
            ...events.map((alert) => single(alert.ruleName)),
            pulumi.all(contributors),
            alarms?.ruleNames,
        ),
        channelRuleNames: createChannelRules(ctx, rules, delivery, channels),
    };
}
