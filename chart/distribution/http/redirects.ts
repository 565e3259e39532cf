import { header, HttpRequest, HttpResponse } from "./transport";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 5;

/**
 * The request to send after a redirect answer, or undefined when the answer is final. Only GET and HEAD
 * follow redirects (blob storage); the target must be http(s) without embedded credentials, https must
 * stay https, and the Authorization header only goes to the same origin. A refused redirect throws a
 * message naming the target's origin, never its query (it may carry a signed token).
 */
export function nextRedirect(current: HttpRequest, response: HttpResponse): HttpRequest | undefined {
    const location = header(response, "location");
    if (!REDIRECT_STATUSES.has(response.status) || !location || (current.method !== "GET" && current.method !== "HEAD")) {
        return undefined;
    }
    let next: URL;
    try {
        next = new URL(location, current.url);
    } catch {
        throw new Error(`redirect (HTTP ${response.status}) to an unparsable location`);
    }
    if (next.protocol !== "http:" && next.protocol !== "https:") {
        throw new Error(`redirect (HTTP ${response.status}) to a ${next.protocol} URL`);
    }
    if (next.username || next.password) {
        throw new Error(`redirect (HTTP ${response.status}) to ${next.host} with credentials in the URL`);
    }
    if (current.url.protocol === "https:" && next.protocol !== "https:") {
        throw new Error(`redirect (HTTP ${response.status}) to insecure ${next.origin}`);
    }
    const headers = { ...current.headers };
    if (next.origin !== current.url.origin) delete headers.authorization;
    return { method: current.method, url: next, headers, maxBodyBytes: current.maxBodyBytes };
}
