import { RegistryClient } from "./client";
import { OciError, OciOperation } from "./errors";

/** Next page from a Link header: `</v2/x/tags/list?last=a&n=100>; rel="next"`. */
export function nextPageFromLink(link: string | undefined): string | undefined {
    const match = link ? /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link) : null;
    return match ? match[1] : undefined;
}

/** One page of a listing: the entries it holds and its Link header. */
export interface LinkedPage {
    entries: string[];
    link: string | undefined;
}

export interface LinkedPagesOptions {
    operation: OciOperation;
    /** "" for a registry-wide listing (the catalog). */
    repository: string;
    /** Path of the first page, e.g. `/v2/<name>/tags/list?n=1000`. */
    first: string;
    /** Pages read at most; a registry still linking to new pages after them is an error. */
    maxPages: number;
    /** Requests one page; undefined ends the walk with no listing at all (e.g. a 404). */
    read: (path: string) => Promise<LinkedPage | undefined>;
}

/**
 * Every entry of a listing paged with `Link: <...>; rel="next"`, each once in first-seen order, or undefined
 * when a page read returns undefined. The walk ends at a page without a next link or whose next link names a page
 * already requested (same path and query, parameters in any order), so a registry linking in a circle is read once.
 * A link to another origin is refused, never requested. After `maxPages` pages with new links still coming the walk
 * throws rather than return a list it knows to be short: a caller picking the highest version must not do it silently
 * from part of them.
 */
export async function readLinkedPages(client: RegistryClient, options: LinkedPagesOptions): Promise<string[] | undefined> {
    const entries = new Set<string>();
    const requested = new Set<string>();
    let path: string | undefined = options.first;
    while (path !== undefined) {
        const url = onRegistry(client, path, options);
        const key = pageKey(url);
        if (requested.has(key)) break;
        if (requested.size === options.maxPages) throw tooManyPages(client, options);
        requested.add(key);
        const page = await options.read(url.pathname + url.search);
        if (!page) return undefined;
        for (const entry of page.entries) entries.add(entry);
        path = nextPageFromLink(page.link);
    }
    return [...entries];
}

function onRegistry(client: RegistryClient, path: string, options: LinkedPagesOptions): URL {
    const url = new URL(path, client.baseUrl);
    if (url.origin !== new URL(client.baseUrl).origin) {
        throw new OciError(
            `${options.operation} ${listingName(client, options)} failed: the registry's next-page link points to another host or scheme ` +
                `(${url.origin}); it is not followed.`,
            { operation: options.operation, registry: client.registry, repository: options.repository, code: "LOCATION_INVALID" },
        );
    }
    return url;
}

/** Path and query with the query parameters sorted: `?n=2&last=a` and `?last=a&n=2` are the same page. */
function pageKey(url: URL): string {
    const query = new URLSearchParams(url.search);
    query.sort();
    return `${url.pathname}?${query.toString()}`;
}

function tooManyPages(client: RegistryClient, options: LinkedPagesOptions): OciError {
    return new OciError(
        `${options.operation} ${listingName(client, options)} failed: the registry links to more than ${options.maxPages} pages ` +
            `(each to a new one); the listing was given up rather than shown incomplete.`,
        { operation: options.operation, registry: client.registry, repository: options.repository, code: "TOO_MANY_PAGES" },
    );
}

function listingName(client: RegistryClient, options: LinkedPagesOptions): string {
    return options.repository ? `${client.registry}/${options.repository}` : client.registry;
}
