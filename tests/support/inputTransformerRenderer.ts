/**
 * Renders an EventBridge input transformer against an event the way EventBridge does for a
 * string template: the template is a JSON string literal; each `<name>` is replaced by the value
 * its JSONPath selects (dot notation and array indices); a path that selects nothing leaves the
 * placeholder empty; `<aws.events.rule-name>` is the rule's name.
 */
export function selectPath(event: unknown, path: string): unknown {
    if (!/^\$(\.[A-Za-z0-9_-]+|\[\d+\])*$/.test(path)) {
        throw new Error(`not a JSONPath EventBridge accepts: ${path}`);
    }
    const steps = [...path.slice(1).matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]/g)].map(
        (match) => match[1] ?? Number(match[2]),
    );
    let value: unknown = event;
    for (const step of steps) {
        if (value === null || typeof value !== "object") {
            return undefined;
        }
        value = (value as Record<string | number, unknown>)[step];
    }
    return value;
}

export function renderTransformer(
    transformer: { inputPaths: Readonly<Record<string, string>>; inputTemplate: string },
    event: unknown,
    ruleName: string,
): string {
    const template: unknown = JSON.parse(transformer.inputTemplate);
    if (typeof template !== "string") {
        throw new Error(
            "the template is not a JSON string literal, so the target would not receive plain text",
        );
    }
    return template.replace(/<([A-Za-z0-9_.-]+)>/g, (_placeholder, name: string) => {
        if (name === "aws.events.rule-name") {
            return ruleName;
        }
        const path = transformer.inputPaths[name];
        if (path === undefined) {
            throw new Error(`placeholder <${name}> has no input path`);
        }
        const value = selectPath(event, path);
        if (value !== undefined && value !== null && typeof value === "object") {
            throw new Error(`<${name}> selects an object; the text would show JSON`);
        }
        return value === undefined || value === null ? "" : String(value);
    });
}
