/**
 * CloudWatch Logs Insights queries over the trail's log group that answer the workshop's audit
 * questions: who used which key, how, from where and when.
 */

export interface AuditQuery {
    /** Short name; the query is saved as `<folder>/<name>`. */
    readonly name: string;
    /** The query, starting with a `#` comment that says what to replace. */
    readonly query: string;
}

/**
 * The CIS AWS Foundations 3.7/4.7 (Security Hub CloudWatch.7) metric filter pattern, exactly as the
 * control checks it: Security Hub fails the control on any other text.
 */
export const CIS_KMS_PATTERN =
    "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}";

function query(comment: string, ...stages: string[]): string {
    return [`# ${comment}`, stages.join("\n| ")].join("\n");
}

/** The queries that need nothing of the stack: the user replaces the example value in each. */
const GENERAL_QUERIES: readonly AuditQuery[] = [
    {
        name: "KMS calls by event name",
        query: query(
            "Calls of one KMS operation per hour. Replace GenerateDataKey with the operation " +
                "to audit (Decrypt, DisableKey...).",
            "fields @timestamp, eventName",
            'filter eventSource = "kms.amazonaws.com" and eventName = "GenerateDataKey"',
            "stats count(*) as calls by bin(1h)",
        ),
    },
    {
        name: "KMS calls by user or role",
        query: query(
            "Every KMS call by one user or role. Replace Alice with the user name, role name " +
                "or ARN (a role matches all its sessions).",
            "fields @timestamp, eventName, userIdentity.arn, requestParameters.keyId, sourceIPAddress, errorCode",
            'filter eventSource = "kms.amazonaws.com" and userIdentity.arn like "Alice"',
            "sort @timestamp desc",
            "limit 500",
        ),
    },
    {
        name: "Calls by access key ID",
        query: query(
            "Every call, to any service, made with one access key. Replace " +
                "AKIAIOSFODNN7EXAMPLE with the access key ID.",
            "fields @timestamp, eventSource, eventName, userIdentity.arn, sourceIPAddress, errorCode",
            'filter userIdentity.accessKeyId = "AKIAIOSFODNN7EXAMPLE"',
            "sort @timestamp desc",
            "limit 500",
        ),
    },
    {
        name: "KMS calls by calling service",
        query: query(
            "Who calls KMS: AWS services (invokedBy), tools (userAgent) and addresses. " +
                "Nothing to replace; narrow the time range in the console.",
            "fields userIdentity.invokedBy, userAgent, sourceIPAddress",
            'filter eventSource = "kms.amazonaws.com"',
            "stats count(*) as calls by userIdentity.invokedBy, userAgent, sourceIPAddress",
            "sort calls desc",
            "limit 100",
        ),
    },
    {
        name: "Failed KMS calls",
        query: query(
            "KMS calls that failed (AccessDenied, KMSInvalidStateException...). Nothing to " +
                "replace; add a filter on errorCode to narrow.",
            "fields @timestamp, eventName, errorCode, errorMessage, userIdentity.arn, requestParameters.keyId",
            'filter eventSource = "kms.amazonaws.com" and ispresent(errorCode)',
            "sort @timestamp desc",
            "limit 500",
        ),
    },
];

/** The saved queries; with `keyArn`, the last one is about that key. */
export function auditQueries(keyArn?: string): AuditQuery[] {
    const exampleKey =
        keyArn ?? "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    return [
        ...GENERAL_QUERIES,
        {
            name: "KMS calls on one key",
            query: query(
                keyArn === undefined
                    ? `Every call on one KMS key. Replace ${exampleKey} with the key's ARN.`
                    : "Every call on this stack's imported key. Replace its ARN to audit another key.",
                "fields @timestamp, eventName, userIdentity.arn, sourceIPAddress, errorCode",
                `filter eventSource = "kms.amazonaws.com" and resources.0.ARN = "${exampleKey}"`,
                "sort @timestamp desc",
                "limit 500",
            ),
        },
    ];
}
