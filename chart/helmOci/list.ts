import * as semver from "semver";
import { ListTagsOptions, listTags } from "../distribution/tags";
import { tagToVersion } from "./reference";

export type ListChartVersionsOptions = ListTagsOptions;

/** semver.org's strict SemVer 2.0.0 grammar (no "v" prefix, no leading zeros), as Helm's Tags() requires. */
const STRICT_SEMVER =
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

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
