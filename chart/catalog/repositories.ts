import { RegistryClient } from "../distribution/client";
import { OciError } from "../distribution/errors";
import { parseJsonBody } from "../distribution/http/jsonBody";
import { readLinkedPages } from "../distribution/linkPages";
import { validateRepositoryName } from "../distribution/names";
import { header } from "../distribution/http/transport";
import { catalogPath } from "../distribution/registryPaths";

/** The catalog scope distribution and ACR ask for (`registry:catalog:*`). */
export const CATALOG_SCOPE = "registry:catalog:*";
/** distribution's default catalog.maxentries; ACR pages at 100 whatever is asked. */
const PAGE_SIZE = 1000;
/** A page of 1000 names of at most 255 characters is ~260 KB. */
const MAX_CATALOG_PAGE_BYTES = 4 * 1024 * 1024;
/** Pages read at most: ten million names at distribution's page size, a million at ACR's. */
const MAX_PAGES = 10_000;

/**
 * Every repository name of the registry's catalog (`GET /v2/_catalog`, following `Link` pages), keeping only
 * valid OCI repository names under `namespace` (all when empty). A hostile answer can repeat or invent names;
 * they are deduplicated and validated, never used as given.
 */
export async function listRepositories(client: RegistryClient, namespace: string, pageSize = PAGE_SIZE): Promise<string[]> {
    const prefix = namespace ? `${namespace}/` : "";
    const names = await readLinkedPages(client, {
        operation: "search",
        repository: "",
        first: catalogPath(pageSize),
        maxPages: MAX_PAGES,
        read: async (path) => {
            const response = await client.send({
                operation: "search",
                repository: "",
                actions: ["pull"],
                scope: CATALOG_SCOPE,
                method: "GET",
                path,
                maxBodyBytes: MAX_CATALOG_PAGE_BYTES,
            });
            if (response.status === 404) throw catalogUnsupported(client, response.status);
            if (response.status !== 200) {
                throw new OciError(`search ${client.registry} failed: the catalog (/v2/_catalog) returned HTTP ${response.status}.`, {
                    operation: "search",
                    registry: client.registry,
                    status: response.status,
                });
            }
            const body = parseJsonBody<{ repositories?: unknown }>(response.body, "the catalog", {
                operation: "search",
                registry: client.registry,
                repository: "",
            });
            const listed = Array.isArray(body.repositories) ? body.repositories : [];
            const kept = listed.filter(
                (name): name is string => typeof name === "string" && isRepositoryName(name) && name.startsWith(prefix),
            );
            return { entries: kept, link: header(response, "link") };
        },
    });
    return (names ?? []).sort();
}

function isRepositoryName(name: string): boolean {
    try {
        validateRepositoryName(name);
        return true;
    } catch {
        return false;
    }
}

function catalogUnsupported(client: RegistryClient, status: number): OciError {
    return new OciError(
        `search ${client.registry} failed: the registry does not serve the catalog API (/v2/_catalog answered HTTP ${status}), so its charts cannot be ` +
            `listed. List one chart's versions with 'acr-helm tags oci://${client.registry}/<namespace>/<chart>' instead.`,
        { operation: "search", registry: client.registry, status, code: "UNSUPPORTED" },
    );
}
