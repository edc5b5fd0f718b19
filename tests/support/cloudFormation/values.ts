/** The shapes of template values the CloudFormation checks share. */

export type Obj = Record<string, unknown>;

/** Own keys only: a template key such as "constructor" must not find Object.prototype members. */
export const has = (o: object, key: string): boolean =>
    Object.prototype.hasOwnProperty.call(o, key);

export const isObject = (v: unknown): v is Obj =>
    typeof v === "object" && v !== null && !Array.isArray(v);

/** `{ "Ref": ... }` or `{ "Fn::Xxx": ... }`: its value is only known at deploy time. */
export function isIntrinsic(v: unknown): v is Obj {
    if (!isObject(v)) return false;
    const keys = Object.keys(v);
    return keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::"));
}

export function show(v: unknown): string {
    const text = JSON.stringify(v) ?? String(v);
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** CloudFormation converts numeric strings, and templates often carry numbers as strings. */
export const isNumeric = (v: unknown): boolean =>
    typeof v === "number" || (typeof v === "string" && v.trim() !== "" && !isNaN(Number(v)));
