/** A short, readable line diff: the changed block between the common head and tail, with context. */
export function lineDiff(expected: string, actual: string, context = 3, maxLines = 60): string {
    const before = expected.split("\n");
    const after = actual.split("\n");
    let head = 0;
    while (head < before.length && head < after.length && before[head] === after[head]) {
        head++;
    }
    let tail = 0;
    while (
        tail < before.length - head &&
        tail < after.length - head &&
        before[before.length - 1 - tail] === after[after.length - 1 - tail]
    ) {
        tail++;
    }
    const start = Math.max(0, head - context);
    const lines = [
        `@@ line ${head + 1} @@`,
        ...before.slice(start, head).map((line) => `  ${line}`),
        ...before.slice(head, before.length - tail).map((line) => `- ${line}`),
        ...after.slice(head, after.length - tail).map((line) => `+ ${line}`),
        ...after
            .slice(after.length - tail, after.length - tail + context)
            .map((line) => `  ${line}`),
    ];
    return lines.length > maxLines
        ? [...lines.slice(0, maxLines), `... ${lines.length - maxLines} more lines`].join("\n")
        : lines.join("\n");
}
