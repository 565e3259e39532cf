/** A parsed WWW-Authenticate challenge, e.g. Bearer realm="https://r/oauth2/token",service="r",scope="repository:a:pull". */
export interface AuthChallenge {
    scheme: "basic" | "bearer" | "other";
    params: Record<string, string>;
}

/**
 * Parses the first challenge of a WWW-Authenticate header (RFC 7235 auth-params).
 * Quoted values may contain commas, spaces, "=" and backslash escapes, so a naive split is wrong.
 */
export function parseChallenge(headerValue: string | undefined): AuthChallenge | undefined {
    if (!headerValue) {
        return undefined;
    }
    const schemeMatch = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s*/.exec(headerValue);
    if (!schemeMatch) {
        return undefined;
    }
    const schemeName = schemeMatch[1].toLowerCase();
    const scheme = schemeName === "basic" || schemeName === "bearer" ? schemeName : "other";
    return { scheme, params: parseParams(headerValue.slice(schemeMatch[0].length)) };
}

function parseParams(text: string): Record<string, string> {
    const params: Record<string, string> = {};
    let i = 0;
    while (i < text.length) {
        const keyMatch = /^[\s,]*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*/.exec(text.slice(i));
        if (!keyMatch) {
            break;
        }
        i += keyMatch[0].length;
        const key = keyMatch[1].toLowerCase();
        let value = "";
        if (text[i] === '"') {
            i++;
            while (i < text.length && text[i] !== '"') {
                if (text[i] === "\\" && i + 1 < text.length) {
                    i++;
                }
                value += text[i];
                i++;
            }
            i++; // closing quote
        } else {
            const tokenMatch = /^[^\s,]*/.exec(text.slice(i));
            value = tokenMatch ? tokenMatch[0] : "";
            i += value.length;
        }
        params[key] = value;
    }
    return params;
}
