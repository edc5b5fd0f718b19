/**
 * Evaluates a CloudWatch Logs JSON metric filter pattern against a JSON log event, and the metric
 * filter's dimensions, as the CloudWatch Logs User Guide describes them ("Filter pattern syntax for
 * metric filters"; "Publishing dimensions with metrics from values in JSON or space-delimited log
 * events"):
 * - the pattern is `{ ... }`; conditions are joined by `&&` and `||` (`&&` binds tighter) and
 *   grouped with parentheses;
 * - a property selector is `$.` then names of letters, digits, `-` and `_`, and `[n]` indices;
 *   one that points to an object or array never matches;
 * - `=` and `!=` compare with a string, double-quoted when it has other than letters, digits and
 *   `_`, where `*` is a wildcard; numbers compare with `=`, `!=`, `<`, `>`, `<=`, `>=`;
 * - `IS NULL|TRUE|FALSE` and `NOT EXISTS` (`IS NOT` and `EXISTS` are not supported);
 * - a dimension takes the value its selector finds, and is not published when there is none.
 * Throws on anything else, so a pattern this stack writes and CloudWatch would refuse fails here.
 */
type Json = unknown;

const TOKEN =
    /\s*(\(|\)|&&|\|\||!=|<=|>=|=|<|>|"(?:[^"\\]|\\.)*"|\$(?:\.[A-Za-z0-9_-]+|\[\d+\])+|[A-Za-z0-9_.*+-]+)/y;

function tokenize(body: string): string[] {
    const tokens: string[] = [];
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < body.length) {
        if (/^\s*$/.test(body.slice(TOKEN.lastIndex))) break;
        const start = TOKEN.lastIndex;
        const match = TOKEN.exec(body);
        if (!match) throw new Error(`cannot read the filter pattern at: ${body.slice(start)}`);
        tokens.push(match[1]);
    }
    return tokens;
}

/** The value a selector such as `$.detail.items[0].id` points to; undefined when there is none. */
export function selectProperty(event: Json, selector: string): Json {
    const steps = [...selector.slice(1).matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]/g)].map(
        (match) => match[1] ?? Number(match[2]),
    );
    let value: Json = event;
    for (const step of steps) {
        if (value === null || typeof value !== "object") return undefined;
        value = (value as Record<string | number, Json>)[step];
    }
    return value;
}

function wildcard(pattern: string, text: string): boolean {
    const source = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
    return new RegExp(`^${source}$`).test(text);
}

function compare(actual: Json, operator: string, literal: string): boolean {
    if (actual === undefined || (typeof actual === "object" && actual !== null)) return false;
    const quoted = literal.startsWith('"');
    const text = quoted ? (JSON.parse(literal) as string) : literal;
    if (!quoted && !/^[A-Za-z0-9_*]+$/.test(text) && !/^[+-]?[\d.]+(e[+-]?\d+)?$|\*/.test(text)) {
        throw new Error(
            `a string with other than letters, digits and _ must be quoted: ${literal}`,
        );
    }
    if (["<", ">", "<=", ">="].includes(operator)) {
        const number = Number(text);
        if (Number.isNaN(number)) throw new Error(`${operator} compares numbers, not ${literal}`);
        if (typeof actual !== "number") return false;
        return {
            "<": actual < number,
            ">": actual > number,
            "<=": actual <= number,
            ">=": actual >= number,
        }[operator] as boolean;
    }
    const matches = wildcard(text, String(actual));
    return operator === "=" ? matches : !matches;
}

/** Recursive descent over the tokens: or := and ('||' and)*; and := term ('&&' term)*. */
class Parser {
    private position = 0;
    constructor(
        private readonly tokens: string[],
        private readonly event: Json,
    ) {}

    parse(): boolean {
        const value = this.or();
        if (this.position !== this.tokens.length) {
            throw new Error(`unexpected ${this.tokens[this.position]} in the filter pattern`);
        }
        return value;
    }

    private next(): string {
        const token = this.tokens[this.position++];
        if (token === undefined) throw new Error("the filter pattern ends too early");
        return token;
    }

    private or(): boolean {
        let value = this.and();
        while (this.tokens[this.position] === "||") {
            this.position++;
            value = this.and() || value;
        }
        return value;
    }

    private and(): boolean {
        let value = this.term();
        while (this.tokens[this.position] === "&&") {
            this.position++;
            value = this.term() && value;
        }
        return value;
    }

    private term(): boolean {
        const token = this.next();
        if (token === "(") {
            const value = this.or();
            if (this.next() !== ")") throw new Error("a parenthesis is not closed");
            return value;
        }
        if (!token.startsWith("$")) throw new Error(`expected a property selector, got ${token}`);
        const actual = selectProperty(this.event, token);
        const operator = this.next();
        if (operator === "IS") {
            const literal = this.next();
            const expected = { NULL: null, TRUE: true, FALSE: false }[literal];
            if (expected === undefined)
                throw new Error(`IS takes NULL, TRUE or FALSE, not ${literal}`);
            return actual === expected;
        }
        if (operator === "NOT") {
            if (this.next() !== "EXISTS") throw new Error("NOT must be followed by EXISTS");
            return actual === undefined;
        }
        if (!["=", "!=", "<", ">", "<=", ">="].includes(operator)) {
            throw new Error(`not a comparison: ${operator}`);
        }
        return compare(actual, operator, this.next());
    }
}

/** Whether the JSON metric filter pattern matches the log event. */
export function matchesFilterPattern(pattern: string, event: Json): boolean {
    const body = /^\s*\{(.*)\}\s*$/s.exec(pattern)?.[1];
    if (body === undefined) throw new Error(`a JSON filter pattern is enclosed in { }: ${pattern}`);
    return new Parser(tokenize(body), event).parse();
}

/**
 * The dimensions a metric filter publishes for a matching event: name to the value of its
 * selector. "One metric filter can include as many as three dimensions" (MetricTransformation).
 */
export function filterDimensions(
    dimensions: Readonly<Record<string, string>>,
    event: Json,
): Record<string, string> {
    if (Object.keys(dimensions).length > 3) {
        throw new Error("a metric filter has at most three dimensions");
    }
    const published: Record<string, string> = {};
    for (const [name, selector] of Object.entries(dimensions)) {
        if (!/^\$(\.[A-Za-z0-9_-]+|\[\d+\])+$/.test(selector)) {
            throw new Error(`a JSON dimension is a property selector, not ${selector}`);
        }
        const value = selectProperty(event, selector);
        if (value !== undefined && value !== null && typeof value !== "object") {
            published[name] = String(value);
        }
    }
    return published;
}
