import { DEFAULT_REQUEST_TIMEOUT_MS } from "./clients";
import { UsageError } from "./errors";

export const USAGE =
    "usage: npm run verify -- (--stack <name> | --outputs <file>) [--json] [--canary] " +
    "[--timeout <15m>] [--request-timeout <20s>]";

interface Options {
    /** The Pulumi stack, read through the Automation API unless `outputs` is given. */
    readonly stack?: string;
    /** A file holding `pulumi stack output --json`. */
    readonly outputsFile?: string;
    readonly json: boolean;
    readonly canary: boolean;
    /** How long the canary waits for its alert, in milliseconds. */
    readonly timeoutMs: number;
    /** How long one attempt of one AWS call may take, in milliseconds. */
    readonly requestTimeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

/** `900`, `900s`, `15m` or `1h` in milliseconds. */
function parseDuration(text: string, flag = "--timeout"): number {
    const match = /^(\d+)(s|m|h)?$/.exec(text.trim());
    if (!match || Number(match[1]) === 0) {
        throw new UsageError(`${flag} takes a duration such as 900s, 15m or 1h (got "${text}")`);
    }
    const unit = { s: 1_000, m: 60_000, h: 3_600_000 }[(match[2] ?? "s") as "s" | "m" | "h"];
    return Number(match[1]) * unit;
}

function valueAfter(argv: readonly string[], index: number, flag: string): string {
    const value = argv[index + 1];
    if (value === undefined || value.startsWith("--")) {
        throw new UsageError(`${flag} needs a value`);
    }
    return value;
}

export function parseArguments(argv: readonly string[]): Options {
    let stack: string | undefined;
    let outputsFile: string | undefined;
    let json = false;
    let canary = false;
    let timeoutMs = DEFAULT_TIMEOUT_MS;
    let requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
    for (let index = 0; index < argv.length; index++) {
        const argument = argv[index];
        if (argument === "--json") {
            json = true;
        } else if (argument === "--canary") {
            canary = true;
        } else if (argument === "--stack" || argument === "-s") {
            stack = valueAfter(argv, index++, argument);
        } else if (argument === "--outputs") {
            outputsFile = valueAfter(argv, index++, argument);
        } else if (argument === "--timeout") {
            timeoutMs = parseDuration(valueAfter(argv, index++, argument));
        } else if (argument === "--request-timeout") {
            requestTimeoutMs = parseDuration(valueAfter(argv, index++, argument), argument);
        } else {
            throw new UsageError(`unknown argument ${argument}; ${USAGE}`);
        }
    }
    if (stack === undefined && outputsFile === undefined) {
        throw new UsageError(`--stack <name> is required (or --outputs <file>); ${USAGE}`);
    }
    if (stack !== undefined && outputsFile !== undefined) {
        throw new UsageError(
            `--stack and --outputs both say where the outputs come from: give one; ${USAGE}`,
        );
    }
    return { stack, outputsFile, json, canary, timeoutMs, requestTimeoutMs };
}
