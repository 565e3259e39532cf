import { bundleToJSON, SerializedBundle } from "@sigstore/bundle";
import { DEFAULT_FULCIO_URL, DSSEBundleBuilder, FulcioSigner, TSAWitness, Witness } from "@sigstore/sign";
import { SigningKeyError } from "../errors";
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

/** The DSSE payload type of in-toto statements. */
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

/** The DSSE bundle builder for keyless signing: a Fulcio signer (ephemeral P-256 key) and a TSA witness if asked. */
export function keylessBundleBuilder(options: KeylessSigningOptions, provider: CheckedIdentityProvider): DSSEBundleBuilder {
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
    return new DSSEBundleBuilder({ signer, witnesses, certificateChain: false });
}

/**
 * Signs `statement` (an in-toto statement) keyless: asks Fulcio for a certificate binding a fresh key to the OIDC
 * identity, signs the DSSE envelope with that key, and returns the Sigstore bundle v0.3 holding envelope and
 * certificate. Errors name what failed; any identity token in them is replaced by "[redacted]".
 */
export async function signStatementKeyless(statement: Buffer, options: KeylessSigningOptions): Promise<SerializedBundle> {
    const provider = new CheckedIdentityProvider(options.identityToken);
    try {
        const bundle = await keylessBundleBuilder(options, provider).create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
        return bundleToJSON(bundle);
    } catch (error) {
        const unusableToken = causes(error).find((cause) => cause instanceof SigningKeyError);
        if (unusableToken) throw unusableToken;
        throw new KeylessSigningError(
            provider.redact(`keyless signing with ${options.fulcioUrl ?? DEFAULT_FULCIO_URL} failed: ${describe(error)}`),
        );
    }
}

/** The in-toto statement `cosign sign` (v3) signs for an image: the manifest digest as subject, an empty predicate. */
export function cosignSignStatement(manifestDigest: string): Buffer {
    const [algorithm, hex] = manifestDigest.split(":");
    return Buffer.from(
        JSON.stringify({
            _type: "https://in-toto.io/Statement/v1",
            subject: [{ digest: { [algorithm]: hex } }],
            predicateType: COSIGN_SIGN_PREDICATE_TYPE,
            predicate: {},
        }),
    );
}

export const COSIGN_SIGN_PREDICATE_TYPE = "https://sigstore.dev/cosign/sign/v1";

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
