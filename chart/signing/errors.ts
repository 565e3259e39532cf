import { ValidationError } from "../model/validation";

/**
 * A signing key or keyring that cannot be used: the message names the input and the fix, and never contains
 * key material or a passphrase.
 */
export class SigningKeyError extends ValidationError {
    constructor(input: string, reason: string) {
        super(input, `${input}: ${reason}`);
        this.name = "SigningKeyError";
    }

    /** The input that holds the unusable key, e.g. `signing.pgpPrivateKey`. */
    get input(): string {
        return this.property;
    }
}

/** A chart whose signature is missing, does not verify, or does not match the chart: it must not be installed. */
export class SignatureVerificationError extends Error {
    constructor(
        readonly kind: "provenance" | "cosign" | "bundle" | "notation",
        message: string,
    ) {
        super(message);
        this.name = "SignatureVerificationError";
    }
}
