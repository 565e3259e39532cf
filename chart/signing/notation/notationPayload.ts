import type { Descriptor } from "../../distribution/digest";

/**
 * The signed payload: `{"targetArtifact": {mediaType, digest, size}}`, the descriptor of the signed manifest with
 * nothing else (verifiers compare those three fields with the manifest they resolved).
 */
export function notationPayload(subject: Descriptor): Buffer {
    const { mediaType, digest, size } = subject;
    return Buffer.from(JSON.stringify({ targetArtifact: { mediaType, digest, size } }), "utf8");
}
