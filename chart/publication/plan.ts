import { packageChart, PackagedChart } from "../packaging/package";
import { gitProvenance, provenanceAnnotations } from "../packaging/provenance";
import { ChartPushPlan, planChartPush } from "../helmOci/pushPlan";
import { planBundle, planCosign, planKeyless, planNotation, planProvenance, SignatureRecords } from "../signing/signaturePlan";
import { descriptorOf } from "../distribution/digest";
import { OCI_MANIFEST_MEDIA_TYPE } from "../distribution/mediaTypes";
import type { ProvenanceSetting } from "../packaging/provenance";
import type { PublicationInputs } from "./inputs";

/** Everything a publication would put in the registry, computed locally with no network. */
export interface ArtifactPlan {
    /** The packaged chart, with its provenance file when signing. */
    readonly chart: PackagedChart & { readonly provenance?: Buffer };
    /** The artifact exactly as it will be pushed. */
    readonly push: ChartPushPlan;
    readonly annotations: Record<string, string>;
    /** `<namespace>/<chart name>` inside the registry. */
    readonly repositoryPath: string;
    readonly tag: string;
    readonly manifestDigest: string;
    readonly size: number;
    /** The Helm provenance file (in the manifest), the signatures beside it, and a keyless signature due after the push. */
    readonly signatures: SignatureRecords;
}

export type PlanArtifactInputs = Pick<
    PublicationInputs,
    "chartPath" | "namespace" | "annotations" | "provenance" | "signing" | "loginServer"
>;

/**
 * `previous` are the signatures in state: reused while what they cover is unchanged. The cosign signature names
 * the registry, so it is planned only once `loginServer` is known.
 */
export async function planArtifact(
    inputs: PlanArtifactInputs,
    previous: SignatureRecords = {},
    loginServerKnown = true,
): Promise<ArtifactPlan> {
    const chart = await packageChart(inputs.chartPath);
    const repositoryPath = `${inputs.namespace.replace(/^\/+|\/+$/g, "")}/${chart.metadata.name}`;
    const annotations = { ...(await resolveProvenance(inputs.provenance, inputs.chartPath)), ...inputs.annotations };
    const provenance = await planProvenance(inputs.signing, chart, previous.provenance);
    const signedChart: ArtifactPlan["chart"] = provenance ? { ...chart, provenance: Buffer.from(provenance.prov, "utf8") } : chart;
    const push = planChartPush(signedChart, repositoryPath, annotations);
    const { artifact } = push;
    const cosign = loginServerKnown
        ? planCosign(inputs.signing, `${inputs.loginServer}/${repositoryPath}`, artifact.manifestDigest, previous)
        : undefined;
    const bundle = await planBundle(inputs.signing, artifact.manifestDigest, previous);
    const notation = planNotation(inputs.signing, descriptorOf(OCI_MANIFEST_MEDIA_TYPE, artifact.manifest), previous);
    const keyless = planKeyless(inputs.signing, artifact.manifestDigest, previous);
    return {
        chart: signedChart,
        push,
        annotations,
        repositoryPath,
        tag: push.tag,
        manifestDigest: artifact.manifestDigest,
        size: chart.archive.length + artifact.config.length + artifact.manifest.length + (signedChart.provenance?.length ?? 0),
        signatures: { provenance, cosign, bundle, notation, ...(keyless ? { keyless } : {}) },
    };
}

async function resolveProvenance(setting: ProvenanceSetting, chartPath: string): Promise<Record<string, string>> {
    if (setting === false) return {};
    const provenance = setting === true ? await gitProvenance(chartPath) : setting;
    return provenanceAnnotations(provenance);
}
