/**
 * A checker for the CloudWatch Logs Insights commands the saved queries use: `#` comment lines,
 * then commands separated by `|`. Each command is one of fields, filter, stats, sort, limit; quotes
 * and parentheses balance; stats aggregates with a known function; sort names asc or desc; limit
 * takes 1..10000 (CloudWatch Logs User Guide, "CloudWatch Logs Insights language query syntax").
 */
const COMMANDS = ["fields", "filter", "stats", "sort", "limit"] as const;
const STATS_FUNCTIONS = /\b(count|count_distinct|sum|avg|min|max|pct|stddev|earliest|latest)\(/;

export interface Command {
    readonly name: (typeof COMMANDS)[number];
    readonly body: string;
}

/** Splits on `|` outside quotes, regex literals and parentheses. */
function splitPipeline(text: string): string[] {
    const parts: string[] = [];
    let current = "";
    let quote: string | undefined;
    let depth = 0;
    for (const char of text) {
        if (quote) {
            quote = char === quote ? undefined : quote;
        } else if (char === '"' || char === "'" || char === "/") {
            quote = char;
        } else if (char === "(") {
            depth++;
        } else if (char === ")") {
            depth--;
            if (depth < 0) {
                throw new Error("unbalanced parentheses");
            }
        } else if (char === "|" && depth === 0) {
            parts.push(current);
            current = "";
            continue;
        }
        current += char;
    }
    if (quote) {
        throw new Error(`unterminated ${quote}`);
    }
    if (depth !== 0) {
        throw new Error("unbalanced parentheses");
    }
    parts.push(current);
    return parts.map((part) => part.trim());
}

export function parseQuery(query: string): { comments: string[]; commands: Command[] } {
    const lines = query.split("\n");
    const comments = lines.filter((line) => line.startsWith("#"));
    const code = lines.filter((line) => !line.startsWith("#")).join("\n");
    const commands = splitPipeline(code).map((stage): Command => {
        const match = /^([a-z]+)\s+([\s\S]+)$/.exec(stage);
        if (!match || !(COMMANDS as readonly string[]).includes(match[1])) {
            throw new Error(`unknown command: ${stage}`);
        }
        const command = { name: match[1] as Command["name"], body: match[2].trim() };
        if (command.name === "stats" && !STATS_FUNCTIONS.test(command.body)) {
            throw new Error(`stats without an aggregate function: ${stage}`);
        }
        if (command.name === "sort" && !/^[@\w.]+ (asc|desc)$/.test(command.body)) {
            throw new Error(`sort needs one field and asc or desc: ${stage}`);
        }
        if (
            command.name === "limit" &&
            !(
                /^\d+$/.test(command.body) &&
                Number(command.body) >= 1 &&
                Number(command.body) <= 10_000
            )
        ) {
            throw new Error(`limit needs 1..10000: ${stage}`);
        }
        return command;
    });
    return { comments, commands };
}
