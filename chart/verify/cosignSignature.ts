import type { KeyObject } from "node:crypto";
import { openRepository, RegistryConnectionOptions } from "../distribution/connection";
import { fingerprintOf } from "../signing/cosign/cosignKeys";
import { verifyCosignSignatureIn } from "../signing/cosign/cosignRegistry";
import { SignatureVerificationError } from "../signing/errors";
import { verifyBundleSignature } from "../signing/sigstore/bundleReferrers";

/** A cosign signature that verified: the key's fingerprint and the form it was found in. */
export interface CosignVerified {
    readonly fingerprint: string;
    readonly form: "bundle" | "legacy";
    /** The Sigstore bundle referrer's digest, or the legacy signature's docker-reference claim. */
    readonly detail: string;
}

/**
 * The one rule for "signed with this cosign key", used by ChartRelease, ChartDownload and `acr-helm verify`: a
 * Sigstore bundle referrer that verifies (what cosign v3 checks first), or else a legacy `sha256-<hex>.sig`
 * signature that does. When neither does, the error gives each form's reason.
 */
export async function verifyCosignForms(
    location: RegistryConnectionOptions & { repository: string },
    manifestDigest: string,
    publicKey: KeyObject,
): Promise<CosignVerified> {
    const repository = openRepository(location, location.repository);
    const reasons: string[] = [];
    try {
        const referrer = await verifyBundleSignature(repository, manifestDigest, { kind: "key", publicKey });
        return { fingerprint: fingerprintOf(publicKey), form: "bundle", detail: referrer };
    } catch (error) {
        if (!(error instanceof SignatureVerificationError)) throw error;
        reasons.push(error.message);
    }
    try {
        const legacy = await verifyCosignSignatureIn(repository, manifestDigest, publicKey, location);
        return { fingerprint: legacy.fingerprint, form: "legacy", detail: legacy.dockerReference };
    } catch (error) {
        if (!(error instanceof SignatureVerificationError)) throw error;
        reasons.push(error.message);
    }
    throw new SignatureVerificationError("cosign", reasons.join("; and "));
}
