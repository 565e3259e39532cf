import type { KeyObject } from "node:crypto";
import { toSignedEntity, TrustMaterial, Verifier, VerificationPolicy } from "@sigstore/verify";
import { readBundle } from "./bundleSignature";
import { statementNames } from "./cosignStatement";

/** Who may have signed a bundle: a public key, or (keyless) certificates from a CA for one identity. */
export type BundleTrust =
    | { readonly kind: "key"; readonly publicKey: KeyObject }
    | { readonly kind: "certificate"; readonly trustMaterial: TrustMaterial; readonly policy: VerificationPolicy };

/**
 * Why a bundle does not verify for `manifestDigest`, or undefined when it does: its signature checks out against
 * the trusted key or CA and identity, and it signs the cosign statement naming exactly that digest. No transparency
 * log entry or timestamp is required (none is written here).
 */
export function bundleRejection(json: string, manifestDigest: string, trust: BundleTrust): string | undefined {
    let bundle;
    try {
        bundle = readBundle(json);
    } catch (error) {
        return `not a Sigstore bundle (${(error as Error).message})`;
    }
    if (bundle.content.$case !== "dsseEnvelope") return "not a DSSE bundle, so not a cosign signature of an image";
    const material = trust.kind === "key" ? keyMaterial(trust.publicKey) : trust.trustMaterial;
    // A short-lived certificate is checked at a signed time: without one there is nothing to check it against.
    const timestamps = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps?.length ?? 0;
    if (trust.kind === "certificate" && timestamps + bundle.verificationMaterial.tlogEntries.length === 0) {
        return "a keyless bundle without a signed timestamp (RFC 3161 or transparency log): its short-lived certificate cannot be checked; sign with a timestamp authority";
    }
    const verifier = new Verifier(material, {
        tlogThreshold: 0,
        ctlogThreshold: 0,
        timestampThreshold: trust.kind === "certificate" ? 1 : 0,
    });
    try {
        verifier.verify(toSignedEntity(bundle), trust.kind === "certificate" ? trust.policy : undefined);
    } catch (error) {
        return trust.kind === "key" ? `not signed by this key (${(error as Error).message})` : (error as Error).message;
    }
    return statementNames(bundle.content.dsseEnvelope.payload, manifestDigest) ? undefined : "signed, but for another digest";
}

function keyMaterial(publicKey: KeyObject): TrustMaterial {
    return {
        certificateAuthorities: [],
        timestampAuthorities: [],
        tlogs: [],
        ctlogs: [],
        publicKey: () => ({ publicKey, validFor: () => true }),
    };
}
