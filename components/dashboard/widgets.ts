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
    /** Lines across the graph: `{ horizontal: [{ label, value }] }`. */
    readonly annotations?: Readonly<Record<string, unknown>>;
}

export interface AlarmWidgetProperties {
    readonly title: string;
    readonly alarms: readonly string[];
}

export type Widget =
    | {
          readonly type: "metric";
          readonly x: number;
          readonly y: number;
          readonly width: number;
          readonly height: number;
          readonly properties: MetricWidgetProperties;
      }
    | {
          readonly type: "alarm";
          readonly x: number;
          readonly y: number;
          readonly width: number;
          readonly height: number;
          readonly properties: AlarmWidgetProperties;
      };

export type Unplaced = { readonly width: number; readonly height: number } & (
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

export const SECONDS_PER_DAY = 86_400;

/** An alarm status widget shows at most 100 alarms; graphs stay readable with as many keys. */
export const MAX_ITEMS_PER_WIDGET = 100;

export function chunks<T>(items: readonly T[]): T[][] {
    const result: T[][] = [];
    for (let start = 0; start < items.length; start += MAX_ITEMS_PER_WIDGET) {
        result.push(items.slice(start, start + MAX_ITEMS_PER_WIDGET));
    }
    return result;
}

/** What a graph shows: its title, where its metrics are read, and how they are summed up. */
export interface GraphSpec {
    readonly title: string;
    readonly region: string;
    readonly metrics: readonly MetricRow[];
    readonly stat: string;
    readonly period: number;
    readonly yAxis?: Readonly<Record<string, unknown>>;
    readonly annotations?: Readonly<Record<string, unknown>>;
}

/** A time-series graph, half the grid wide. */
export function graph(spec: GraphSpec): Unplaced {
    const { title, region, metrics, stat, period, yAxis, annotations } = spec;
    const properties = { title, region, metrics, view: "timeSeries", stat, period } as const;
    return {
        type: "metric",
        width: 12,
        height: 6,
        properties: {
            ...properties,
            ...(yAxis === undefined ? {} : { yAxis }),
            ...(annotations === undefined ? {} : { annotations }),
        },
    };
}
