import { packageChart, PackagedChart } from "../package";
import { gitProvenance, provenanceAnnotations } from "../provenance";
import { buildHelmArtifact } from "../helmOci/manifest";
import { validateRepositoryName } from "../distribution/names";
import { versionToTag } from "../helmOci/reference";
import type { ProvenanceSetting } from "./args";
import type { PublicationInputs } from "./inputs";

/** Everything a publication would put in the registry, computed locally with no network. */
export interface ArtifactPlan {
    readonly chart: PackagedChart;
    readonly annotations: Record<string, string>;
    /** `<namespace>/<chart name>` inside the registry. */
    readonly repositoryPath: string;
    readonly tag: string;
    readonly manifestDigest: string;
    readonly size: number;
}

export async function planArtifact(inputs: Pick<PublicationInputs, "chartPath" | "repository" | "annotations" | "provenance">): Promise<ArtifactPlan> {
    const chart = await packageChart(inputs.chartPath);
    const repositoryPath = `${inputs.repository.replace(/^\/+|\/+$/g, "")}/${chart.metadata.name}`;
    validateRepositoryName(repositoryPath);
    const annotations = { ...(await resolveProvenance(inputs.provenance, inputs.chartPath)), ...inputs.annotations };
    const artifact = buildHelmArtifact(chart, annotations);
    return {
        chart,
        annotations,
        repositoryPath,
        tag: versionToTag(chart.metadata.version),
        manifestDigest: artifact.manifestDigest,
        size: chart.archive.length + artifact.config.length + artifact.manifest.length,
    };
}

async function resolveProvenance(setting: ProvenanceSetting, chartPath: string): Promise<Record<string, string>> {
    if (setting === false) return {};
    const provenance = setting === true ? await gitProvenance(chartPath) : setting;
    return provenanceAnnotations(provenance);
}
