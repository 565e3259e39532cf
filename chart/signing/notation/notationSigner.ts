import { createPrivateKey, KeyObject, X509Certificate } from "node:crypto";
import { SigningKeyError } from "../errors";
import { algorithmOf, NotationAlgorithm, SUPPORTED_KEYS } from "./notationAlgorithm";
import { readCertificateChain } from "./certificateChain";

/** What Notary Project signatures are made with: a key and the certificate chain of its public half. */
export interface NotationSigner {
    readonly privateKey: KeyObject;
    /** Leaf (the key's certificate) first, then each issuer, ending at the self-signed root. */
    readonly certificates: readonly X509Certificate[];
    readonly algorithm: NotationAlgorithm;
}

/** The inputs a Notation signer is read from, as the provider would receive them (secret). */
export interface NotationSigningInput {
    /** PEM certificates: the leaf first, then intermediates, then the root. */
    readonly certificateChain: string;
    /** PEM private key of the leaf certificate: PKCS#8 (optionally encrypted), PKCS#1 or SEC 1. */
    readonly privateKey: string;
    readonly passphrase?: string;
}

/**
 * Checks the key and chain and pairs them. Errors name the input (`<input>.certificateChain`, `<input>.privateKey`)
 * and never quote key material.
 */
export function readNotationSigner(
    value: NotationSigningInput,
    input = "signing.notation",
    names: { certificateChain: string; privateKey: string } = {
        certificateChain: `${input}.certificateChain`,
        privateKey: `${input}.privateKey`,
    },
): NotationSigner {
    const certificates = readCertificateChain(value.certificateChain, names.certificateChain);
    const privateKey = readPrivateKey(value.privateKey, value.passphrase, names.privateKey);
    const algorithm = algorithmOf(privateKey);
    if (!algorithm) {
        throw new SigningKeyError(names.privateKey, `is an unsupported ${describeKey(privateKey)} key; use ${SUPPORTED_KEYS}`);
    }
    if (!certificates[0].checkPrivateKey(privateKey)) {
        throw new SigningKeyError(
            names.privateKey,
            `does not belong to the first (leaf) certificate of ${names.certificateChain}; give the leaf's key`,
        );
    }
    return { privateKey, certificates, algorithm };
}

function readPrivateKey(pem: string, passphrase: string | undefined, input: string): KeyObject {
    if (typeof pem !== "string" || !pem.includes("PRIVATE KEY-----")) {
        throw new SigningKeyError(input, "is not a PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }
    try {
        return createPrivateKey({ key: pem, format: "pem", passphrase: passphrase ?? "" });
    } catch (error) {
        if (pem.includes("ENCRYPTED")) {
            throw new SigningKeyError(
                input,
                passphrase ? "could not be decrypted: the passphrase is wrong" : "is encrypted; give its passphrase too",
            );
        }
        throw new SigningKeyError(input, `is not a readable PEM private key (${(error as { code?: string }).code ?? "unreadable"})`);
    }
}

function describeKey(key: KeyObject): string {
    const details = key.asymmetricKeyDetails;
    if (details?.modulusLength) return `${key.asymmetricKeyType} ${details.modulusLength}-bit`;
    if (details?.namedCurve) return `${key.asymmetricKeyType} ${details.namedCurve}`;
    return `${key.asymmetricKeyType}`;
}
