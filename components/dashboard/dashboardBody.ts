import { EXPIRING_KEYS_QUERY } from "../alarms";
import { consoleHost } from "../shared";
import { keyStoreGraphs, quotaUtilizationGraph } from "./capacityWidgets";
import { chunks, graph, GRID_COLUMNS, layout, SECONDS_PER_DAY, Unplaced, Widget } from "./widgets";

/** The KMS operations whose request volume the dashboard shows (AWS/Usage CallCount). */
export const DASHBOARD_KMS_OPERATIONS = [
    "GenerateDataKey",
    "Decrypt",
    "Encrypt",
    "ReEncrypt",
    "DescribeKey",
    "DisableKey",
    "ScheduleKeyDeletion",
    "ImportKeyMaterial",
] as const;

/** What the dashboard graphs in one region. */
export interface RegionalInputs {
    readonly region: string;
    /** Keys with expiring material: label and key ID (the metric's KeyId). */
    readonly expiringKeys: readonly { readonly label: string; readonly keyId: string }[];
    readonly ruleNames: readonly string[];
    /** The dead-letter queue's name, when there is one. */
    readonly deadLetterQueueName?: string;
}

export interface DashboardInputs extends RegionalInputs {
    readonly alarmArns: readonly string[];
    /** Graph expiring keys with the Metrics Insights query of the expiring-material alarms, which finds every key. */
    readonly discoverExpiringKeys?: boolean;
    /** Graph each region's request quota utilization, with the quota alarms' percent. Default: none. */
    readonly quotaWarningPercent?: number;
    /** Graph each region's custom key store signals. Default: false. */
    readonly customKeyStores?: boolean;
    /**
     * The other watched regions, each graphed in its own widgets (a widget's `region` is where its
     * metrics are read).
     */
    readonly remoteRegions?: readonly RegionalInputs[];
}

const DAYS_AXIS = { left: { min: 0, label: "days" } };

/** Days until expiry: every key through the Metrics Insights query, or the listed keys. */
function expiryGraphs(
    inputs: RegionalInputs,
    title: (text: string) => string,
    discover: boolean,
): Unplaced[] {
    if (discover) {
        // The alarm's own query, as metric math's input (CloudWatch User Guide, "Use Metrics
        // Insights queries with metric math"): every key with expiring material, listed or not.
        return [
            graph({
                title: title("Days until imported key material expires, every key"),
                region: inputs.region,
                metrics: [
                    [{ expression: EXPIRING_KEYS_QUERY, id: "q", period: 3600, visible: false }],
                    [{ expression: `q / ${SECONDS_PER_DAY}`, id: "d", label: "days" }],
                ],
                stat: "Minimum",
                period: 3600,
                yAxis: DAYS_AXIS,
            }),
        ];
    }
    return chunks(inputs.expiringKeys).map((keys) =>
        graph({
            title: title("Days until imported key material expires"),
            region: inputs.region,
            metrics: keys.flatMap((key, index) => [
                [
                    "AWS/KMS",
                    "SecondsUntilKeyMaterialExpiration",
                    "KeyId",
                    key.keyId,
                    { id: `s${index}`, stat: "Minimum", visible: false },
                ],
                [
                    {
                        expression: `s${index} / ${SECONDS_PER_DAY}`,
                        label: key.label,
                        id: `d${index}`,
                    },
                ],
            ]),
            stat: "Minimum",
            period: 3600,
            yAxis: DAYS_AXIS,
        }),
    );
}

/** What every region's graphs show, from the stack's switches. */
type Shown = Pick<
    DashboardInputs,
    "discoverExpiringKeys" | "quotaWarningPercent" | "customKeyStores"
>;

/** The graphs of one region; `titleSuffix` names the region on all but the home region's. */
function regionalWidgets(inputs: RegionalInputs, titleSuffix: string, shown: Shown): Unplaced[] {
    const title = (text: string) => text + titleSuffix;
    const region = inputs.region;
    const rules = chunks(inputs.ruleNames).map((ruleNames) =>
        graph({
            title: title("EventBridge rules: matched events and failed deliveries"),
            region,
            metrics: ruleNames.flatMap((ruleName) => [
                [
                    "AWS/Events",
                    "MatchedEvents",
                    "RuleName",
                    ruleName,
                    { label: `${ruleName} matched` },
                ],
                [
                    "AWS/Events",
                    "FailedInvocations",
                    "RuleName",
                    ruleName,
                    { label: `${ruleName} failed` },
                ],
            ]),
            stat: "Sum",
            period: 300,
        }),
    );
    const usage = graph({
        title: title("KMS API requests (AWS/Usage CallCount)"),
        region,
        metrics: DASHBOARD_KMS_OPERATIONS.map((operation) => [
            ...["AWS/Usage", "CallCount", "Service", "KMS", "Type", "API", "Resource", operation],
            ...["Class", "None", { label: operation }],
        ]),
        stat: "Sum",
        period: 300,
    });
    return [
        ...expiryGraphs(inputs, title, shown.discoverExpiringKeys ?? false),
        ...rules,
        usage,
        ...(shown.quotaWarningPercent === undefined
            ? []
            : [quotaUtilizationGraph(region, title, shown.quotaWarningPercent)]),
        ...(shown.customKeyStores ? keyStoreGraphs(region, title) : []),
        ...deadLetterGraphs(inputs, title),
    ];
}

/** The depth of the region's dead-letter queue, when it has one. */
function deadLetterGraphs(inputs: RegionalInputs, title: (text: string) => string): Unplaced[] {
    const queueName = inputs.deadLetterQueueName;
    return queueName === undefined
        ? []
        : [
              graph({
                  title: title("Undelivered alerts in the dead-letter queue"),
                  region: inputs.region,
                  metrics: [
                      ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queueName],
                  ],
                  stat: "Maximum",
                  period: 300,
              }),
          ];
}

export function dashboardBody(inputs: DashboardInputs): { widgets: Widget[] } {
    const widgets: Unplaced[] = [inputs, ...(inputs.remoteRegions ?? [])].flatMap((regional) =>
        regionalWidgets(
            regional,
            regional.region === inputs.region ? "" : ` (${regional.region})`,
            inputs,
        ),
    );
    for (const alarms of chunks(inputs.alarmArns)) {
        widgets.push({
            type: "alarm",
            width: GRID_COLUMNS,
            height: Math.max(3, Math.ceil(alarms.length / 4) + 2),
            properties: { title: "Alarms of this stack", alarms },
        });
    }
    return { widgets: layout(widgets) };
}

/** The CloudWatch console address of a dashboard, in the partition's own console. */
export function dashboardUrl(partition: string, region: string, dashboardName: string): string {
    const name = encodeURIComponent(dashboardName);
    return `https://${consoleHost(partition)}/cloudwatch/home?region=${region}#dashboards:name=${name}`;
}
