import { DEFAULT_FULCIO_URL, FulcioSigner, TSAWitness, Witness } from "@sigstore/sign";
import { SigningKeyError } from "../errors";
import { signManifestBundle } from "./bundleSignature";
import { CheckedIdentityProvider, IdentityTokenSource } from "./identityToken";

export { DEFAULT_FULCIO_URL };

/** Keyless signing: a short-lived Fulcio certificate for an OIDC identity instead of a long-lived key. */
export interface KeylessSigningOptions {
    readonly identityToken: IdentityTokenSource;
    /** Fulcio's base URL; default the public-good instance, https://fulcio.sigstore.dev. */
    readonly fulcioUrl?: string;
    /**
     * An RFC 3161 timestamp authority's base URL (its API is `<url>/api/v1/timestamp`), e.g.
     * https://timestamp.sigstore.dev. Without one (and without Rekor, which this does not use) nothing attests
     * when the signature was made, and verifiers can check the 10-minute certificate only against the current time.
     */
    readonly timestampAuthorityUrl?: string;
    /** Per request to Fulcio and the timestamp authority; default 30 s. */
    readonly timeoutMs?: number;
}

/** A keyless signing failure; the message never holds the identity token. */
export class KeylessSigningError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "KeylessSigningError";
    }
}

/** The Fulcio signer (an ephemeral P-256 key certified for the token's identity) and the TSA witness, if any. */
export function keylessSigner(
    options: KeylessSigningOptions,
    provider: CheckedIdentityProvider,
): { signer: FulcioSigner; witnesses: Witness[] } {
    const timeout = options.timeoutMs ?? 30_000;
    const signer = new FulcioSigner({
        fulcioBaseURL: options.fulcioUrl ?? DEFAULT_FULCIO_URL,
        identityProvider: provider,
        timeout,
        retry: 2,
    });
    const witnesses: Witness[] = options.timestampAuthorityUrl
        ? [new TSAWitness({ tsaBaseURL: options.timestampAuthorityUrl, timeout, retry: 2 })]
        : [];
    return { signer, witnesses };
}

/**
 * signManifestBundle, keyless: Fulcio certifies a fresh key for the OIDC identity, that key signs the cosign statement
 * of `manifestDigest`, and the bundle v0.3 (JSON text) holds envelope, certificate and any RFC 3161 timestamp. An
 * unusable token throws SigningKeyError; other failures KeylessSigningError, with any token replaced by "[redacted]".
 */
export async function signManifestKeyless(manifestDigest: string, options: KeylessSigningOptions): Promise<string> {
    const provider = new CheckedIdentityProvider(options.identityToken);
    const { signer, witnesses } = keylessSigner(options, provider);
    try {
        return await signManifestBundle(manifestDigest, signer, witnesses);
    } catch (error) {
        const unusableToken = causes(error).find((cause) => cause instanceof SigningKeyError);
        if (unusableToken) throw unusableToken;
        throw new KeylessSigningError(
            provider.redact(`keyless signing with ${options.fulcioUrl ?? DEFAULT_FULCIO_URL} failed: ${describe(error)}`),
        );
    }
}

/** `error` and the causes below it, at most five deep. */
function causes(error: unknown): unknown[] {
    const found: unknown[] = [];
    for (let current = error; current !== undefined && found.length < 5; current = current instanceof Error ? current.cause : undefined) {
        found.push(current);
    }
    return found;
}

/** The message and the causes below it, one line. */
function describe(error: unknown): string {
    return causes(error)
        .map((cause) => (cause instanceof Error ? cause.message : String(cause)))
        .join(": ");
}
