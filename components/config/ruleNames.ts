import { ALL_EVENT_ALERTS, CONTRIBUTOR_FAMILIES, REMOTE_ALARMS_RULE_ROLE } from "../alerts";
import { PAGERDUTY_RULE_FAMILIES } from "../channels";
import { FORWARDER_RULE_ROLES, HEARTBEAT_RULE_ROLE } from "../forwarding";
import { MEMBER_BUS_ALARM_ROLE, memberHeartbeatsRuleName } from "../organization";
import { eventRuleName } from "../shared";

/** A name the stack gives rules of its own, and which rules they are. */
interface OwnRuleName {
    readonly ruleName: string;
    readonly rules: string;
}

/**
 * The rule names the stack chooses itself, from the very constants its plan names the rules with.
 * Each stands for a family: the name, and every name that goes on after a dash, as the numbered
 * (`remote-alarms-2`), per-region (`heartbeat-eu-west-1`) and per-state (`alarms-firing`) rules do.
 * An `apiCallAlerts` rule of one of these names would be planned twice on its bus, with the same
 * physical name and the same Pulumi names for its delivery alarms.
 */
function ownRuleNames(prefix: string): OwnRuleName[] {
    const named = (role: string, rules: string) => ({
        ruleName: eventRuleName(prefix, role),
        rules,
    });
    return [
        ...ALL_EVENT_ALERTS.map((alert) => named(alert.role, `the ${alert.switch} rules`)),
        named(CONTRIBUTOR_FAMILIES["expiring-key"].role, "the rules on expiring keys"),
        named(CONTRIBUTOR_FAMILIES["key-store"].role, "the rules on custom key stores"),
        named(REMOTE_ALARMS_RULE_ROLE, "the rules on the alarms of other regions and accounts"),
        // Written with their dash, for the PagerDuty role's `<prefix>-pagerduty-*` ARN patterns.
        ...PAGERDUTY_RULE_FAMILIES.map((family) =>
            named(family.replace(/-$/, ""), "the alert channels' rules"),
        ),
        named(HEARTBEAT_RULE_ROLE, "the heartbeat rules"),
        ...FORWARDER_RULE_ROLES.map((role) => named(role, "the forwarding rules")),
        {
            ruleName: memberHeartbeatsRuleName(prefix),
            rules: "the member accounts' heartbeat rule",
        },
    ];
}

/** The names `apiCallAlerts` may not take, nor continue after a dash: `key-lifecycle`, ... */
export function reservedRuleRoles(): string[] {
    const prefix = "p";
    return [...new Set(ownRuleNames(prefix).map((own) => own.ruleName.slice(prefix.length + 1)))];
}

/** Why an `apiCallAlerts` name may not be used, or undefined when it may. */
export function reservedNameProblem(prefix: string, name: string): string | undefined {
    const ruleName = eventRuleName(prefix, name);
    if (name.endsWith(`-${MEMBER_BUS_ALARM_ROLE}`)) {
        // With `organization`, the rule `x` of the organization bus has the alarm
        // `<prefix>-x-members-failed-invocations`: the home rule `x-members` would too.
        return (
            `must not end with "-${MEMBER_BUS_ALARM_ROLE}": with organization, the alarm on ` +
            `the organization bus's rule "${name.slice(0, -MEMBER_BUS_ALARM_ROLE.length - 1)}" ` +
            `is named "${ruleName}-failed-invocations", the name this rule's alarm would take`
        );
    }
    const own = ownRuleNames(prefix).find(
        (each) => ruleName === each.ruleName || ruleName.startsWith(`${each.ruleName}-`),
    );
    return own === undefined
        ? undefined
        : `is reserved: the stack names ${own.rules} "${own.ruleName}" or ` +
              `"${own.ruleName}-...", and no two rules may share a name; choose another name`;
}
