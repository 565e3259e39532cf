import { fetchVerifiedBlob } from "../catalog/verifiedBlob";
import { clientFor, RegistryConnectionOptions } from "../distribution/connection";
import { SHA256_DIGEST } from "../distribution/digest";
import { OciConflictError, OciError } from "../distribution/errors";
import { validateRepositoryName } from "../distribution/names";
import { ArtifactProblem, checkedChartManifest } from "../helmOci/artifactChecks";
import { checkedChartConfig } from "../helmOci/chartConfigChecks";
import { versionToTag } from "../helmOci/reference";
import { BlobEnds, BlobOutcome } from "./blobTransfer";
import { destinationDigest, FetchedManifest, fetchManifest, pushManifestCopy } from "./manifestCopy";
import { copySignatures, SignatureCopy } from "./signatures";

export interface CopyEndpoint extends RegistryConnectionOptions {
    /** Full repository path including the chart name, e.g. "helm/hello-acr". */
    repository: string;
}

export interface CopyChartOptions {
    source: CopyEndpoint;
    destination: CopyEndpoint;
    /** The chart version: the tag read at the source (unless `digest` is given) and written at the destination. */
    version: string;
    /** Copy exactly this manifest ("sha256:..."), e.g. the digest a dev stack published and tested. Default: what the version's tag points at. */
    digest?: string;
}

export interface CopyChartResult {
    /** `oci://<destination registry>/<repository>` */
    ref: string;
    tag: string;
    /** the manifest digest, the same at both ends */
    digest: string;
    /** false when the destination already held exactly this version */
    manifestCopied: boolean;
    blobs: Record<BlobOutcome, number>;
    signatures: SignatureCopy[];
}

/**
 * Copies one chart version between registries (or repositories) by digest: the blobs (config, chart, provenance)
 * by mount or upload, then the manifest's exact bytes under the version's tag, then cosign signatures and
 * attestations stored under `sha256-<hex>.sig|.att|.sbom`. A destination that already holds the version unchanged
 * costs one request and sends nothing; one holding other content under that version is never overwritten.
 */
export async function copyChartVersion(options: CopyChartOptions): Promise<CopyChartResult> {
    const { source, destination, version } = options;
    validateRepositoryName(source.repository, source.registry);
    validateRepositoryName(destination.repository, destination.registry);
    const tag = versionToTag(version);
    if (options.digest !== undefined && !SHA256_DIGEST.test(options.digest)) {
        throw new OciError(`copy refused: digest ${JSON.stringify(options.digest)} is not of the form sha256:<64 hex digits>.`, {
            operation: "validate",
            registry: source.registry,
            repository: source.repository,
            code: "DIGEST_INVALID",
        });
    }
    const ends: BlobEnds = {
        source: clientFor(source),
        sourceRepository: source.repository,
        destination: clientFor(destination),
        destinationRepository: destination.repository,
    };
    return ends.destination.operation(destination, () => copy(ends, tag, version, options.digest));
}

async function copy(ends: BlobEnds, tag: string, version: string, digest: string | undefined): Promise<CopyChartResult> {
    const manifest = await sourceChart(ends, tag, version, digest);
    const blobs: Record<BlobOutcome, number> = { present: 0, mounted: 0, uploaded: 0 };
    const existing = await destinationDigest(ends, tag);
    if (existing !== undefined && existing !== manifest.digest) throw versionExists(ends, tag, existing, manifest.digest);
    if (existing === undefined) {
        for (const outcome of await pushManifestCopy(ends, manifest, tag)) blobs[outcome]++;
        const now = await destinationDigest(ends, tag);
        if (now !== manifest.digest) throw versionExists(ends, tag, now ?? "nothing", manifest.digest, "while the copy ran, ");
    }
    const signatures = await copySignatures(ends, manifest.digest, blobs);
    return {
        ref: `oci://${ends.destination.registry}/${ends.destinationRepository}`,
        tag,
        digest: manifest.digest,
        manifestCopied: existing === undefined,
        blobs,
        signatures,
    };
}

/** The source manifest, checked to be this chart at this version (config blob read and verified). */
async function sourceChart(ends: BlobEnds, tag: string, version: string, digest: string | undefined): Promise<FetchedManifest> {
    const { source, sourceRepository } = ends;
    const where = `${source.registry}/${sourceRepository}${digest ? `@${digest}` : `:${tag}`}`;
    try {
        const manifest = await fetchManifest(source, sourceRepository, digest ?? tag);
        if (!manifest) {
            throw new OciError(
                `copy from ${where} failed: not found. List the versions with 'acr-helm tags oci://${source.registry}/${sourceRepository}'.`,
                {
                    operation: "copy",
                    registry: source.registry,
                    repository: sourceRepository,
                    status: 404,
                    code: "MANIFEST_UNKNOWN",
                },
            );
        }
        const { config } = checkedChartManifest(JSON.parse(manifest.bytes.toString("utf8")));
        const configJson: unknown = JSON.parse((await fetchVerifiedBlob(source, "copy", sourceRepository, config)).toString("utf8"));
        checkedChartConfig(configJson, { name: chartNameOf(ends.destinationRepository), version });
        return manifest;
    } catch (error) {
        if (error instanceof ArtifactProblem) {
            throw new OciError(`copy from ${where} refused: ${error.message} Nothing was copied.`, {
                operation: "copy",
                registry: source.registry,
                repository: sourceRepository,
                code: error.code,
            });
        }
        if (error instanceof SyntaxError) {
            throw new OciError(`copy from ${where} refused: the registry sent malformed JSON. Nothing was copied.`, {
                operation: "copy",
                registry: source.registry,
                repository: sourceRepository,
                code: "INVALID_RESPONSE",
            });
        }
        throw error;
    }
}

function chartNameOf(repository: string): string {
    return repository.split("/").pop() ?? "";
}

function versionExists(ends: BlobEnds, tag: string, existing: string, attempted: string, when = ""): OciConflictError {
    const { destination, destinationRepository } = ends;
    return new OciConflictError(
        `copy to ${destination.registry}/${destinationRepository}:${tag} refused: ${when}the destination holds different content under this version ` +
            `(${existing}; the source is ${attempted}). Published versions are not replaced: publish a new chart version, or remove the ` +
            `destination's version yourself if it was published by mistake.`,
        {
            operation: "copy",
            registry: destination.registry,
            repository: destinationRepository,
            code: "VERSION_EXISTS",
            existingDigest: existing === "nothing" ? undefined : existing,
            attemptedDigest: attempted,
        },
    );
}
