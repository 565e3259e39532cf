import { RegistryClient } from "../distribution/client";
import { OciError } from "../distribution/errors";
import { getManifest, headManifest } from "../distribution/manifestRequests";
import { MAX_MANIFEST_BYTES } from "../helmOci/artifactChecks";
import { BlobEnds, BlobOutcome, transferBlob } from "./blobTransfer";
import { manifestBlobs } from "./manifestBlobs";

export interface FetchedManifest {
    bytes: Buffer;
    digest: string;
    mediaType: string;
}

/** A manifest from the source by tag or digest (digest verified), or undefined when it does not exist. */
export async function fetchManifest(client: RegistryClient, repository: string, reference: string): Promise<FetchedManifest | undefined> {
    const found = await getManifest({
        client,
        operation: "copy",
        repository,
        reference,
        actions: ["pull"],
        maxBodyBytes: MAX_MANIFEST_BYTES,
    });
    if (!found) return undefined;
    const { mediaType } = manifestBlobs(found.bytes, found.mediaType);
    return { bytes: found.bytes, digest: found.digest, mediaType };
}

/** What the destination's tag points at now, or undefined. */
export function destinationDigest(ends: BlobEnds, tag: string): Promise<string | undefined> {
    return headManifest({
        client: ends.destination,
        operation: "copy",
        repository: ends.destinationRepository,
        reference: tag,
        actions: ["pull", "push"],
    });
}

/**
 * Puts a manifest's blobs, then the manifest's exact bytes under `tag`, into the destination, so that its digest
 * is the source's. The registry's answer is checked: a different digest means the bytes were not kept as sent.
 */
export async function pushManifestCopy(ends: BlobEnds, manifest: FetchedManifest, tag: string): Promise<BlobOutcome[]> {
    const { blobs } = manifestBlobs(manifest.bytes, manifest.mediaType);
    const outcomes: BlobOutcome[] = [];
    for (const blob of blobs) outcomes.push(await transferBlob(ends, blob));
    const { destination, destinationRepository } = ends;
    const put = await destination.send({
        operation: "copy",
        repository: destinationRepository,
        actions: ["pull", "push"],
        method: "PUT",
        path: `/v2/${destinationRepository}/manifests/${tag}`,
        headers: { "content-type": manifest.mediaType },
        body: manifest.bytes,
    });
    const stored = put.headers["docker-content-digest"];
    if (put.status !== 201 || (typeof stored === "string" && stored !== manifest.digest)) {
        throw new OciError(
            `copy to ${destination.registry}/${destinationRepository}:${tag} failed: the manifest PUT answered HTTP ${put.status}` +
                `${typeof stored === "string" && stored !== manifest.digest ? ` with digest ${stored} instead of ${manifest.digest}` : ""}.`,
            { operation: "copy", registry: destination.registry, repository: destinationRepository, status: put.status },
        );
    }
    return outcomes;
}
