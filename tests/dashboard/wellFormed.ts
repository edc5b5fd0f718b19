import { strict as assert } from "assert";
import { GRID_COLUMNS, Widget } from "../../components/dashboard/widgets";

/** Every structural rule the CloudWatch dashboard body must follow. */
export function assertWellFormed(widgets: readonly Widget[]): void {
    for (const widget of widgets) {
        for (const field of ["type", "x", "y", "width", "height", "properties"] as const) {
            assert.ok(field in widget, `widget has ${field}`);
        }
        assert.ok(
            widget.x >= 0 && widget.x + widget.width <= GRID_COLUMNS,
            `within ${GRID_COLUMNS} columns`,
        );
        assert.ok(widget.width >= 1 && widget.height >= 1);
        if (widget.type === "metric") {
            for (const row of widget.properties.metrics) {
                const options = row[row.length - 1];
                const plain = typeof options === "object" ? row.slice(0, -1) : row;
                if (plain.length === 0) {
                    assert.ok(
                        typeof options === "object" && "expression" in options,
                        "a row without a metric is an expression",
                    );
                    continue;
                }
                assert.ok(
                    plain.every((part) => typeof part === "string"),
                    "namespace, metric and dimensions are strings",
                );
                assert.equal(
                    plain.length % 2,
                    0,
                    "namespace, metric name, then dimension name/value pairs",
                );
            }
        }
    }
    for (const [index, a] of widgets.entries()) {
        for (const b of widgets.slice(index + 1)) {
            const overlap =
                a.x < b.x + b.width &&
                b.x < a.x + a.width &&
                a.y < b.y + b.height &&
                b.y < a.y + a.height;
            assert.ok(!overlap, `widgets at ${a.x},${a.y} and ${b.x},${b.y} overlap`);
        }
    }
}
