import { createHash, createPrivateKey, createPublicKey, KeyObject } from "node:crypto";
import { COSIGN_ENCRYPTED_PEM, openCosignEncryptedKey } from "./cosignEncryptedKey";
import { SigningKeyError } from "../errors";

export interface CosignSigningKey {
    readonly privateKey: KeyObject;
    /** The public half as PEM (SubjectPublicKeyInfo), what `cosign verify --key` takes. */
    readonly publicKeyPem: string;
    /** SHA-256 of the public key's DER encoding, hex. */
    readonly fingerprint: string;
}

/**
 * Reads an ECDSA P-256 private key in PEM: as `cosign generate-key-pair` writes it (`BEGIN ENCRYPTED SIGSTORE PRIVATE
 * KEY`, with its passphrase), PKCS#8 (`BEGIN PRIVATE KEY`, or `BEGIN ENCRYPTED PRIVATE KEY` with its passphrase) or
 * SEC 1 (`BEGIN EC PRIVATE KEY`).
 */
export function readCosignSigningKey(pem: string, passphrase: string | undefined, input: string): CosignSigningKey {
    const privateKey = COSIGN_ENCRYPTED_PEM.test(pem)
        ? openCosignEncryptedKey(pem, passphrase, input)
        : readPemPrivateKey(pem, passphrase, input);
    requireP256(privateKey, input);
    const publicKey = createPublicKey(privateKey);
    return {
        privateKey,
        publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
        fingerprint: fingerprintOf(publicKey),
    };
}

function readPemPrivateKey(pem: string, passphrase: string | undefined, input: string): KeyObject {
    try {
        return createPrivateKey({ key: pem, format: "pem", passphrase: passphrase ?? "" });
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
    return createHash("sha256")
        .update(publicKey.export({ type: "spki", format: "der" }))
        .digest("hex");
}

function requireP256(key: KeyObject, input: string): void {
    if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
        throw new SigningKeyError(input, `is a ${key.asymmetricKeyType} key; cosign signatures here use ECDSA P-256 (prime256v1) keys`);
    }
}
