import { TimeoutOptions } from "../distribution/http/deadline";
import { SHA256_DIGEST } from "../distribution/digest";
import { OciConflictError, OciError } from "../distribution/errors";
import { Repository } from "../distribution/repository";
import { ArtifactProblem, checkedChartManifest } from "../helmOci/artifactChecks";
import { checkedChartConfig } from "../helmOci/chartConfigChecks";
import { versionToTag } from "../helmOci/reference";
import { BlobOutcome, CopyEnds } from "./blobTransfer";
import { destinationDigest, FetchedManifest, fetchManifest, pushManifestCopy } from "./manifestCopy";
import { copySignatures, SignatureCopy } from "./signatures";

export interface CopyChartOptions {
    /** The chart's repository at the source, e.g. "dev/hello-acr" through the dev registry's client. */
    source: Repository;
    /** The chart's repository at the destination; its last path element is the chart name the source must hold. */
    destination: Repository;
    /** The chart version: the tag read at the source (unless `digest` is given) and written at the destination. */
    version: string;
    /** Copy exactly this manifest ("sha256:..."), e.g. the digest a dev stack published and tested. Default: what the version's tag points at. */
    digest?: string;
    /** Limits of the whole copy. Default: the destination client's. */
    timeouts?: TimeoutOptions;
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
    const tag = versionToTag(version);
    if (options.digest !== undefined && !SHA256_DIGEST.test(options.digest)) {
        throw new OciError(`copy refused: digest ${JSON.stringify(options.digest)} is not of the form sha256:<64 hex digits>.`, {
            operation: "validate",
            registry: source.registry,
            repository: source.name,
            code: "DIGEST_INVALID",
        });
    }
    return destination.operation(options.timeouts, () => copy({ source, destination }, tag, version, options.digest));
}

async function copy(ends: CopyEnds, tag: string, version: string, digest: string | undefined): Promise<CopyChartResult> {
    const manifest = await sourceChart(ends, tag, version, digest);
    const blobs: Record<BlobOutcome, number> = { present: 0, mounted: 0, uploaded: 0 };
    const existing = await destinationDigest(ends.destination, tag);
    if (existing !== undefined && existing !== manifest.digest) throw versionExists(ends, tag, existing, manifest.digest);
    if (existing === undefined) {
        for (const outcome of await pushManifestCopy(ends, manifest, tag)) blobs[outcome]++;
        const now = await destinationDigest(ends.destination, tag);
        if (now !== manifest.digest) throw versionExists(ends, tag, now ?? "nothing", manifest.digest, "while the copy ran, ");
    }
    const signatures = await copySignatures(ends, manifest.digest, blobs);
    return {
        ref: `oci://${ends.destination.ref}`,
        tag,
        digest: manifest.digest,
        manifestCopied: existing === undefined,
        blobs,
        signatures,
    };
}

/** The source manifest, checked to be this chart at this version (config blob read and verified). */
async function sourceChart(ends: CopyEnds, tag: string, version: string, digest: string | undefined): Promise<FetchedManifest> {
    const { source } = ends;
    const where = `${source.ref}${digest ? `@${digest}` : `:${tag}`}`;
    const context = { operation: "copy" as const, registry: source.registry, repository: source.name };
    try {
        const manifest = await fetchManifest(source, digest ?? tag);
        if (!manifest) {
            throw new OciError(`copy from ${where} failed: not found. List the versions with 'acr-helm tags oci://${source.ref}'.`, {
                ...context,
                status: 404,
                code: "MANIFEST_UNKNOWN",
            });
        }
        const { config } = checkedChartManifest(JSON.parse(manifest.bytes.toString("utf8")));
        const configJson: unknown = JSON.parse((await source.fetchBlob(config, "copy")).toString("utf8"));
        checkedChartConfig(configJson, { name: chartNameOf(ends.destination.name), version });
        return manifest;
    } catch (error) {
        if (error instanceof ArtifactProblem) {
            throw new OciError(`copy from ${where} refused: ${error.message} Nothing was copied.`, { ...context, code: error.code });
        }
        if (error instanceof SyntaxError) {
            throw new OciError(`copy from ${where} refused: the registry sent malformed JSON. Nothing was copied.`, {
                ...context,
                code: "INVALID_RESPONSE",
            });
        }
        throw error;
    }
}

function chartNameOf(repository: string): string {
    return repository.split("/").pop() ?? "";
}

function versionExists(ends: CopyEnds, tag: string, existing: string, attempted: string, when = ""): OciConflictError {
    const { destination } = ends;
    return new OciConflictError(
        `copy to ${destination.ref}:${tag} refused: ${when}the destination holds different content under this version ` +
            `(${existing}; the source is ${attempted}). Published versions are not replaced: publish a new chart version, or remove the ` +
            `destination's version yourself if it was published by mistake.`,
        {
            operation: "copy",
            registry: destination.registry,
            repository: destination.name,
            code: "VERSION_EXISTS",
            existingDigest: existing === "nothing" ? undefined : existing,
            attemptedDigest: attempted,
        },
    );
}
