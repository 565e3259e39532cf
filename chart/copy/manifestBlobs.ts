import { ArtifactProblem, checkedDescriptor, MAX_CHART_LAYER_BYTES } from "../helmOci/artifactChecks";
import type { Descriptor } from "../distribution/digest";
import { DOCKER_MANIFEST_MEDIA_TYPE, OCI_MANIFEST_MEDIA_TYPE } from "../distribution/mediaTypes";

/** Cosign appends one layer per signature; a signature manifest with more than this is not a plausible one. */
const MAX_LAYERS = 1000;
/** Manifest media types a copy carries over as they are (charts and cosign signatures are single manifests). */
export const COPYABLE_MANIFEST_TYPES = [OCI_MANIFEST_MEDIA_TYPE, DOCKER_MANIFEST_MEDIA_TYPE];

/**
 * The blobs an image manifest references (config, then layers), checked as untrusted input: schema 2, a media
 * type the copy can carry, sha256 digests and sizes a chart or a signature can have. Anything else is refused.
 */
export function manifestBlobs(bytes: Buffer, contentType: string | undefined): { mediaType: string; blobs: Descriptor[] } {
    let manifest: Record<string, unknown>;
    try {
        manifest = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
    } catch {
        throw new ArtifactProblem("MANIFEST_INVALID", "the manifest is not valid JSON.");
    }
    if (typeof manifest !== "object" || manifest === null || manifest.schemaVersion !== 2) {
        throw new ArtifactProblem("MANIFEST_INVALID", "the manifest is not a schema 2 image manifest.");
    }
    const mediaType =
        typeof manifest.mediaType === "string" ? manifest.mediaType : (contentType ?? OCI_MANIFEST_MEDIA_TYPE).split(";")[0].trim();
    if (!COPYABLE_MANIFEST_TYPES.includes(mediaType)) {
        throw new ArtifactProblem(
            "UNSUPPORTED",
            `the manifest has media type ${JSON.stringify(mediaType)}; only single image manifests (charts, signatures) are copied.`,
        );
    }
    if (!Array.isArray(manifest.layers) || manifest.layers.length > MAX_LAYERS) {
        throw new ArtifactProblem("MANIFEST_INVALID", `the manifest's layers must be a list of at most ${MAX_LAYERS} descriptors.`);
    }
    const config = checkedDescriptor(manifest.config, "the config descriptor", MAX_CHART_LAYER_BYTES);
    const layers = manifest.layers.map((layer, i) => checkedDescriptor(layer, `layer ${i}`, MAX_CHART_LAYER_BYTES));
    return { mediaType, blobs: [config, ...layers] };
}
