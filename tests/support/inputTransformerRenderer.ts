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
    return filled(template, transformer.inputPaths, event, ruleName);
}

/** Each `<name>` replaced by the value its path selects, as it is; empty when it selects nothing. */
function filled(
    text: string,
    inputPaths: Readonly<Record<string, string>>,
    event: unknown,
    ruleName: string,
): string {
    return text.replace(/<([A-Za-z0-9_.-]+)>/g, (_placeholder, name: string) => {
        if (name === "aws.events.rule-name") {
            return ruleName;
        }
        const path = inputPaths[name];
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

/**
 * Renders a transformer whose template is a JSON document the way EventBridge fills it in: each
 * `<name>` in the template's text is replaced by the value its path selects, as it is, unescaped
 * (so a value holding a double quote would break the JSON, which the caller's JSON.parse shows); a
 * path that selects nothing leaves it empty; `<aws.events.rule-name>` is the rule's name. Returns
 * the text the target receives.
 */
export function renderJsonTransformer(
    transformer: { inputPaths: Readonly<Record<string, string>>; inputTemplate: string },
    event: unknown,
    ruleName: string,
): string {
    if (typeof JSON.parse(transformer.inputTemplate) !== "object") {
        throw new Error("the template is not a JSON document");
    }
    return filled(transformer.inputTemplate, transformer.inputPaths, event, ruleName);
}
