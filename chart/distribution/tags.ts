import { RegistryClient } from "./client";
import { openRepository, RegistryConnectionOptions } from "./connection";
import { TimeoutOptions } from "./http/deadline";
import { Repository } from "./repository";
import { OciError } from "./errors";
import { parseJsonBody } from "./http/jsonBody";
import { TAG } from "./names";
import { header } from "./http/transport";
import { readLinkedPages } from "./linkPages";
import { tagsPath } from "./registryPaths";

export interface ListTagsOptions extends RegistryConnectionOptions {
    /** Full repository path. */
    repository: string;
    /** Tags per page requested from the registry (n=). Default 1000; pages are followed via the Link header. */
    pageSize?: number;
}

/** A page of 1000 tags of at most 128 characters is ~130 KB; 16 MiB leaves room for much larger pages. */
const MAX_TAG_PAGE_BYTES = 16 * 1024 * 1024;

/** Tags of a repository, all pages; [] when the repository does not exist. */
export async function listTags(options: ListTagsOptions): Promise<string[]> {
    return tagsOf(openRepository(options, options.repository), options);
}

/** Tags of `target`, all pages (`pageSize` per request, default 1000); [] when the repository does not exist. */
export function tagsOf(target: Repository, options: TimeoutOptions & { pageSize?: number } = {}): Promise<string[]> {
    return target.operation(options, () => readTagPages(target.client, target.name, options.pageSize));
}

/** Pages read at most: with the default page size, a million tags. */
const MAX_TAG_PAGES = 1000;

async function readTagPages(client: RegistryClient, repository: string, pageSize = 1000): Promise<string[]> {
    const tags = await readLinkedPages(client, {
        operation: "list",
        repository,
        first: tagsPath(repository, pageSize),
        maxPages: MAX_TAG_PAGES,
        read: async (path) => {
            const response = await client.send({
                operation: "list",
                repository,
                actions: ["pull"],
                method: "GET",
                path,
                maxBodyBytes: MAX_TAG_PAGE_BYTES,
            });
            if (response.status === 404) return undefined;
            if (response.status !== 200) {
                throw new OciError(`list ${client.registry}/${repository} failed: tags/list returned HTTP ${response.status}.`, {
                    operation: "list",
                    registry: client.registry,
                    repository,
                    status: response.status,
                });
            }
            const body = parseJsonBody<{ tags?: string[] | null }>(response.body, "tags/list", {
                operation: "list",
                registry: client.registry,
                repository,
            });
            // A hostile answer may hold anything: keep only strings that are valid OCI tags.
            const valid = (Array.isArray(body.tags) ? body.tags : []).filter(
                (tag): tag is string => typeof tag === "string" && TAG.test(tag),
            );
            return { entries: valid, link: header(response, "link") };
        },
    });
    return tags ?? [];
}
