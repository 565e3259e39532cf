import type { KeyObject } from "node:crypto";
import { openRepository, RegistryConnectionOptions } from "../../distribution/connection";
import { TimeoutOptions } from "../../distribution/http/deadline";
import { sha256Digest } from "../../distribution/digest";
import { OciError } from "../../distribution/errors";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../distribution/mediaTypes";
import { Repository } from "../../distribution/repository";
import { fingerprintOf } from "./cosignKeys";
import { MAX_PAYLOAD_BYTES, readSignatureLayers } from "./cosignLayers";
import { COSIGN_SIGNATURE_TYPE, SIMPLE_SIGNING_MEDIA_TYPE, signatureTag } from "./cosignPayload";
import { CosignSignature, cosignSignatureValid, OCI_CONFIG_MEDIA_TYPE, signatureLayer, signatureManifest } from "./cosignSignature";
import { SignatureVerificationError } from "../errors";

export interface CosignTarget extends RegistryConnectionOptions {
    /** Full repository path including the chart name. */
    readonly repository: string;
    /** Digest of the chart manifest that is signed. */
    readonly manifestDigest: string;
}

export interface CosignPushResult {
    /** Digest of the signature manifest now under `sha256-<hex>.sig`. */
    readonly signatureDigest: string;
    /** False when that manifest already held this signature and nothing was sent. */
    readonly pushed: boolean;
}

/** pushCosignSignatureIn for a repository given by connection options and path. */
export function pushCosignSignature(target: CosignTarget, signature: CosignSignature, publicKey?: KeyObject): Promise<CosignPushResult> {
    return pushCosignSignatureIn(openRepository(target, target.repository), target.manifestDigest, signature, publicKey, target);
}

/**
 * Stores a signature of `manifestDigest` as cosign does on registries without the Referrers API: a layer of the
 * manifest tagged `sha256-<hex>.sig`. Signatures already there (other signers, other keys) are kept and this one
 * is appended. When the manifest already holds this signature, or another signature of the same payload by
 * `publicKey` (the same key signed this digest before), nothing is uploaded.
 */
export async function pushCosignSignatureIn(
    repository: Repository,
    manifestDigest: string,
    signature: CosignSignature,
    publicKey?: KeyObject,
    timeouts?: TimeoutOptions,
): Promise<CosignPushResult> {
    const tag = signatureTag(manifestDigest);
    return repository.operation(timeouts, async () => {
        const found = await repository.getManifest(tag, "push", ["pull", "push"]);
        const ours = signatureLayer(signature);
        const existing = found ? layersOrFail(found.bytes, repository, tag) : [];
        const payload = Buffer.from(signature.payload, "utf8");
        const alreadySigned = (layer: { digest: string; signature?: string }) =>
            layer.digest === ours.digest &&
            layer.signature !== undefined &&
            (layer.signature === signature.signature ||
                (publicKey !== undefined && cosignSignatureValid(payload, layer.signature, publicKey)));
        if (found && existing.some(alreadySigned)) {
            return { signatureDigest: found.digest, pushed: false };
        }
        const built = signatureManifest([...existing, ours]);
        await repository.ensureBlob({ mediaType: SIMPLE_SIGNING_MEDIA_TYPE, digest: ours.digest, size: ours.size }, payload);
        await repository.ensureBlob(
            { mediaType: OCI_CONFIG_MEDIA_TYPE, digest: sha256Digest(built.config), size: built.config.length },
            built.config,
        );
        const response = await repository.putManifest(tag, built.manifest, OCI_MANIFEST_MEDIA_TYPE, "push");
        if (response.status !== 201) {
            throw new OciError(`push ${repository.ref} failed: PUT signature manifest ${tag} returned HTTP ${response.status}.`, {
                operation: "push",
                registry: repository.registry,
                repository: repository.name,
                status: response.status,
            });
        }
        return { signatureDigest: built.digest, pushed: true };
    });
}

