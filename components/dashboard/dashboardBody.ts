import { EXPIRING_KEYS_QUERY } from "../alarms";

/**
 * Typed builders for the CloudWatch dashboard body (CloudWatch API reference, "Dashboard body
 * structure and syntax"). Widgets are laid out left to right, top to bottom, on the 24-column grid.
 */

export const GRID_COLUMNS = 24;

/** `[namespace, metricName, dim1, value1, ..., { options }]` or `[{ expression, ... }]`. */
export type MetricRow = readonly (string | Readonly<Record<string, unknown>>)[];

export interface MetricWidgetProperties {
    readonly title: string;
    readonly region: string;
    readonly metrics: readonly MetricRow[];
    readonly view: "timeSeries" | "singleValue";
    readonly stat: string;
    readonly period: number;
    readonly yAxis?: Readonly<Record<string, unknown>>;
}

export interface AlarmWidgetProperties {
    readonly title: string;
    readonly alarms: readonly string[];
}

export type Widget =
    | { readonly type: "metric"; readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly properties: MetricWidgetProperties }
    | { readonly type: "alarm"; readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly properties: AlarmWidgetProperties };

type Unplaced = { readonly width: number; readonly height: number } & (
    | { readonly type: "metric"; readonly properties: MetricWidgetProperties }
    | { readonly type: "alarm"; readonly properties: AlarmWidgetProperties }
);

/** Places widgets in reading order, starting a new row when one does not fit. */
export function layout(widgets: readonly Unplaced[]): Widget[] {
    let x = 0;
    let y = 0;
    let rowHeight = 0;
    return widgets.map((widget) => {
        if (x + widget.width > GRID_COLUMNS) {
            x = 0;
            y += rowHeight;
            rowHeight = 0;
        }
        const placed = { ...widget, x, y } as Widget;
        x += widget.width;
        rowHeight = Math.max(rowHeight, widget.height);
        return placed;
    });
}

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
    /** The other watched regions, each graphed in its own widgets (a widget's `region` is where its metrics are read). */
    readonly remoteRegions?: readonly RegionalInputs[];
}

const SECONDS_PER_DAY = 86_400;

/** An alarm status widget shows at most 100 alarms; graphs stay readable with as many keys. */
export const MAX_ITEMS_PER_WIDGET = 100;

function chunks<T>(items: readonly T[]): T[][] {
    const result: T[][] = [];
    for (let start = 0; start < items.length; start += MAX_ITEMS_PER_WIDGET) {
        result.push(items.slice(start, start + MAX_ITEMS_PER_WIDGET));
    }
    return result;
}

/** The graphs of one region; `titleSuffix` names the region on all but the home region's. */
function regionalWidgets(inputs: RegionalInputs, titleSuffix: string, discoverExpiringKeys: boolean): Unplaced[] {
    const metric = (title: string, metrics: MetricRow[], stat: string, period: number, extra: Partial<MetricWidgetProperties> = {}): Unplaced => ({
        type: "metric",
        width: 12,
        height: 6,
        properties: { title: title + titleSuffix, region: inputs.region, metrics, view: "timeSeries", stat, period, ...extra },
    });

    const widgets: Unplaced[] = [];
    if (discoverExpiringKeys) {
        // The alarm's own query, as metric math's input (CloudWatch User Guide, "Use Metrics
        // Insights queries with metric math"): every key with expiring material, listed or not.
        widgets.push(
            metric(
                "Days until imported key material expires, every key",
                [
                    [{ expression: EXPIRING_KEYS_QUERY, id: "q", period: 3600, visible: false }],
                    [{ expression: `q / ${SECONDS_PER_DAY}`, id: "d", label: "days" }],
                ],
                "Minimum",
                3600,
                { yAxis: { left: { min: 0, label: "days" } } },
            ),
        );
    }
    for (const keys of discoverExpiringKeys ? [] : chunks(inputs.expiringKeys)) {
        widgets.push(
            metric(
                "Days until imported key material expires",
                keys.flatMap((key, index) => [
                    ["AWS/KMS", "SecondsUntilKeyMaterialExpiration", "KeyId", key.keyId, { id: `s${index}`, stat: "Minimum", visible: false }],
                    [{ expression: `s${index} / ${SECONDS_PER_DAY}`, label: key.label, id: `d${index}` }],
                ]),
                "Minimum",
                3600,
                { yAxis: { left: { min: 0, label: "days" } } },
            ),
        );
    }
    for (const ruleNames of chunks(inputs.ruleNames)) {
        widgets.push(
            metric(
                "EventBridge rules: matched events and failed deliveries",
                ruleNames.flatMap((ruleName) => [
                    ["AWS/Events", "MatchedEvents", "RuleName", ruleName, { label: `${ruleName} matched` }],
                    ["AWS/Events", "FailedInvocations", "RuleName", ruleName, { label: `${ruleName} failed` }],
                ]),
                "Sum",
                300,
            ),
        );
    }
    widgets.push(
        metric(
            "KMS API requests (AWS/Usage CallCount)",
            DASHBOARD_KMS_OPERATIONS.map((operation) => ["AWS/Usage", "CallCount", "Service", "KMS", "Type", "API", "Resource", operation, "Class", "None", { label: operation }]),
            "Sum",
            300,
        ),
    );
    if (inputs.deadLetterQueueName !== undefined) {
        widgets.push(
            metric(
                "Undelivered alerts in the dead-letter queue",
                [["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", inputs.deadLetterQueueName]],
                "Maximum",
                300,
            ),
        );
    }
    return widgets;
}

export function dashboardBody(inputs: DashboardInputs): { widgets: Widget[] } {
    const widgets: Unplaced[] = [inputs, ...(inputs.remoteRegions ?? [])].flatMap((regional) =>
        regionalWidgets(regional, regional.region === inputs.region ? "" : ` (${regional.region})`, inputs.discoverExpiringKeys ?? false),
    );
    for (const alarms of chunks(inputs.alarmArns)) {
        widgets.push({ type: "alarm", width: GRID_COLUMNS, height: Math.max(3, Math.ceil(alarms.length / 4) + 2), properties: { title: "Alarms of this stack", alarms } });
    }
    return { widgets: layout(widgets) };
}

const CONSOLE_HOSTS: Readonly<Record<string, string>> = {
    aws: "console.aws.amazon.com",
    "aws-cn": "console.amazonaws.cn",
    "aws-us-gov": "console.amazonaws-us-gov.com",
};

/** The CloudWatch console address of a dashboard, in the partition's own console. */
export function dashboardUrl(partition: string, region: string, dashboardName: string): string {
    const host = CONSOLE_HOSTS[partition] ?? CONSOLE_HOSTS.aws;
    return `https://${host}/cloudwatch/home?region=${region}#dashboards:name=${encodeURIComponent(dashboardName)}`;
}
