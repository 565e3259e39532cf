/** What a request to a registry (or its token service) was, e.g. "manifest HEAD", "blob POST", "token GET". */
export type RequestClass = "base" | "blob" | "manifest" | "referrers" | "tags" | "catalog" | "token" | "other";

export interface RequestKind {
    /** `${class} ${method}`, e.g. "blob PUT" for the PUT that completes an upload */
    kind: string;
    repository?: string;
}

const REPOSITORY_PATH = /^\/v2\/(.+?)\/(blobs\/uploads\/|blobs\/|manifests\/|referrers\/|tags\/list)/;

function classOf(pathname: string, match: RegExpExecArray | null): RequestClass {
    if (pathname === "/v2/" || pathname === "/v2") return "base";
    if (pathname === "/v2/_catalog") return "catalog";
    if (!pathname.startsWith("/v2/")) return pathname.startsWith("/oauth2/") || pathname.startsWith("/token") ? "token" : "other";
    if (!match) return "other";
    if (match[2].startsWith("blobs/")) return "blob";
    if (match[2] === "referrers/") return "referrers";
    return match[2] === "manifests/" ? "manifest" : "tags";
}

/** Classifies one request by method and path; uploads (blobs/uploads/...) count as blob POST, PATCH and PUT. */
export function requestKind(method: string, rawPath: string): RequestKind {
    const pathname = new URL(rawPath, "http://placeholder").pathname;
    const match = REPOSITORY_PATH.exec(pathname);
    return { kind: `${classOf(pathname, match)} ${method.toUpperCase()}`, repository: match?.[1] };
}

/** Counts per kind, e.g. { "manifest HEAD": 1 }: a stable shape for deepStrictEqual. */
export function countKinds(requests: { kind: string }[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const request of [...requests].sort((a, b) => a.kind.localeCompare(b.kind))) {
        counts[request.kind] = (counts[request.kind] ?? 0) + 1;
    }
    return counts;
}
