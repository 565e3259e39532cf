import { SigningKeyError } from "./errors";

/** The keys a publication signs with, as the provider receives them (a secret input). */
export interface SigningInput {
    /** ASCII-armored OpenPGP secret key: signs the Helm provenance file. */
    readonly pgpPrivateKey?: string;
    readonly pgpPassphrase?: string;
    /** ECDSA P-256 private key in PEM: signs the manifest digest for cosign. */
    readonly cosignPrivateKey?: string;
    readonly cosignPassphrase?: string;
    /** How the cosign key's signature is stored; unset: see cosignFormatsFor. */
    readonly cosignFormats?: readonly CosignFormat[];
    /** PEM certificates, leaf first: with notationPrivateKey, the chart gets a Notary Project (Notation) signature. */
    readonly notationCertificateChain?: string;
    /** PEM private key of the chain's leaf certificate. */
    readonly notationPrivateKey?: string;
    readonly notationPassphrase?: string;
}

/**
 * `bundle`: a Sigstore bundle v0.3 attached as an OCI referrer, what cosign v3 writes and reads first.
 * `legacy`: a layer of the `sha256-<hex>.sig` image, what cosign v2 and older verifiers read.
 */
export type CosignFormat = "bundle" | "legacy";
export const COSIGN_FORMATS: readonly CosignFormat[] = ["bundle", "legacy"];

const FIELDS = [
    "pgpPrivateKey",
    "pgpPassphrase",
    "cosignPrivateKey",
    "cosignPassphrase",
    "cosignFormats",
    "notationCertificateChain",
    "notationPrivateKey",
    "notationPassphrase",
] as const;

/** Validates the `signing` input; undefined when nothing is to be signed. Messages never quote a value. */
export function readSigningInput(value: unknown): SigningInput | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new SigningKeyError("signing", `must be an object with ${FIELDS.join(", ")}`);
    }
    const raw = value as Record<string, unknown>;
    const unknown = Object.keys(raw).filter((key) => !(FIELDS as readonly string[]).includes(key));
    if (unknown.length > 0) throw new SigningKeyError("signing", `has unknown field(s) ${unknown.join(", ")}; use ${FIELDS.join(", ")}`);
    const result: Record<string, unknown> = {};
    const formats = readCosignFormats(raw.cosignFormats);
    if (formats) result.cosignFormats = formats;
    for (const field of FIELDS.filter((name) => name !== "cosignFormats")) {
        const entry = raw[field];
        if (entry === undefined || entry === null || entry === "") continue;
        if (typeof entry !== "string") throw new SigningKeyError(`signing.${field}`, `must be a string (got ${typeof entry})`);
        result[field] = entry;
    }
    if (result.pgpPassphrase && !result.pgpPrivateKey)
        throw new SigningKeyError("signing.pgpPassphrase", "is given without signing.pgpPrivateKey");
    if (result.cosignPassphrase && !result.cosignPrivateKey)
        throw new SigningKeyError("signing.cosignPassphrase", "is given without signing.cosignPrivateKey");
    if (formats && !result.cosignPrivateKey)
        throw new SigningKeyError("signing.cosignFormats", "is given without signing.cosignPrivateKey");
    if (result.notationPrivateKey && !result.notationCertificateChain)
        throw new SigningKeyError("signing.notationPrivateKey", "is given without signing.notationCertificateChain");
    if (result.notationCertificateChain && !result.notationPrivateKey)
        throw new SigningKeyError("signing.notationCertificateChain", "is given without signing.notationPrivateKey");
    if (result.notationPassphrase && !result.notationPrivateKey)
        throw new SigningKeyError("signing.notationPassphrase", "is given without signing.notationPrivateKey");
    return result.pgpPrivateKey || result.cosignPrivateKey || result.notationPrivateKey ? (result as SigningInput) : undefined;
}

function readCosignFormats(value: unknown): CosignFormat[] | undefined {
    if (value === undefined || value === null) return undefined;
    const valid = Array.isArray(value) && value.length > 0 && value.every((entry) => COSIGN_FORMATS.includes(entry as CosignFormat));
    if (!valid)
        throw new SigningKeyError("signing.cosignFormats", `must be a non-empty list of ${COSIGN_FORMATS.map((f) => `"${f}"`).join(", ")}`);
    return [...new Set(value as CosignFormat[])];
}

/**
 * The formats a cosign key signs in: those given, else both, except for a publication whose state already holds
 * a legacy signature and no bundle (made before bundles existed), which keeps only the legacy form: upgrading
 * this package must not write to what is published. Set cosignFormats to add the bundle there.
 */
export function cosignFormatsFor(signing: SigningInput, previous: { cosign?: unknown; bundle?: unknown }): readonly CosignFormat[] {
    if (signing.cosignFormats) return signing.cosignFormats;
    return previous.cosign && !previous.bundle ? ["legacy"] : COSIGN_FORMATS;
}
