import type { RegistryConnectionOptions } from "../distribution/connection";
import { readCosignPublicKey } from "../signing/cosign/cosignKeys";
import { SignatureVerificationError, SigningKeyError } from "../signing/errors";
import { readPgpKeyring } from "../signing/provenance/pgpKeys";
import { verifyProvenance } from "../signing/provenance/provenance";
import type { ChartMetadata } from "../model/chartfile";
import { verifyCosignForms } from "./cosignSignature";

/** Signatures a chart must carry to be installed. */
export interface SignatureRequirements {
    /** OpenPGP public keys (armored, or a binary keyring in base64): the chart needs a Helm provenance file signed by one. */
    readonly keyring?: string;
    /** ECDSA P-256 public key in PEM: the chart's manifest needs a cosign signature made with it (a Sigstore bundle or the legacy form). */
    readonly cosignPublicKey?: string;
}

/** Who signed what was verified: key fingerprints, kept in state. */
export interface VerifiedSignatures {
    readonly provenanceKey?: string;
    readonly cosignKey?: string;
}

export interface PulledForVerification {
    readonly metadata: ChartMetadata;
    readonly archive: Buffer;
    readonly provenance?: Buffer;
    readonly digest: string;
}

/**
 * Checks what `helm verify --keyring` and `cosign verify --key` check, before the chart is handed to Helm: throws
 * SignatureVerificationError for an unsigned chart, a signature by another key, or a chart changed after signing.
 */
export async function verifyChartSignatures(
    required: SignatureRequirements | undefined,
    pulled: PulledForVerification,
    location: RegistryConnectionOptions & { repository: string },
): Promise<VerifiedSignatures> {
    const verified: { provenanceKey?: string; cosignKey?: string } = {};
    if (required?.keyring) {
        const keyring = await readPgpKeyring(keyringBytes(required.keyring), "verify.keyring");
        if (!pulled.provenance) {
            throw new SignatureVerificationError(
                "provenance",
                `${location.registry}/${location.repository}@${pulled.digest} has no provenance file: the chart is not signed`,
            );
        }
        verified.provenanceKey = (await verifyProvenance(pulled.provenance.toString("utf8"), pulled, keyring)).fingerprint;
    }
    if (required?.cosignPublicKey) {
        const publicKey = readCosignPublicKey(required.cosignPublicKey, "verify.cosignPublicKey");
        verified.cosignKey = (await verifyCosignForms(location, pulled.digest, publicKey)).fingerprint;
    }
    return verified;
}

/** An armored keyring as it is; anything else is taken as a binary keyring in base64. */
function keyringBytes(keyring: string): string | Buffer {
    return keyring.includes("-----BEGIN PGP") ? keyring : Buffer.from(keyring.replace(/\s/g, ""), "base64");
}

/** Validates the download's `verify` input; undefined when no signature is required. */
export function readSignatureRequirements(value: unknown): SignatureRequirements | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value))
        throw new SigningKeyError("verify", "must be an object { keyring?, cosignPublicKey? }");
    const result: Record<string, string> = {};
    for (const [key, entry] of Object.entries(value)) {
        if (key !== "keyring" && key !== "cosignPublicKey")
            throw new SigningKeyError("verify", `has an unknown field ${key}; use keyring and/or cosignPublicKey`);
        if (entry === undefined || entry === null) continue;
        if (typeof entry !== "string" || entry.trim() === "") throw new SigningKeyError(`verify.${key}`, "must be a non-empty string");
        result[key] = entry;
    }
    return Object.keys(result).length > 0 ? result : undefined;
}

/** Why a chart was refused, with what to do about it. */
export function refusalReason(error: SignatureVerificationError): string {
    const setting = error.kind === "provenance" ? "verify.keyring" : "verify.cosignPublicKey";
    return `${error.message}. The chart was not installed: publish it signed by a key whose public half is in ${setting} (ChartPublication signing), or trust the key that signed it`;
}
