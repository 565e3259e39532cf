import { sign as signData, verify as verifyData, KeyObject } from "node:crypto";
import { goJsonString, goJsonStruct, goJsonValue } from "../../helmOci/goJson";
import { sha256Digest } from "../../distribution/digest";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../distribution/mediaTypes";
import type { CosignSigningKey } from "./cosignKeys";
import { SIGNATURE_ANNOTATION, SIMPLE_SIGNING_MEDIA_TYPE, simpleSigningPayload } from "./cosignPayload";

/** One cosign signature: the payload blob and its base64 ECDSA signature (ASN.1 DER over SHA-256, as cosign makes). */
export interface CosignSignature {
    readonly payload: string;
    readonly signature: string;
}

export function signCosignPayload(dockerReference: string, manifestDigest: string, key: CosignSigningKey): CosignSignature {
    const payload = simpleSigningPayload(dockerReference, manifestDigest);
    return { payload: payload.toString("utf8"), signature: signData("sha256", payload, key.privateKey).toString("base64") };
}

export function cosignSignatureValid(payload: Buffer, signature: string, publicKey: KeyObject): boolean {
    const bytes = Buffer.from(signature, "base64");
    if (bytes.length === 0 || bytes.toString("base64") !== signature.replace(/\s/g, "")) return false;
    try {
        return verifyData("sha256", payload, publicKey, bytes);
    } catch {
        return false;
    }
}

/** A layer of a signature manifest: kept as the registry sent it (other signers' layers are never rewritten). */
export interface SignatureLayer {
    readonly mediaType: string;
    readonly digest: string;
    readonly size: number;
    readonly json: string;
}

export function signatureLayer(signature: CosignSignature): SignatureLayer {
    const payload = Buffer.from(signature.payload, "utf8");
    const digest = sha256Digest(payload);
    const json = goJsonStruct([
        ["mediaType", goJsonString(SIMPLE_SIGNING_MEDIA_TYPE)],
        ["size", String(payload.length)],
        ["digest", goJsonString(digest)],
        ["annotations", goJsonValue({ [SIGNATURE_ANNOTATION]: signature.signature })],
    ]);
    return { mediaType: SIMPLE_SIGNING_MEDIA_TYPE, digest, size: payload.length, json };
}

/** The image config media type go-containerregistry gives cosign's signature images. */
export const OCI_CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";

export interface SignatureManifest {
    readonly config: Buffer;
    readonly manifest: Buffer;
    readonly digest: string;
}

/**
 * The image cosign stores under `sha256-<hex>.sig`: an OCI manifest whose layers are the payloads, each annotated
 * with its signature, and an image config listing them (go-containerregistry's empty image plus those layers).
 */
export function signatureManifest(layers: readonly SignatureLayer[]): SignatureManifest {
    const config = Buffer.from(
        goJsonStruct([
            ["architecture", goJsonString("")],
            ["created", goJsonString("0001-01-01T00:00:00Z")],
            ["history", "[" + layers.map(() => goJsonStruct([["created", goJsonString("0001-01-01T00:00:00Z")]])).join(",") + "]"],
            ["os", goJsonString("")],
            [
                "rootfs",
                goJsonStruct([
                    ["type", goJsonString("layers")],
                    ["diff_ids", "[" + layers.map((l) => goJsonString(l.digest)).join(",") + "]"],
                ]),
            ],
            ["config", "{}"],
        ]),
        "utf8",
    );
    const manifest = Buffer.from(
        goJsonStruct([
            ["schemaVersion", "2"],
            ["mediaType", goJsonString(OCI_MANIFEST_MEDIA_TYPE)],
            [
                "config",
                goJsonStruct([
                    ["mediaType", goJsonString(OCI_CONFIG_MEDIA_TYPE)],
                    ["size", String(config.length)],
                    ["digest", goJsonString(sha256Digest(config))],
                ]),
            ],
            ["layers", "[" + layers.map((l) => l.json).join(",") + "]"],
        ]),
        "utf8",
    );
    return { config, manifest, digest: sha256Digest(manifest) };
}
