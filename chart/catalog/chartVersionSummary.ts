import { ArtifactProblem, checkedChartManifest, MAX_MANIFEST_BYTES } from "../helmOci/artifactChecks";
import { checkedChartConfig } from "../helmOci/chartConfigChecks";
import { OciError } from "../distribution/errors";
import { Repository } from "../distribution/repository";
import { versionToTag } from "../helmOci/reference";

/** One chart version as search shows it, read from the manifest and the small config blob only. */
export interface ChartVersionSummary {
    /** repository path inside the registry, e.g. "helm/hello-acr" */
    name: string;
    /** `oci://<registry>/<repository>` */
    ref: string;
    version: string;
    appVersion: string;
    description: string;
    keywords: string[];
    /** manifest digest */
    digest: string;
}

/** Why a version is left out: NOT_A_CHART for other artifacts, anything else for a chart the registry serves broken. */
export class SkippedVersion extends Error {
    constructor(
        readonly code: string,
        message: string,
    ) {
        super(message);
        this.name = "SkippedVersion";
    }
}

/**
 * Reads one version's manifest (by tag) and config blob, checking both as untrusted input: a manifest whose
 * config is not Helm's is not a chart; a chart config must name the repository's chart and the version asked for.
 */
export async function summarizeVersion(repository: Repository, version: string): Promise<ChartVersionSummary> {
    const tag = versionToTag(version);
    const found = await repository.getManifest(tag, "search", ["pull"], MAX_MANIFEST_BYTES);
    if (!found) throw new SkippedVersion("MANIFEST_UNKNOWN", `tag ${tag} disappeared while it was read`);
    try {
        const { config } = checkedChartManifest(parseJson(found.bytes, "manifest"));
        const metadata = checkedChartConfig(parseJson(await repository.fetchBlob(config, "search"), "config blob"), {
            name: repository.name.split("/").pop() ?? "",
            version,
        });
        return {
            name: repository.name,
            ref: `oci://${repository.ref}`,
            version,
            appVersion: metadata.appVersion ?? "",
            description: metadata.description ?? "",
            keywords: metadata.keywords ?? [],
            digest: found.digest,
        };
    } catch (error) {
        if (error instanceof ArtifactProblem) throw new SkippedVersion(error.code, error.message);
        if (error instanceof OciError && error.code === "INVALID_RESPONSE") throw new SkippedVersion(error.code, error.message);
        throw error;
    }
}

function parseJson(bytes: Buffer, what: string): unknown {
    try {
        return JSON.parse(bytes.toString("utf8"));
    } catch {
        throw new ArtifactProblem("INVALID_RESPONSE", `the ${what} is not valid JSON.`);
    }
}
