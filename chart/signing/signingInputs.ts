import { SigningKeyError } from "./errors";

/** The keys a publication signs with, as the provider receives them (a secret input). */
export interface SigningInput {
    /** ASCII-armored OpenPGP secret key: signs the Helm provenance file. */
    readonly pgpPrivateKey?: string;
    readonly pgpPassphrase?: string;
    /** ECDSA P-256 private key in PEM: signs the manifest digest for cosign. */
    readonly cosignPrivateKey?: string;
    readonly cosignPassphrase?: string;
}

const FIELDS = ["pgpPrivateKey", "pgpPassphrase", "cosignPrivateKey", "cosignPassphrase"] as const;

/** Validates the `signing` input; undefined when nothing is to be signed. Messages never quote a value. */
export function readSigningInput(value: unknown): SigningInput | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new SigningKeyError("signing", `must be an object with ${FIELDS.join(", ")}`);
    }
    const raw = value as Record<string, unknown>;
    const unknown = Object.keys(raw).filter((key) => !(FIELDS as readonly string[]).includes(key));
    if (unknown.length > 0) throw new SigningKeyError("signing", `has unknown field(s) ${unknown.join(", ")}; use ${FIELDS.join(", ")}`);
    const result: Record<string, string> = {};
    for (const field of FIELDS) {
        const entry = raw[field];
        if (entry === undefined || entry === null || entry === "") continue;
        if (typeof entry !== "string") throw new SigningKeyError(`signing.${field}`, `must be a string (got ${typeof entry})`);
        result[field] = entry;
    }
    if (result.pgpPassphrase && !result.pgpPrivateKey)
        throw new SigningKeyError("signing.pgpPassphrase", "is given without signing.pgpPrivateKey");
    if (result.cosignPassphrase && !result.cosignPrivateKey)
        throw new SigningKeyError("signing.cosignPassphrase", "is given without signing.cosignPrivateKey");
    return result.pgpPrivateKey || result.cosignPrivateKey ? result : undefined;
}
