import type { KeyObject } from "node:crypto";
import { ensureBlob } from "../distribution/blobUpload";
import type { RegistryClient, ScopeAction } from "../distribution/client";
import { clientFor, RegistryConnectionOptions } from "../distribution/connection";
import { OciError } from "../distribution/errors";
import { sha256Digest } from "../distribution/digest";
import { getManifest } from "../distribution/manifestRequests";
import { fingerprintOf } from "./cosignKeys";
import { MAX_PAYLOAD_BYTES, readSignatureLayers } from "./cosignLayers";
import { COSIGN_SIGNATURE_TYPE, SIMPLE_SIGNING_MEDIA_TYPE, signatureTag } from "./cosignPayload";
import { CosignSignature, cosignSignatureValid, OCI_CONFIG_MEDIA_TYPE, signatureLayer, signatureManifest } from "./cosignSignature";
import { OCI_MANIFEST_MEDIA_TYPE } from "../distribution/mediaTypes";
import { SignatureVerificationError } from "./errors";

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

const PUSH: ScopeAction[] = ["pull", "push"];

/**
 * Stores a signature as cosign does on registries without the Referrers API: a layer of the manifest tagged
 * `sha256-<hex>.sig`. Signatures already there (other signers, other keys) are kept and this one is appended. When
 * the manifest already holds this signature, or another signature of the same payload by `publicKey` (the same
 * key signed this digest before), nothing is uploaded.
 */
export async function pushCosignSignature(
    target: CosignTarget,
    signature: CosignSignature,
    publicKey?: KeyObject,
): Promise<CosignPushResult> {
    const client = clientFor(target);
    const tag = signatureTag(target.manifestDigest);
    return client.operation(target, async () => {
        const found = await getManifest({ client, operation: "push", repository: target.repository, reference: tag, actions: PUSH });
        const ours = signatureLayer(signature);
        const existing = found ? layersOrFail(found.bytes, client, target.repository, tag) : [];
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
        await ensureBlob(
            client,
            target.repository,
            { mediaType: SIMPLE_SIGNING_MEDIA_TYPE, digest: ours.digest, size: ours.size },
            payload,
        );
        await ensureBlob(
            client,
            target.repository,
            { mediaType: OCI_CONFIG_MEDIA_TYPE, digest: sha256Digest(built.config), size: built.config.length },
            built.config,
        );
        const response = await client.send({
            operation: "push",
            repository: target.repository,
            actions: PUSH,
            method: "PUT",
            path: `/v2/${target.repository}/manifests/${tag}`,
            body: built.manifest,
            headers: { "content-type": OCI_MANIFEST_MEDIA_TYPE },
        });
        if (response.status !== 201) {
            throw new OciError(
                `push ${client.registry}/${target.repository} failed: PUT signature manifest ${tag} returned HTTP ${response.status}.`,
                {
                    operation: "push",
                    registry: client.registry,
                    repository: target.repository,
                    status: response.status,
                },
            );
        }
        return { signatureDigest: built.digest, pushed: true };
    });
}

export interface CosignVerification {
    /** SHA-256 fingerprint of the public key that verified. */
    readonly fingerprint: string;
    readonly dockerReference: string;
}

/**
 * What `cosign verify --key <pub> --insecure-ignore-tlog` checks: a layer of `sha256-<hex>.sig` whose payload is
 * signed by the key, is a cosign container image signature, and names exactly this manifest digest.
 */
export async function verifyCosignSignature(target: CosignTarget, publicKey: KeyObject): Promise<CosignVerification> {
    const client = clientFor(target);
    const tag = signatureTag(target.manifestDigest);
    const subject = `${client.registry}/${target.repository}@${target.manifestDigest}`;
    const fail = (reason: string) => new SignatureVerificationError("cosign", `cosign signature of ${subject}: ${reason}`);
    return client.operation(target, async () => {
        const found = await getManifest({
            client,
            operation: "pull",
            repository: target.repository,
            reference: tag,
            actions: ["pull"],
            maxBodyBytes: 1024 * 1024,
        });
        if (!found) throw fail(`none found (no tag ${tag}); the chart is not signed with cosign`);
        const reasons: string[] = [];
        for (const layer of layersOrFail(found.bytes, client, target.repository, tag)) {
            if (layer.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE || layer.signature === undefined) continue;
            const payload = await fetchPayload(client, target.repository, layer.digest, layer.size);
            if (!cosignSignatureValid(payload, layer.signature, publicKey)) {
                reasons.push(`layer ${layer.digest.slice(0, 19)}… is not signed by this key`);
                continue;
            }
            const claims = payloadClaims(payload);
            if (claims.type !== COSIGN_SIGNATURE_TYPE || claims.digest !== target.manifestDigest) {
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

function layersOrFail(bytes: Buffer, client: RegistryClient, repository: string, tag: string) {
    try {
        return readSignatureLayers(bytes);
    } catch (error) {
        throw new OciError(`signature manifest ${client.registry}/${repository}:${tag} is unusable: ${(error as Error).message}.`, {
            operation: "pull",
            registry: client.registry,
            repository,
            code: "MANIFEST_INVALID",
        });
    }
}

async function fetchPayload(client: RegistryClient, repository: string, digest: string, size: number): Promise<Buffer> {
    const response = await client.send({
        operation: "pull",
        repository,
        actions: ["pull"],
        method: "GET",
        path: `/v2/${repository}/blobs/${digest}`,
        maxBodyBytes: Math.min(size, MAX_PAYLOAD_BYTES),
    });
    if (response.status !== 200 || response.body.length !== size || sha256Digest(response.body) !== digest) {
        throw new OciError(
            `pull ${client.registry}/${repository} failed: signature payload ${digest} is missing or does not match its descriptor.`,
            {
                operation: "pull",
                registry: client.registry,
                repository,
                status: response.status,
                code: "DIGEST_INVALID",
            },
        );
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
