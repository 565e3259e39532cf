import type { ChartMetadata } from "../model/chartfile";
import { ArtifactProblem, checkedChartManifest, MAX_MANIFEST_BYTES } from "./artifactChecks";
import { checkedChartConfig } from "./chartConfigChecks";
import { RegistryClient } from "../distribution/client";
import { openRepository, RegistryConnectionOptions } from "../distribution/connection";
import { OciError } from "../distribution/errors";
import { parseJsonBody } from "../distribution/http/jsonBody";
import { Descriptor, sha256Digest } from "../distribution/digest";
import { getManifest } from "../distribution/manifestRequests";
import { versionToTag } from "./reference";
import { blobPath } from "../distribution/registryPaths";

export interface PullChartOptions extends RegistryConnectionOptions {
    /** Full repository path including the chart name. */
    repository: string;
    /** Chart version (SemVer; "+" is looked up as "_" like Helm does). */
    version: string;
}

export interface PulledChart {
    /** the chart .tgz, digest- and size-verified */
    archive: Buffer;
    /** the config blob: the chart's Chart.yaml metadata as Helm stored it; name and version checked */
    metadata: ChartMetadata;
    /** manifest digest */
    digest: string;
    /** digest of the chart layer */
    chartDigest: string;
    /** the Helm provenance file (.prov) of the provenance layer, digest-verified; undefined for a chart without one */
    provenance?: Buffer;
}

function pullError(client: RegistryClient, repository: string, tag: string, message: string, code: string, status?: number): OciError {
    return new OciError(`pull ${client.registry}/${repository}:${tag} failed: ${message}`, {
        operation: "pull",
        registry: client.registry,
        repository,
        code,
        status,
    });
}

/** The registry sent something no Helm chart can be: names the artifact and what to do. */
function hostileArtifact(client: RegistryClient, repository: string, tag: string, problem: ArtifactProblem): OciError {
    const fix =
        problem.code === "NOT_A_CHART"
            ? ""
            : " Nothing was written. The artifact was not pushed by Helm or has been tampered with; re-publish the chart.";
    return pullError(client, repository, tag, `${problem.message}${fix}`, problem.code);
}

/** GET a blob (never more bytes than its descriptor declares) and verify its size and digest. */
async function fetchBlob(client: RegistryClient, repository: string, tag: string, blob: Descriptor): Promise<Buffer> {
    const response = await client.send({
        operation: "pull",
        repository,
        actions: ["pull"],
        method: "GET",
        path: blobPath(repository, blob.digest),
        maxBodyBytes: blob.size,
    });
    if (response.status !== 200) {
        throw pullError(
            client,
            repository,
            tag,
            `GET blob ${blob.digest} returned HTTP ${response.status}.`,
            "BLOB_UNKNOWN",
            response.status,
        );
    }
    if (response.body.length !== blob.size || sha256Digest(response.body) !== blob.digest) {
        throw pullError(
            client,
            repository,
            tag,
            `blob ${blob.digest} does not match its descriptor (size or digest differs).`,
            "DIGEST_INVALID",
        );
    }
    return response.body;
}

/**
 * Downloads a chart version: manifest (OCI Accept, at most 4 MiB), config and chart layer. Everything the
 * registry sends is checked before use (see artifactChecks, chartConfigChecks): descriptors, sizes,
 * digests, and a config whose name and version match the repository and the version asked for.
 */
export async function pullChart(options: PullChartOptions): Promise<PulledChart> {
    const { repository, version } = options;
    const { client } = openRepository(options, repository);
    const tag = versionToTag(version);
    return client.operation(options, async () => {
        const found = await getManifest({
            client,
            operation: "pull",
            repository,
            reference: tag,
            actions: ["pull"],
            maxBodyBytes: MAX_MANIFEST_BYTES,
        });
        if (!found) {
            throw pullError(
                client,
                repository,
                tag,
                `version ${version} (tag ${tag}) not found. List the published versions with listChartVersions.`,
                "MANIFEST_UNKNOWN",
                404,
            );
        }
        const ctx = { operation: "pull" as const, registry: client.registry, repository };
        try {
            const { config, chartLayer, provenanceLayer } = checkedChartManifest(
                parseJsonBody<unknown>(found.bytes, `manifest ${tag}`, ctx),
            );
            const configJson = parseJsonBody<unknown>(await fetchBlob(client, repository, tag, config), "the chart config blob", ctx);
            const metadata = checkedChartConfig(configJson, { name: repository.split("/").pop() ?? "", version });
            const archive = await fetchBlob(client, repository, tag, chartLayer);
            const provenance = provenanceLayer ? await fetchBlob(client, repository, tag, provenanceLayer) : undefined;
            return { archive, metadata, digest: found.digest, chartDigest: chartLayer.digest, provenance };
        } catch (error) {
            throw error instanceof ArtifactProblem ? hostileArtifact(client, repository, tag, error) : error;
        }
    });
}
