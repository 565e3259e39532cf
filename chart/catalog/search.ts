import { clientFor, openRepository, RegistryConnectionOptions } from "../distribution/connection";
import { tagsOf } from "../distribution/tags";
import { tagsToVersions } from "../helmOci/list";
import { validateRepositoryName } from "../distribution/names";
import { OciError } from "../distribution/errors";
import { Repository } from "../distribution/repository";
import { boundedMap } from "./boundedMap";
import { ChartVersionSummary, SkippedVersion, summarizeVersion } from "./chartVersionSummary";
import { listRepositories } from "./repositories";
import { tokenBatches } from "./tokenBatches";

export interface SearchChartsOptions extends RegistryConnectionOptions {
    /** Only repositories under this path, e.g. "helm". Default: the whole registry. */
    namespace?: string;
    /** Case-insensitive text matched against the repository path, description and keywords. Default: everything. */
    keyword?: string;
    /** Every version of each chart instead of the newest. Default false. */
    allVersions?: boolean;
    /** Repositories read at the same time. Default 8. */
    concurrency?: number;
    /** Repository names asked for per catalog page (n=). Default 1000; pages are followed via the Link header. */
    catalogPageSize?: number;
}

export interface SkippedRepository {
    repository: string;
    /** NOT_A_CHART, NO_VERSIONS, DENIED/UNAUTHORIZED (listed but not readable), or what was wrong with a served chart */
    code: string;
    reason: string;
}

export interface SearchResult {
    /** highest version first within a chart; charts in repository order */
    charts: ChartVersionSummary[];
    /** repositories the catalog listed under the namespace */
    repositories: number;
    skipped: SkippedRepository[];
}

/**
 * Every chart of a registry: the catalog, then per repository its tags and the manifest and config blob of the
 * newest (or every) SemVer version — never a chart archive. Repositories are read `concurrency` at a time, each
 * under its own operation deadline; artifacts that are not charts are skipped and reported, not fatal.
 */
export async function searchCharts(options: SearchChartsOptions): Promise<SearchResult> {
    const namespace = (options.namespace ?? "").replace(/^\/+|\/+$/g, "");
    if (namespace) validateRepositoryName(namespace, options.registry);
    const client = clientFor(options);
    const repositories = await listRepositories(client, namespace, options.catalogPageSize);
    const skipped: SkippedRepository[] = [];
    const tokensFor = tokenBatches(client, repositories);
    const perRepository = await boundedMap(repositories, options.concurrency ?? 8, async (repository) => {
        await tokensFor(repository);
        try {
            return await client.operation(options, () => chartsOf(openRepository(options, repository), options, skipped));
        } catch (error) {
            // A catalog lister may see repositories it cannot read (ACR's ABAC roles): skip and report them.
            if (!(error instanceof OciError) || (error.code !== "DENIED" && error.code !== "UNAUTHORIZED")) throw error;
            skipped.push({ repository, code: error.code, reason: `${client.identity} may not read it (${error.message})` });
            return [];
        }
    });
    const keyword = options.keyword?.toLowerCase();
    const charts = perRepository.flat().filter((chart) => !keyword || matches(chart, keyword));
    return { charts, repositories: repositories.length, skipped };
}

async function chartsOf(
    repository: Repository,
    options: SearchChartsOptions,
    skipped: SkippedRepository[],
): Promise<ChartVersionSummary[]> {
    const versions = tagsToVersions(await tagsOf(repository));
    if (versions.length === 0) {
        skipped.push({ repository: repository.name, code: "NO_VERSIONS", reason: "no SemVer tags, so no chart versions" });
        return [];
    }
    const found: ChartVersionSummary[] = [];
    for (const version of options.allVersions ? versions : versions.slice(0, 1)) {
        try {
            found.push(await summarizeVersion(repository, version));
        } catch (error) {
            if (!(error instanceof SkippedVersion)) throw error;
            skipped.push({ repository: repository.name, code: error.code, reason: `version ${version}: ${error.message}` });
            // The newest version decides whether a repository holds charts at all.
            if (error.code === "NOT_A_CHART" && found.length === 0) break;
        }
    }
    return found;
}

function matches(chart: ChartVersionSummary, keyword: string): boolean {
    return [chart.name, chart.description, ...chart.keywords].some((text) => text.toLowerCase().includes(keyword));
}
