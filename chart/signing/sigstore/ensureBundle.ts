import { descriptorOf } from "../../distribution/digest";
import { OciError } from "../../distribution/errors";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../distribution/mediaTypes";
import { Repository } from "../../distribution/repository";
import type { CosignSigningKey } from "../cosign/cosignKeys";
import { createPublicKey } from "node:crypto";
import { SignatureVerificationError } from "../errors";
import { pushBundleSignature, verifyBundleSignature } from "./bundleReferrers";
import { signManifestBundle } from "./bundleSignature";
import { keySigner } from "./keySigner";
import { rfc3339Seconds } from "../signingTime";

/**
 * A Sigstore bundle by `key` for `manifestDigest`, attached unless one that verifies with the key is already
 * among its referrers (an ECDSA signature differs each time, so signing again would add a referrer every push).
 */
export async function ensureBundleSignature(
    repository: Repository,
    manifestDigest: string,
    key: CosignSigningKey,
    now: () => Date = () => new Date(),
): Promise<{ digest: string; pushed: boolean }> {
    try {
        const existing = await verifyBundleSignature(repository, manifestDigest, {
            kind: "key",
            publicKey: createPublicKey(key.publicKeyPem),
        });
        return { digest: existing, pushed: false };
    } catch (error) {
        if (!(error instanceof SignatureVerificationError)) throw error;
    }
    const bundle = await signManifestBundle(manifestDigest, keySigner(key));
    return attachBundle(repository, manifestDigest, bundle, rfc3339Seconds(now()));
}

/** Attaches a bundle to the manifest `manifestDigest` names, which must be in the repository. */
export async function attachBundle(repository: Repository, manifestDigest: string, bundle: string, created: string) {
    const manifest = await repository.getManifest(manifestDigest, "push", ["pull", "push"]);
    if (!manifest) {
        throw new OciError(`push ${repository.ref} failed: the manifest ${manifestDigest} to sign is not there.`, {
            operation: "push",
            registry: repository.registry,
            repository: repository.name,
            code: "MANIFEST_UNKNOWN",
        });
    }
    return pushBundleSignature(repository, descriptorOf(OCI_MANIFEST_MEDIA_TYPE, manifest.bytes), bundle, created);
}
