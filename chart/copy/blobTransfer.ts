import type { Descriptor } from "../distribution/digest";
import { Repository } from "../distribution/repository";

export type BlobOutcome = "present" | "mounted" | "uploaded";

/** The two repositories of a copy. */
export interface CopyEnds {
    source: Repository;
    destination: Repository;
}

/**
 * Makes one blob present in the destination repository: nothing when it is there already; a cross-repository
 * mount when both repositories are on the same registry (no bytes move); else the blob is read from the source,
 * its digest and size checked, and uploaded.
 */
export async function transferBlob({ source, destination }: CopyEnds, blob: Descriptor): Promise<BlobOutcome> {
    if (await destination.blobExists(blob.digest)) return "present";
    if (await destination.mountBlob(blob.digest, source, "copy")) return "mounted";
    const data = await source.fetchBlob(blob, "copy");
    await destination.ensureBlob(blob, data);
    return "uploaded";
}
