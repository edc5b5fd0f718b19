/**
 * Reads the `Filter` of an OAM link's MetricConfiguration as the OAM API reference describes it
 * (MetricConfiguration; AWS::Oam::Link LinkFilter): the term `Namespace`, then `=` or `!=` and a
 * namespace, `LIKE` or `NOT LIKE` and a prefix ending in `%`, or `IN` or `NOT IN` and a
 * parenthesised list; namespaces in single quotes, matched case-sensitively; conditions joined by
 * `AND` and `OR`, "a limit of five conditional operands". Returns which namespaces the link shares;
 * throws on anything OAM would not take.
 */
export const MAX_CONDITIONAL_OPERANDS = 5;

const QUOTED = "'[^']*'";
const CONDITION = new RegExp(
    String.raw`^Namespace (?:(=|!=) (${QUOTED})|(LIKE|NOT LIKE) (${QUOTED})|(IN|NOT IN) \((${QUOTED}(?:, ${QUOTED})*)\))$`,
);

type Predicate = (namespace: string) => boolean;

function unquote(text: string): string {
    return text.slice(1, -1);
}

function condition(text: string): Predicate {
    const match = CONDITION.exec(text);
    if (!match) throw new Error(`not a metric link filter condition: ${text}`);
    const [, equality, value, like, prefix, membership, list] = match;
    if (equality !== undefined) {
        const expected = unquote(value);
        return (namespace) => (namespace === expected) === (equality === "=");
    }
    if (like !== undefined) {
        const start = unquote(prefix);
        if (!start.endsWith("%") || start.slice(0, -1).includes("%")) {
            throw new Error(`LIKE is a prefix search ending in %: ${prefix}`);
        }
        return (namespace) => namespace.startsWith(start.slice(0, -1)) === (like === "LIKE");
    }
    const members = list.split(", ").map(unquote);
    return (namespace) => members.includes(namespace) === (membership === "IN");
}

/** The namespaces predicate of a filter; AND binds tighter than OR. */
export function parseLinkMetricFilter(filter: string): Predicate {
    const operands = filter.match(/ (AND|OR) /g) ?? [];
    if (operands.length > MAX_CONDITIONAL_OPERANDS) {
        throw new Error(`${operands.length} conditional operands; a filter has at most 5`);
    }
    const alternatives = filter.split(" OR ").map((branch) => branch.split(" AND ").map(condition));
    return (namespace) =>
        alternatives.some((conditions) => conditions.every((holds) => holds(namespace)));
}
