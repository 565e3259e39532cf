import { ArtifactProblem } from "../helmOci/artifactChecks";
import { BlobOutcome, CopyEnds } from "./blobTransfer";
import { destinationDigest, fetchManifest, pushManifestCopy } from "./manifestCopy";
import { listReferrers, listStoredReferrer } from "../distribution/referrers";

/** Tags cosign stores signatures, attestations and SBOMs under, next to the artifact they belong to. */
const COSIGN_SUFFIXES = [".sig", ".att", ".sbom"];

export interface SignatureCopy {
    /** The cosign tag, or `<artifact type>@<digest>` for a referrer (a Sigstore bundle, a Notation signature, ...). */
    tag: string;
    /** copied; present (already identical at the destination); kept (the destination holds other content, left alone) */
    outcome: "copied" | "present" | "kept";
    digest: string;
}

/**
 * Copies cosign's `sha256-<hex>.sig` (and .att, .sbom) manifests of `digest`, and every OCI referrer of it (Sigstore
 * bundles, Notation signatures, attestations) with its exact bytes, listed at the destination as it lists
 * referrers. A destination tag with other content (signatures added there) is kept as it is: replacing it would drop
 * them; referrers already at the destination stay listed.
 */
export async function copySignatures(ends: CopyEnds, digest: string, blobs: Record<BlobOutcome, number>): Promise<SignatureCopy[]> {
    const copies: SignatureCopy[] = [];
    for (const suffix of COSIGN_SUFFIXES) {
        const tag = `${digest.replace(":", "-")}${suffix}`;
        const manifest = await fetchManifest(ends.source, tag).catch((error: unknown) => {
            if (error instanceof ArtifactProblem) return undefined;
            throw error;
        });
        if (!manifest) continue;
        const existing = await destinationDigest(ends.destination, tag);
        if (existing === manifest.digest) {
            copies.push({ tag, outcome: "present", digest: manifest.digest });
        } else if (existing !== undefined) {
            copies.push({ tag, outcome: "kept", digest: existing });
        } else {
            for (const outcome of await pushManifestCopy(ends, manifest, tag)) blobs[outcome]++;
            copies.push({ tag, outcome: "copied", digest: manifest.digest });
        }
    }
    for (const referrer of await listReferrers(ends.source, digest)) {
        const tag = `${referrer.artifactType ?? referrer.mediaType}@${referrer.digest}`;
        const manifest = await fetchManifest(ends.source, referrer.digest);
        if (!manifest) continue;
        const present = (await destinationDigest(ends.destination, referrer.digest)) === referrer.digest;
        if (!present) for (const outcome of await pushManifestCopy(ends, manifest, referrer.digest)) blobs[outcome]++;
        await listStoredReferrer(ends.destination, digest, referrer);
        copies.push({ tag, outcome: present ? "present" : "copied", digest: referrer.digest });
    }
    return copies;
}
