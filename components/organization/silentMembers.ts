// Which member went silent, by name: the names, settings and texts of the metric per member account
// and region made from the heartbeats' log group, and of the alarm on each expected pair (built in
// silentMemberAlarms.ts).

/** An account the StackSet deploys to, as AWS Organizations lists it at `pulumi up`. */
export interface ExpectedMember {
    /** The 12-digit account ID. Required. */
    readonly accountId: string;
    /** The account's name, as its owner typed it: any ASCII character (see readableAccountName). Required. */
    readonly accountName: string;
}

/** The heartbeats' metric: one series per member account and region. */
export const MEMBER_HEARTBEATS_METRIC = "MemberHeartbeats";

export function memberHeartbeatsNamespace(namePrefix: string): string {
    return `KmsMonitoring/${namePrefix}`;
}

/**
 * Every heartbeat as EventBridge writes it into the log group (the whole event, as JSON). The
 * selectors of the dimensions are in the pattern too, so an event without them is not counted
 * (CloudWatch Logs User Guide, "Filter pattern syntax": property selectors take hyphens, and `*`
 * is a wildcard in a string).
 */
export const MEMBER_HEARTBEAT_FILTER_PATTERN =
    '{ ($.source = "aws.events") && ($.detail-type = "Scheduled Event") && ' +
    '($.account = "*") && ($.region = "*") }';

/**
 * Account and region of the member that sent the heartbeat: two of the three dimensions a metric
 * filter may have ("Publishing dimensions with metrics from values in JSON or space-delimited log
 * events"). A filter with dimensions cannot have a default value, so a silent member has no data
 * at all, which its alarm treats as breaching.
 */
export const MEMBER_HEARTBEAT_DIMENSIONS = { Account: "$.account", Region: "$.region" } as const;

/** The metric filter that counts the heartbeats per member account and region. */
export function memberHeartbeatsFilterName(namePrefix: string): string {
    return `${namePrefix}-member-heartbeats`;
}

/**
 * CloudWatch Logs "might disable a metric filter if it generates 1,000 different name/value pairs
 * for your specified dimensions within one hour" (CloudWatch Logs API reference, PutMetricFilter).
 * Whether that counts each dimension's values or their combinations, every member account and
 * region is one combination, so the stack counts those: the stricter reading.
 */
export const METRIC_FILTER_DIMENSION_PAIRS_LIMIT = 1000;

/** The rows the saved query of the member heartbeats returns at most: the pairs heard from longest ago. */
export const SILENT_MEMBERS_QUERY_ROWS = 1000;

/**
 * What `pulumi up` warns of when the expected member account-region pairs reach the metric
 * filter's limit: a disabled filter counts no heartbeat, so every silent-member alarm would fire.
 */
export function silentMemberFilterWarning(
    namePrefix: string,
    memberAccounts: number,
    memberRegions: number,
): string | undefined {
    const pairs = memberAccounts * memberRegions;
    if (pairs < METRIC_FILTER_DIMENSION_PAIRS_LIMIT) {
        return undefined;
    }
    return (
        `kms-monitoring:organization: ${memberAccounts} member accounts in ${memberRegions} member ` +
        `regions are ${pairs} account-region pairs. CloudWatch Logs might disable the metric filter ` +
        `${memberHeartbeatsFilterName(namePrefix)} once it makes ` +
        `${METRIC_FILTER_DIMENSION_PAIRS_LIMIT.toLocaleString("en-US")} dimension name/value pairs ` +
        "within an hour (PutMetricFilter), and every silent-member alarm would then fire. The saved " +
        `query '${namePrefix}/Silent member accounts and regions' shows at most ` +
        `${SILENT_MEMBERS_QUERY_ROWS.toLocaleString("en-US")} pairs, those heard from longest ago. ` +
        "Split organizationalUnitIds or organization.regions over several stacks, or set " +
        "organization.observability: false (no per-account alarms, sinks or central dashboard) to " +
        "rely on the count alarm."
    );
}

/** Alarm names allow more, but a readable name keeps to what every console and CLI shows as is. */
function nameSafe(text: string): string {
    return text
        .replace(/[^A-Za-z0-9_.-]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 40);
}

/** What every silent-member alarm's name starts with: the channels' alarm rules match on it. */
export function silentMemberAlarmNamePrefix(namePrefix: string): string {
    return `${namePrefix}-silent-member-`;
}

/** `<prefix>-silent-member-<account name>-<account ID>-<region>`: the email subject names the account. */
export function silentMemberAlarmName(
    namePrefix: string,
    member: ExpectedMember,
    region: string,
): string {
    const readable = nameSafe(member.accountName);
    const rest = [readable, member.accountId, region].filter((part) => part.length > 0);
    return silentMemberAlarmNamePrefix(namePrefix) + rest.join("-");
}

/**
 * No heartbeat from the pair for two hours in a row (each heartbeat is 5 minutes apart, so a
 * working member region sends 12 an hour). Two hours, as the count alarm, because EventBridge
 * metrics and schedules are best effort. Missing data is breaching: a silent member has no series.
 * So an alarm made with its metric filter fires once, before the filter counts the pair's first
 * heartbeat (docs/organization.md, "A silent member named").
 */
export function silentMemberAlarmSettings() {
    return {
        metricName: MEMBER_HEARTBEATS_METRIC,
        statistic: "Sum",
        period: 3600,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        treatMissingData: "breaching",
    } as const;
}

/**
 * An account name as the alarm description may hold it. An account's name is "a string of any of
 * the characters in the ASCII character range" (AWS Organizations API reference, Account: Name),
 * so it may hold `"`, `\` or a control character. The chat and PagerDuty templates insert the
 * alarm description into their JSON as it is: EventBridge "does not escape values extracted by
 * Input Path" (EventBridge User Guide, "Common Issues with transforming input"; channels/templates.ts,
 * QUOTE_FREE_PATHS), so one such character would make the message invalid JSON, which its target
 * drops. So double quotes become single ones, backslashes slashes, and control characters spaces.
 */
export function readableAccountName(accountName: string): string {
    return accountName
        .replace(/"/g, "'")
        .replace(/\\/g, "/")
        .replace(/[\u0000-\u001f\u007f]+/g, " ")
        .replace(/ {2,}/g, " ")
        .trim();
}

/** What the silent-member alarm says; every part is free of quotes, backslashes and control characters. */
export function silentMemberAlarmDescription(member: ExpectedMember, region: string): string {
    const name = readableAccountName(member.accountName);
    const account = name.length > 0 ? `${name} (${member.accountId})` : member.accountId;
    return (
        `Member account ${account} sent no heartbeat from ` +
        `${region} for two hours: its KMS events in ${region} no longer reach the organization ` +
        "bus. Check that account's StackSet instance in that region, its forwarding rules and role."
    );
}
