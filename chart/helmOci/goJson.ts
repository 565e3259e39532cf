/**
 * JSON text as Go's encoding/json writes it: compact, map keys sorted, and <, >, &, U+2028, U+2029
 * escaped as \u003c-style sequences. Needed so our config and manifest bytes match Helm's.
 */
export function goJsonString(value: string): string {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** Encodes plain JSON data (objects get Go map semantics: sorted keys). */
export function goJsonValue(value: unknown): string {
    if (value === null || value === undefined) {
        return "null";
    }
    if (typeof value === "string") {
        return goJsonString(value);
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return JSON.stringify(value);
    }
    if (Array.isArray(value)) {
        return "[" + value.map(goJsonValue).join(",") + "]";
    }
    const entries = Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => `${goJsonString(key)}:${goJsonValue((value as Record<string, unknown>)[key])}`);
    return "{" + entries.join(",") + "}";
}

/** A Go struct: fields in declaration order, each written only when present (omitempty is decided by the caller). */
export function goJsonStruct(fields: [string, string | undefined][]): string {
    const written = fields.filter((field): field is [string, string] => field[1] !== undefined);
    return "{" + written.map(([key, json]) => `${goJsonString(key)}:${json}`).join(",") + "}";
}
