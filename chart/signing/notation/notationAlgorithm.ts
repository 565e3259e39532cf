import { constants, KeyObject, sign, SignKeyObjectInput, SignPrivateKeyInput } from "node:crypto";

/** The JWS algorithms the Notary Project allows, one per key type and size. */
export type NotationAlgorithm = "PS256" | "PS384" | "PS512" | "ES256" | "ES384" | "ES512";

interface AlgorithmSpec {
    readonly algorithm: NotationAlgorithm;
    readonly hash: "sha256" | "sha384" | "sha512";
}

/** RSASSA-PSS for RSA keys by modulus size, ECDSA by curve: the Notary Project's signature algorithm table. */
const RSA: Record<number, AlgorithmSpec> = {
    2048: { algorithm: "PS256", hash: "sha256" },
    3072: { algorithm: "PS384", hash: "sha384" },
    4096: { algorithm: "PS512", hash: "sha512" },
};
const EC: Record<string, AlgorithmSpec> = {
    prime256v1: { algorithm: "ES256", hash: "sha256" },
    secp384r1: { algorithm: "ES384", hash: "sha384" },
    secp521r1: { algorithm: "ES512", hash: "sha512" },
};

const HASH_BYTES = { sha256: 32, sha384: 48, sha512: 64 } as const;

export const SUPPORTED_KEYS = "RSA 2048, 3072 or 4096 bits, or ECDSA P-256, P-384 or P-521";

/** The algorithm a key signs with, or undefined for a key the Notary Project does not allow. */
export function algorithmOf(key: KeyObject): NotationAlgorithm | undefined {
    return specOf(key)?.algorithm;
}

function specOf(key: KeyObject): AlgorithmSpec | undefined {
    const details = key.asymmetricKeyDetails;
    if (key.asymmetricKeyType === "rsa") return RSA[details?.modulusLength ?? 0];
    if (key.asymmetricKeyType === "ec") return EC[details?.namedCurve ?? ""];
    return undefined;
}

/**
 * Signs as JWS does (RFC 7518): RSASSA-PSS with MGF1 over the same hash and a salt as long as the hash, or ECDSA
 * with the signature as r || s (not ASN.1).
 */
export function jwsSign(data: Buffer, key: KeyObject): Buffer {
    const spec = specOf(key);
    if (!spec) throw new Error(`unsupported key: use ${SUPPORTED_KEYS}`);
    const options: SignKeyObjectInput | SignPrivateKeyInput =
        key.asymmetricKeyType === "rsa"
            ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[spec.hash] }
            : { key, dsaEncoding: "ieee-p1363" };
    return sign(spec.hash, data, options);
}
