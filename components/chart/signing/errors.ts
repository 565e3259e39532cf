/**
 * A signing key or keyring that cannot be used: the message names the input and the fix, and never contains
 * key material or a passphrase.
 */
export class SigningKeyError extends Error {
    constructor(
        readonly input: string,
        message: string,
    ) {
        super(`${input}: ${message}`);
        this.name = "SigningKeyError";
    }
}

/** A chart whose signature is missing, does not verify, or does not match the chart: it must not be installed. */
export class SignatureVerificationError extends Error {
    constructor(
        readonly kind: "provenance" | "cosign",
        message: string,
    ) {
        super(message);
        this.name = "SignatureVerificationError";
    }
}
