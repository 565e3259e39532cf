import * as semver from "semver";
import { RegistryClient } from "./client";
import { clientFor, RegistryConnectionOptions } from "./connection";
import { OciError } from "./errors";
import { parseJsonBody } from "./jsonBody";
import { TAG, tagToVersion, validateRepositoryName } from "./reference";
import { header } from "./transport";

export interface ListChartVersionsOptions extends RegistryConnectionOptions {
  /** Full repository path including the chart name. */
  repository: string;
  /** Tags per page requested from the registry (n=). Default 1000; pages are followed via the Link header. */
  pageSize?: number;
}

/** semver.org's strict SemVer 2.0.0 grammar (no "v" prefix, no leading zeros), as Helm's Tags() requires. */
const STRICT_SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A page of 1000 tags of at most 128 characters is ~130 KB; 16 MiB leaves room for much larger pages. */
const MAX_TAG_PAGE_BYTES = 16 * 1024 * 1024;

/** Next page from a Link header: `</v2/x/tags/list?last=a&n=100>; rel="next"`. */
export function nextPageFromLink(link: string | undefined): string | undefined {
  const match = link ? /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link) : null;
  return match ? match[1] : undefined;
}

/** Tags of a repository, all pages; [] when the repository does not exist. */
export async function listTags(options: ListChartVersionsOptions): Promise<string[]> {
  const { repository } = options;
  validateRepositoryName(repository, options.registry);
  const client = clientFor(options);
  return client.operation(options, () => readTagPages(client, options));
}

async function readTagPages(client: RegistryClient, options: ListChartVersionsOptions): Promise<string[]> {
  const { repository } = options;
  const tags: string[] = [];
  let path: string | undefined = `/v2/${repository}/tags/list?n=${options.pageSize ?? 1000}`;
  for (let page = 0; path && page < 1000; page++) {
    const response = await client.send({ operation: "list", repository, actions: ["pull"], method: "GET", path, maxBodyBytes: MAX_TAG_PAGE_BYTES });
    if (response.status === 404) return [];
    if (response.status !== 200) {
      throw new OciError(`list ${client.registry}/${repository} failed: tags/list returned HTTP ${response.status}.`, {
        operation: "list", registry: client.registry, repository, status: response.status,
      });
    }
    const body = parseJsonBody<{ tags?: string[] | null }>(response.body, "tags/list", { operation: "list", registry: client.registry, repository });
    // A hostile answer may hold anything: keep only strings that are valid OCI tags.
    tags.push(...(Array.isArray(body.tags) ? body.tags : []).filter((tag): tag is string => typeof tag === "string" && TAG.test(tag)));
    path = nextPageFromLink(header(response, "link"));
  }
  return tags;
}

/** Tags mapped back to chart versions ("_" -> "+"), strict SemVer only, highest first — like Helm's Tags(). */
export function tagsToVersions(tags: string[]): string[] {
  return tags
    .map(tagToVersion)
    .filter((version) => STRICT_SEMVER.test(version))
    .sort((a, b) => semver.rcompare(a, b) || (a < b ? 1 : a > b ? -1 : 0));
}

/** Chart versions published in a repository, highest SemVer first. */
export async function listChartVersions(options: ListChartVersionsOptions): Promise<string[]> {
  return tagsToVersions(await listTags(options));
}
