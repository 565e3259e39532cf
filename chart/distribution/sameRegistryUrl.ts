import { ErrorContext } from "./errorMessages";
import { OciError } from "./errors";

/**
 * A path or Location resolved against the registry's base URL, refused when it leads to another host or from https
 * down to http: registries' redirects and upload locations are untrusted.
 */
export function sameRegistryUrl(baseUrl: string, registry: string, pathOrUrl: string, ctx: ErrorContext): URL {
    const url = new URL(pathOrUrl, baseUrl);
    const base = new URL(baseUrl);
    if (url.host !== base.host || (base.protocol === "https:" && url.protocol !== "https:")) {
        throw new OciError(`${ctx.operation} failed: registry ${registry} redirected to another host or to http (${url.origin}).`, {
            ...ctx,
            code: "LOCATION_INVALID",
        });
    }
    return url;
}
