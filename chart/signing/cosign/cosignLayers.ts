import { checkedDescriptor, quote } from "../../helmOci/artifactChecks";
import { SIGNATURE_ANNOTATION, SIMPLE_SIGNING_MEDIA_TYPE } from "./cosignPayload";
import type { SignatureLayer } from "./cosignSignature";

/** A simple-signing payload is a few hundred bytes; nothing larger is fetched. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
const MAX_SIGNATURE_LAYERS = 64;

/** A signature layer read from a registry, with the signature its annotation carries (if any). */
export interface ReadSignatureLayer extends SignatureLayer {
    readonly signature?: string;
}

/**
 * The layers of a cosign signature manifest as the registry sent them. Everything is checked before use: an
 * OCI manifest with at most 64 layers, each a valid descriptor with string annotations. Throws a plain Error
 * whose message quotes offending values safely.
 */
export function readSignatureLayers(bytes: Buffer): ReadSignatureLayer[] {
    let manifest: unknown;
    try {
        manifest = JSON.parse(bytes.toString("utf8"));
    } catch {
        throw new Error("the signature manifest is not JSON");
    }
    const layers = (manifest as { layers?: unknown } | null)?.layers;
    if (typeof manifest !== "object" || manifest === null || !Array.isArray(layers) || layers.length > MAX_SIGNATURE_LAYERS) {
        throw new Error(`the signature manifest must be an object with at most ${MAX_SIGNATURE_LAYERS} layers`);
    }
    return layers.map((layer: unknown, index) => {
        const limit =
            (layer as { mediaType?: unknown } | null)?.mediaType === SIMPLE_SIGNING_MEDIA_TYPE
                ? MAX_PAYLOAD_BYTES
                : Number.MAX_SAFE_INTEGER;
        const descriptor = checkedDescriptor(layer, `signature layer ${index}`, limit);
        const annotations = (layer as { annotations?: unknown }).annotations;
        if (
            annotations !== undefined &&
            (typeof annotations !== "object" || annotations === null || Object.values(annotations).some((v) => typeof v !== "string"))
        ) {
            throw new Error(`signature layer ${index} has annotations ${quote(annotations)} that are not a map of strings`);
        }
        const signature = (annotations as Record<string, string> | undefined)?.[SIGNATURE_ANNOTATION];
        return { ...descriptor, json: JSON.stringify(layer), signature };
    });
}
