import type { RegistryConnectionOptions } from "../distribution/connection";
import { readCosignPublicKey } from "../signing/cosign/cosignKeys";
import { SignatureVerificationError, SigningKeyError } from "../signing/errors";
import { readPgpKeyring } from "../signing/provenance/pgpKeys";
import { verifyProvenance } from "../signing/provenance/provenance";
import type { ChartMetadata } from "../model/chartfile";
import { verifyCosignForms } from "./cosignSignature";
import { CosignIdentity, identityTrust } from "./cosignIdentity";
import { openRepository } from "../distribution/connection";
import { verifyBundleSignature } from "../signing/sigstore/bundleReferrers";
import { verifyNotationSignature } from "../signing/notation/notationVerification";
import { pemCertificateBlocks } from "../signing/pemCertificates";

/** Signatures a chart must carry to be installed. */
export interface SignatureRequirements {
    /** OpenPGP public keys (armored, or a binary keyring in base64): the chart needs a Helm provenance file signed by one. */
    readonly keyring?: string;
    /** ECDSA P-256 public key in PEM: the chart's manifest needs a cosign signature made with it (a Sigstore bundle or the legacy form). */
    readonly cosignPublicKey?: string;
    /** Keyless: the manifest needs a Sigstore bundle whose Fulcio certificate names this identity. */
    readonly cosignIdentity?: CosignIdentity;
    /** PEM CA certificate(s), a Notary Project trust store: the manifest needs a Notation signature chaining to one. */
    readonly notationCertificates?: string;
}

/** Who signed what was verified: key fingerprints and identities, kept in state. */
export interface VerifiedSignatures {
    readonly provenanceKey?: string;
    readonly cosignKey?: string;
    /** `<subject> from <issuer>` of the keyless signature that verified. */
    readonly cosignIdentity?: string;
    /** Subject of the certificate whose Notation signature verified. */
    readonly notationSigner?: string;
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
    const verified: { -readonly [K in keyof VerifiedSignatures]: VerifiedSignatures[K] } = {};
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
    if (required?.cosignIdentity) {
        const trust = identityTrust(required.cosignIdentity, "verify.cosignIdentity");
        await verifyBundleSignature(openRepository(location, location.repository), pulled.digest, trust);
        verified.cosignIdentity = `${required.cosignIdentity.subject} from ${required.cosignIdentity.issuer}`;
    }
    if (required?.notationCertificates) {
        const trustedCertificates = pemCertificates(required.notationCertificates, "verify.notationCertificates");
        const repository = openRepository(location, location.repository);
        verified.notationSigner = (await verifyNotationSignature(repository, pulled.digest, { trustedCertificates })).signer;
    }
    return verified;
}

/** An armored keyring as it is; anything else is taken as a binary keyring in base64. */
function keyringBytes(keyring: string): string | Buffer {
    return keyring.includes("-----BEGIN PGP") ? keyring : Buffer.from(keyring.replace(/\s/g, ""), "base64");
}

const REQUIREMENTS = ["keyring", "cosignPublicKey", "cosignIdentity", "notationCertificates"] as const;
const IDENTITY_FIELDS = ["subject", "issuer", "trustedRoot"] as const;

/** Validates the download's `verify` input; undefined when no signature is required. */
export function readSignatureRequirements(value: unknown): SignatureRequirements | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value))
        throw new SigningKeyError("verify", `must be an object { ${REQUIREMENTS.map((key) => `${key}?`).join(", ")} }`);
    const result: { keyring?: string; cosignPublicKey?: string; cosignIdentity?: CosignIdentity; notationCertificates?: string } = {};
    for (const [key, entry] of Object.entries(value)) {
        if (!(REQUIREMENTS as readonly string[]).includes(key))
            throw new SigningKeyError("verify", `has an unknown field ${key}; use ${REQUIREMENTS.join(", ")}`);
        if (entry === undefined || entry === null) continue;
        if (key === "cosignIdentity") result.cosignIdentity = readIdentity(entry);
        else result[key as "keyring" | "cosignPublicKey" | "notationCertificates"] = nonEmpty(entry, `verify.${key}`);
    }
    return Object.keys(result).length > 0 ? result : undefined;
}

function readIdentity(value: unknown): CosignIdentity {
    if (typeof value !== "object" || value === null || Array.isArray(value))
        throw new SigningKeyError("verify.cosignIdentity", `must be an object { ${IDENTITY_FIELDS.join(", ")} }`);
    const raw = value as Record<string, unknown>;
    const unknown = Object.keys(raw).filter((key) => !(IDENTITY_FIELDS as readonly string[]).includes(key));
    if (unknown.length > 0) throw new SigningKeyError("verify.cosignIdentity", `has unknown field(s) ${unknown.join(", ")}`);
    const [subject, issuer, trustedRoot] = IDENTITY_FIELDS.map((field) => nonEmpty(raw[field], `verify.cosignIdentity.${field}`));
    return { subject, issuer, trustedRoot };
}

/** Each PEM certificate block of `text`; none is an error naming the input. */
export function pemCertificates(text: string, input: string): string[] {
    const blocks = pemCertificateBlocks(text);
    if (blocks.length === 0) throw new SigningKeyError(input, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    return blocks.map((block) => `${block}\n`);
}

function nonEmpty(value: unknown, input: string): string {
    if (typeof value !== "string" || value.trim() === "") throw new SigningKeyError(input, "must be a non-empty string");
    return value;
}

/** Why a chart was refused, with what to do about it. */
export function refusalReason(error: SignatureVerificationError): string {
    const setting = {
        provenance: "verify.keyring",
        cosign: "verify.cosignPublicKey",
        bundle: "verify.cosignIdentity",
        notation: "verify.notationCertificates",
    }[error.kind];
    return `${error.message}. The chart was not installed: publish it signed by a key or identity that ${setting} trusts (ChartPublication signing), or trust the one that signed it`;
}
