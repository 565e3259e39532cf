import { OciError } from "../distribution/errors";
import { validateRepositoryName } from "../distribution/names";
import { buildHelmArtifact, ChartToPush, HelmArtifact } from "./manifest";
import { versionToTag } from "./reference";

/** Exactly what a push sends, built once with no network: what preview shows is what gets pushed. */
export interface ChartPushPlan {
    /** Full repository path, ending with the chart name. */
    readonly repository: string;
    readonly version: string;
    readonly tag: string;
    /** The chart .tgz bytes. */
    readonly archive: Buffer;
    /** The Helm provenance file, pushed as the manifest's provenance layer when the chart is signed. */
    readonly provenance?: Buffer;
    readonly artifact: HelmArtifact;
}

/** Validates where the chart goes and builds its artifact; throws OciError naming the fix before any request. */
export function planChartPush(chart: ChartToPush, repository: string, annotations?: Record<string, string>, registry = ""): ChartPushPlan {
    validateRepositoryName(repository, registry);
    requireChartNameAtEnd(repository, chart.metadata.name, registry);
    return {
        repository,
        version: chart.metadata.version,
        tag: versionToTag(chart.metadata.version),
        archive: chart.archive,
        provenance: chart.provenance,
        artifact: buildHelmArtifact(chart, annotations),
    };
}

/** Helm (strict mode) only finds a chart at <namespace>/<chart name>; refuse anything else before any request. */
function requireChartNameAtEnd(repository: string, chartName: string, registry: string): void {
    const last = repository.split("/").pop();
    if (last !== chartName) {
        const namespace = repository.includes("/") ? repository.slice(0, repository.lastIndexOf("/")) : "";
        throw new OciError(
            `push ${registry}/${repository} refused: the repository must end with the chart name "${chartName}" so Helm can ` +
                `pull it as oci://${registry}/${namespace ? namespace + "/" : ""}${chartName}; use repository "${namespace ? namespace + "/" : ""}${chartName}".`,
            { operation: "validate", registry, repository, code: "NAME_MISMATCH" },
        );
    }
}
