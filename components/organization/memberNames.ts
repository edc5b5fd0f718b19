// The names, inputs and shapes the member template and its resources share.
import { ApiCallSelection, EventPattern } from "../alerts";
import { AwsEnvironment } from "../shared";

/**
 * The member account and region as CloudFormation knows them: pseudo parameters inside `Fn::Sub`
 * strings. The Pulumi resources get real values from the invokes; the template gets these, and
 * both go through the same builders.
 */
export const MEMBER_ENVIRONMENT: AwsEnvironment = {
    accountId: "${AWS::AccountId}",
    partition: "${AWS::Partition}",
    region: "${AWS::Region}",
};

/** Names in the member accounts: `<project>-<stack>-member-...`, apart from any stack the member runs itself. */
export function organizationMemberPrefix(namePrefix: string): string {
    return `${namePrefix}-member`;
}

/**
 * The forwarding role of a member region; IAM is global, so the region in the name keeps the stacks
 * of one account's regions apart.
 */
export function memberForwarderRoleName(memberPrefix: string, region: string): string {
    return `${memberPrefix}-forwarder-${region}`;
}

/**
 * The forwarders' dead-letter queue of a member region. Named, so that the central dashboard can
 * find it in every member (a Metrics Insights WHERE compares with = and != only); queue names are
 * per account and region, like the fixed rule names.
 */
export function memberDeadLetterQueueName(memberPrefix: string): string {
    return `${memberPrefix}-dead-letters`;
}

/** What the member template is built from; the central stack's own settings, passed on. */
export interface MemberTemplateInputs {
    /** Prefix of every name in the member accounts, e.g. `kms-monitoring-prod-org`. Required. */
    readonly memberPrefix: string;
    /** The KMS API calls the members forward, as the central stack alerts on them. Required (may be empty). */
    readonly apiCalls: readonly ApiCallSelection[];
    /** The patterns of the central stack's event alerts, whose events the members forward. Required (may be empty). */
    readonly eventAlerts: readonly EventPattern[];
    /** A Metrics Insights alarm on the member's keys with expiring imported material. Required. */
    readonly discoverExpiringKeys: boolean;
    /** Days before expiry at which that alarm fires. Required. */
    readonly warningDays: number;
    /** Alarms on the shared KMS request quotas at this percent of the quota. Default: none. */
    readonly quotaWarningPercent?: number;
    /** Metrics Insights alarms on the member's custom key stores. Required. */
    readonly customKeyStoreAlarms: boolean;
    /** A dead-letter queue for the member forwarders. Required. */
    readonly deadLetterQueue: boolean;
    /** The member forwarders' failed-invocation alarms, and the dead-letter queue's. Required. */
    readonly selfMonitoring: boolean;
    /** Tags for the member resources that take them. Required (may be empty). */
    readonly tags: Readonly<Record<string, string>>;
}

export interface CloudFormationTemplate {
    readonly AWSTemplateFormatVersion: "2010-09-09";
    readonly Description: string;
    /** Map name, then top-level key (a region), then second-level key, to a value. */
    readonly Mappings?: Record<string, Record<string, Record<string, string>>>;
    readonly Resources: Record<
        string,
        {
            readonly Type: string;
            readonly Properties: Record<string, unknown>;
            readonly UpdateReplacePolicy?: "Retain" | "Delete";
        }
    >;
}

/**
 * How the delivery alarms of the organization bus's rules tell themselves apart from the home
 * bus's, whose rules have the same names: `<rule>-members-failed-invocations`.
 */
export const MEMBER_BUS_ALARM_ROLE = "members";