export interface CosignVerification {
    /** SHA-256 fingerprint of the public key that verified. */
    readonly fingerprint: string;
    readonly dockerReference: string;
}

/** verifyCosignSignatureIn for a repository given by connection options and path. */
export function verifyCosignSignature(target: CosignTarget, publicKey: KeyObject): Promise<CosignVerification> {
    return verifyCosignSignatureIn(openRepository(target, target.repository), target.manifestDigest, publicKey, target);
}

/**
 * What `cosign verify --key <pub> --insecure-ignore-tlog` checks: a layer of `sha256-<hex>.sig` whose payload is
 * signed by the key, is a cosign container image signature, and names exactly this manifest digest.
 */
export async function verifyCosignSignatureIn(
    repository: Repository,
    manifestDigest: string,
    publicKey: KeyObject,
    timeouts?: TimeoutOptions,
): Promise<CosignVerification> {
    const tag = signatureTag(manifestDigest);
    const subject = `${repository.ref}@${manifestDigest}`;
    const fail = (reason: string) => new SignatureVerificationError("cosign", `cosign signature of ${subject}: ${reason}`);
    return repository.operation(timeouts, async () => {
        const found = await repository.getManifest(tag, "pull", ["pull"], 1024 * 1024);
        if (!found) throw fail(`none found (no tag ${tag}); the chart is not signed with cosign`);
        const reasons: string[] = [];
        for (const layer of layersOrFail(found.bytes, repository, tag)) {
            if (layer.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE || layer.signature === undefined) continue;
            const payload = await fetchPayload(repository, layer.digest, layer.size);
            if (!cosignSignatureValid(payload, layer.signature, publicKey)) {
                reasons.push(`layer ${layer.digest.slice(0, 19)}… is not signed by this key`);
                continue;
            }
            const claims = payloadClaims(payload);
            if (claims.type !== COSIGN_SIGNATURE_TYPE || claims.digest !== manifestDigest) {
                reasons.push(
                    `layer ${layer.digest.slice(0, 19)}… is signed by this key but for ${JSON.stringify(claims.digest ?? null)}, not this digest`,
                );
                continue;
            }
            return { fingerprint: fingerprintOf(publicKey), dockerReference: claims.dockerReference ?? "" };
        }
        throw fail(reasons.length > 0 ? reasons.join("; ") : "the signature manifest holds no cosign signature");
    });
}

function layersOrFail(bytes: Buffer, repository: Repository, tag: string) {
    try {
        return readSignatureLayers(bytes);
    } catch (error) {
        throw new OciError(`signature manifest ${repository.ref}:${tag} is unusable: ${(error as Error).message}.`, {
            operation: "pull",
            registry: repository.registry,
            repository: repository.name,
            code: "MANIFEST_INVALID",
        });
    }
}

async function fetchPayload(repository: Repository, digest: string, size: number): Promise<Buffer> {
    const response = await repository.send({
        operation: "pull",
        actions: ["pull"],
        method: "GET",
        path: repository.blobPath(digest),
        maxBodyBytes: Math.min(size, MAX_PAYLOAD_BYTES),
    });
    if (response.status !== 200 || response.body.length !== size || sha256Digest(response.body) !== digest) {
        throw new OciError(`pull ${repository.ref} failed: signature payload ${digest} is missing or does not match its descriptor.`, {
            operation: "pull",
            registry: repository.registry,
            repository: repository.name,
            status: response.status,
            code: "DIGEST_INVALID",
        });
    }
    return response.body;
}

function payloadClaims(payload: Buffer): { type?: unknown; digest?: unknown; dockerReference?: string } {
    try {
        const critical = (JSON.parse(payload.toString("utf8")) as { critical?: Record<string, Record<string, unknown>> }).critical;
        const reference = critical?.identity?.["docker-reference"];
        return {
            type: critical?.type,
            digest: critical?.image?.["docker-manifest-digest"],
            dockerReference: typeof reference === "string" ? reference : undefined,
        };
    } catch {
        return {};
    }
}
