import { SigningKeyError } from "./errors";
import type { IdentityTokenSource } from "./sigstore/identityToken";

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
    /** A Sigstore bundle signed with a short-lived Fulcio certificate for an OIDC identity; signed when the chart is pushed. */
    readonly keyless?: KeylessSigningInput;
}

/** Where keyless signing gets its OIDC identity token, as the `signing.keyless.identityToken` input names it. */
export type IdentityTokenKind = "githubActions" | "file" | "environment";
export const IDENTITY_TOKEN_KINDS: readonly IdentityTokenKind[] = ["githubActions", "file", "environment"];

/** The `signing.keyless` input: the token source, and the Fulcio and timestamp authority to ask. */
export interface KeylessSigningInput {
    readonly identityToken: IdentityTokenSource;
    /** Fulcio's base URL; unset: the public-good instance. */
    readonly fulcioUrl?: string;
    /** An RFC 3161 timestamp authority's base URL; unset: no timestamp. */
    readonly timestampAuthorityUrl?: string;
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
    "keyless",
] as const;

const KEYLESS_FIELDS = ["identityToken", "fulcioUrl", "timestampAuthorityUrl"] as const;
const IDENTITY_TOKEN_FIELDS = ["kind", "path", "variable"] as const;

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
    const keyless = readKeyless(raw.keyless);
    if (keyless) result.keyless = keyless;
    for (const field of FIELDS.filter((name) => name !== "cosignFormats" && name !== "keyless")) {
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
    return result.pgpPrivateKey || result.cosignPrivateKey || result.notationPrivateKey || result.keyless
        ? (result as SigningInput)
        : undefined;
}

/** The `signing.keyless` input checked: the token source fits its kind, the URLs are http(s). No request is made. */
function readKeyless(value: unknown): KeylessSigningInput | undefined {
    if (value === undefined || value === null) return undefined;
    const raw = objectOf(value, "signing.keyless", KEYLESS_FIELDS);
    const result: { -readonly [K in keyof KeylessSigningInput]: KeylessSigningInput[K] } = {
        identityToken: readIdentityToken(raw.identityToken),
    };
    for (const field of ["fulcioUrl", "timestampAuthorityUrl"] as const) {
        const url = readUrl(raw[field], `signing.keyless.${field}`);
        if (url) result[field] = url;
    }
    return result;
}

/** `signing.keyless.identityToken` as the signer's token source; unset: GitHub Actions' token. */
function readIdentityToken(value: unknown): IdentityTokenSource {
    const input = "signing.keyless.identityToken";
    const raw = value === undefined || value === null ? {} : objectOf(value, input, IDENTITY_TOKEN_FIELDS);
    const kind = raw.kind ?? "githubActions";
    if (!IDENTITY_TOKEN_KINDS.includes(kind as IdentityTokenKind)) {
        throw new SigningKeyError(`${input}.kind`, `must be one of ${IDENTITY_TOKEN_KINDS.map((k) => `"${k}"`).join(", ")}`);
    }
    const needs = ({ githubActions: undefined, file: "path", environment: "variable" } as const)[kind as IdentityTokenKind];
    for (const field of ["path", "variable"] as const) {
        const entry = raw[field];
        const given = entry !== undefined && entry !== null && entry !== "";
        if (field === needs && (typeof entry !== "string" || entry.trim() === "")) {
            throw new SigningKeyError(`${input}.${field}`, `is required with kind "${kind as string}"`);
        }
        if (field !== needs && given)
            throw new SigningKeyError(
                `${input}.${field}`,
                `is given with kind "${kind as string}"; it goes with kind "${field === "path" ? "file" : "environment"}"`,
            );
    }
    if (kind === "file") return { kind: "file", path: raw.path as string };
    if (kind === "environment") return { kind: "environment", variable: raw.variable as string };
    return { kind: "github-actions" };
}

function objectOf(value: unknown, input: string, fields: readonly string[]): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new SigningKeyError(input, `must be an object with ${fields.join(", ")}`);
    }
    const unknown = Object.keys(value).filter((key) => !fields.includes(key));
    if (unknown.length > 0) throw new SigningKeyError(input, `has unknown field(s) ${unknown.join(", ")}; use ${fields.join(", ")}`);
    return value as Record<string, unknown>;
}

/** An http(s) URL without a trailing slash, or undefined when unset. */
function readUrl(value: unknown, input: string): string | undefined {
    if (value === undefined || value === null || value === "") return undefined;
    let url: URL | undefined;
    try {
        url = typeof value === "string" ? new URL(value) : undefined;
    } catch {
        url = undefined;
    }
    if (!url || !["http:", "https:"].includes(url.protocol) || url.search || url.hash) {
        throw new SigningKeyError(input, "must be an http(s) URL, e.g. https://fulcio.sigstore.dev");
    }
    return (value as string).replace(/\/+$/, "");
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
