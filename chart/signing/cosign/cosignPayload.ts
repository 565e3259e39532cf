import { goJsonString, goJsonStruct } from "../../helmOci/goJson";

/** Cosign's simple-signing payload type (sigstore `payload.CosignSignatureType`). */
export const COSIGN_SIGNATURE_TYPE = "cosign container image signature";
export const SIMPLE_SIGNING_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
export const SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

/**
 * The JSON cosign signs (sigstore `payload.SimpleContainerImage`, Go field order): the repository as
 * `docker-reference` and the manifest digest the signature is for.
 */
export function simpleSigningPayload(dockerReference: string, manifestDigest: string): Buffer {
    const json = goJsonStruct([
        [
            "critical",
            goJsonStruct([
                ["identity", goJsonStruct([["docker-reference", goJsonString(dockerReference)]])],
                ["image", goJsonStruct([["docker-manifest-digest", goJsonString(manifestDigest)]])],
                ["type", goJsonString(COSIGN_SIGNATURE_TYPE)],
            ]),
        ],
        ["optional", "null"],
    ]);
    return Buffer.from(json, "utf8");
}

/** Where cosign keeps signatures on registries without the Referrers API: the tag `sha256-<hex>.sig`. */
export function signatureTag(manifestDigest: string): string {
    return `${manifestDigest.replace(":", "-")}.sig`;
}
