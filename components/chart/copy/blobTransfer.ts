import { blobExists, ensureBlob } from "../distribution/blobUpload";
import { RegistryClient } from "../distribution/client";
import type { Descriptor } from "../distribution/digest";
import { header } from "../distribution/transport";
import { fetchVerifiedBlob } from "../catalog/verifiedBlob";

export type BlobOutcome = "present" | "mounted" | "uploaded";

export interface BlobEnds {
    source: RegistryClient;
    sourceRepository: string;
    destination: RegistryClient;
    destinationRepository: string;
}

/**
 * Makes one blob present in the destination repository: nothing when it is there already; a cross-repository
 * mount when both repositories are on the same registry (no bytes move); else the blob is read from the source,
 * its digest and size checked, and uploaded.
 */
export async function transferBlob(ends: BlobEnds, blob: Descriptor): Promise<BlobOutcome> {
    const { destination, destinationRepository } = ends;
    if (await blobExists(destination, destinationRepository, blob.digest)) return "present";
    if (ends.source.baseUrl === destination.baseUrl && (await mounted(ends, blob))) return "mounted";
    const data = await fetchVerifiedBlob(ends.source, "copy", ends.sourceRepository, blob);
    await ensureBlob(destination, destinationRepository, blob, data);
    return "uploaded";
}

/** POST ?mount=&from= (distribution spec): 201 means mounted; anything else falls back to an upload. */
async function mounted(ends: BlobEnds, blob: Descriptor): Promise<boolean> {
    const query = new URLSearchParams({ mount: blob.digest, from: ends.sourceRepository });
    const response = await ends.destination.send({
        operation: "copy",
        repository: ends.destinationRepository,
        actions: ["pull", "push"],
        method: "POST",
        path: `/v2/${ends.destinationRepository}/blobs/uploads/?${query}`,
    });
    if (response.status === 201) return true;
    // A 202 opened an ordinary upload session instead; it is not used, so it is cancelled (best effort).
    const location = header(response, "location");
    if (response.status === 202 && location) {
        const url = ends.destination.resolveUrl(location, {
            operation: "copy",
            registry: ends.destination.registry,
            repository: ends.destinationRepository,
            identity: ends.destination.identity,
        });
        await ends.destination
            .send({
                operation: "copy",
                repository: ends.destinationRepository,
                actions: ["pull", "push"],
                method: "DELETE",
                path: url.href,
                retry: false,
            })
            .catch(() => undefined);
    }
    return false;
}
