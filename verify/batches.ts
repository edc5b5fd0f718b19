import type { VerifyContext } from "./context";
import type { CheckResult, ReportSink } from "./report";

/** Runs `run` on every item, at most `size` at a time; the results in the items' order. */
async function inBatches<T, R>(
    items: readonly T[],
    size: number,
    run: (item: T) => Promise<R>,
): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await run(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
    return results;
}

/**
 * Checks every item, a few at a time (each check is several calls to one region), and reports
 * their results in the items' order, so that the output reads the same on every run.
 */
export async function checkEach<T>(
    ctx: VerifyContext,
    items: readonly T[],
    check: (ctx: VerifyContext, item: T) => Promise<void>,
): Promise<void> {
    const buffers = await inBatches(items, 4, async (item) => {
        const buffer: CheckResult[] = [];
        const report: ReportSink = {
            add: (result) => buffer.push(result),
            progress: (text) => ctx.report.progress(text),
        };
        await check({ ...ctx, report }, item);
        return buffer;
    });
    buffers.flat().forEach((result) => ctx.report.add(result));
}
