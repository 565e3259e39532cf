import { OciError } from "../distribution/errors";
import { Repository } from "../distribution/repository";
import { MAX_MANIFEST_BYTES } from "../helmOci/artifactChecks";
import { BlobOutcome, CopyEnds, transferBlob } from "./blobTransfer";
import { manifestBlobs } from "./manifestBlobs";

export interface FetchedManifest {
    bytes: Buffer;
    digest: string;
    mediaType: string;
}

/** A manifest from the source by tag or digest (digest verified), or undefined when it does not exist. */
export async function fetchManifest(source: Repository, reference: string): Promise<FetchedManifest | undefined> {
    const found = await source.getManifest(reference, "copy", ["pull"], MAX_MANIFEST_BYTES);
    if (!found) return undefined;
    const { mediaType } = manifestBlobs(found.bytes, found.mediaType);
    return { bytes: found.bytes, digest: found.digest, mediaType };
}

/** What the destination's tag points at now, or undefined. */
export function destinationDigest(destination: Repository, tag: string): Promise<string | undefined> {
    return destination.headManifest(tag, "copy", ["pull", "push"]);
}

/**
 * Puts a manifest's blobs, then the manifest's exact bytes under `tag`, into the destination, so that its digest
 * is the source's. The registry's answer is checked: a different digest means the bytes were not kept as sent.
 */
export async function pushManifestCopy(ends: CopyEnds, manifest: FetchedManifest, tag: string): Promise<BlobOutcome[]> {
    const { blobs } = manifestBlobs(manifest.bytes, manifest.mediaType);
    const outcomes: BlobOutcome[] = [];
    for (const blob of blobs) outcomes.push(await transferBlob(ends, blob));
    const { destination } = ends;
    const put = await destination.putManifest(tag, manifest.bytes, manifest.mediaType, "copy");
    const stored = put.headers["docker-content-digest"];
    if (put.status !== 201 || (typeof stored === "string" && stored !== manifest.digest)) {
        throw new OciError(
            `copy to ${destination.ref}:${tag} failed: the manifest PUT answered HTTP ${put.status}` +
                `${typeof stored === "string" && stored !== manifest.digest ? ` with digest ${stored} instead of ${manifest.digest}` : ""}.`,
            { operation: "copy", registry: destination.registry, repository: destination.name, status: put.status },
        );
    }
    return outcomes;
}
