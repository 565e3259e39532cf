import { createHash, createPrivateKey, createPublicKey, KeyObject } from "node:crypto";
import { SigningKeyError } from "./errors";

export interface CosignSigningKey {
    readonly privateKey: KeyObject;
    /** The public half as PEM (SubjectPublicKeyInfo), what `cosign verify --key` takes. */
    readonly publicKeyPem: string;
    /** SHA-256 of the public key's DER encoding, hex. */
    readonly fingerprint: string;
}

const COSIGN_ENCRYPTED = /-----BEGIN ENCRYPTED (SIGSTORE|COSIGN) PRIVATE KEY-----/;

/**
 * Reads an ECDSA P-256 private key in PEM: PKCS#8 (`BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED PRIVATE KEY` with its
 * passphrase) or SEC 1 (`BEGIN EC PRIVATE KEY`). Cosign's own encrypted format (`cosign generate-key-pair`) is not
 * read: make the key with openssl and give cosign the same key with `cosign import-key-pair`.
 */
export function readCosignSigningKey(pem: string, passphrase: string | undefined, input: string): CosignSigningKey {
    if (COSIGN_ENCRYPTED.test(pem)) {
        throw new SigningKeyError(
            input,
            "is in cosign's own encrypted format, which is not supported; create a PKCS#8 key with " +
                "'openssl ecparam -name prime256v1 -genkey | openssl pkcs8 -topk8 -nocrypt -out cosign.pem' " +
                "(cosign signs with it too after 'cosign import-key-pair --key cosign.pem')",
        );
    }
    let privateKey: KeyObject;
    try {
        privateKey = createPrivateKey({ key: pem, format: "pem", passphrase: passphrase ?? "" });
    } catch (error) {
        const encrypted = pem.includes("ENCRYPTED PRIVATE KEY");
        throw new SigningKeyError(
            input,
            encrypted
                ? passphrase
                    ? "could not be decrypted: the passphrase is wrong"
                    : "is encrypted; give its passphrase too"
                : `is not a PEM private key (${(error as { code?: string }).code ?? "unreadable"}); give an ECDSA P-256 key in PKCS#8 PEM`,
        );
    }
    requireP256(privateKey, input);
    const publicKey = createPublicKey(privateKey);
    return { privateKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(), fingerprint: fingerprintOf(publicKey) };
}

/** Reads the PEM public key (`BEGIN PUBLIC KEY`) signatures are verified with, as `cosign verify --key` does. */
export function readCosignPublicKey(pem: string, input: string): KeyObject {
    let key: KeyObject;
    try {
        key = createPublicKey({ key: pem, format: "pem" });
    } catch {
        throw new SigningKeyError(input, "is not a PEM public key; give the ECDSA P-256 public key (BEGIN PUBLIC KEY), e.g. cosign.pub");
    }
    requireP256(key, input);
    return key;
}

export function fingerprintOf(publicKey: KeyObject): string {
    return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("hex");
}

function requireP256(key: KeyObject, input: string): void {
    if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
        throw new SigningKeyError(input, `is a ${key.asymmetricKeyType} key; cosign signatures here use ECDSA P-256 (prime256v1) keys`);
    }
}
