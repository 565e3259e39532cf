import { createPrivateKey, KeyObject, scryptSync } from "node:crypto";
import { SigningKeyError } from "../errors";

/** NaCl secretbox (XSalsa20-Poly1305), which Node's crypto lacks; loaded only when a key in this format is opened. */
interface SecretBox {
    xsalsa20poly1305(key: Uint8Array, nonce: Uint8Array): { decrypt(sealed: Uint8Array): Uint8Array };
}

/** PEM block types of the keys `cosign generate-key-pair` writes. */
export const COSIGN_ENCRYPTED_PEM = /-----BEGIN (ENCRYPTED (SIGSTORE|COSIGN) PRIVATE KEY)-----([\s\S]*?)-----END \1-----/;

/** The scrypt settings go-securesystemslib accepts (legacy, standard, OWASP); anything else is refused. */
const SCRYPT_PARAMS = [
    { N: 32768, r: 8, p: 1 },
    { N: 65536, r: 8, p: 1 },
    { N: 131072, r: 8, p: 1 },
];

/**
 * Opens a key in cosign's encrypted format (go-securesystemslib `encrypted`): a JSON envelope with a scrypt KDF and a
 * NaCl secretbox (XSalsa20-Poly1305) around the PKCS#8 DER key. `input` names the argument in messages.
 */
export function openCosignEncryptedKey(pem: string, passphrase: string | undefined, input: string): KeyObject {
    const block = COSIGN_ENCRYPTED_PEM.exec(pem);
    const envelope = block ? parseEnvelope(Buffer.from(block[3].replace(/\s/g, ""), "base64").toString("utf8")) : undefined;
    if (!envelope)
        throw new SigningKeyError(
            input,
            "is not a readable cosign key (ENCRYPTED SIGSTORE PRIVATE KEY); write it again with 'cosign generate-key-pair'",
        );
    // cosign also writes keys with an empty passphrase (COSIGN_PASSWORD=""): that is what no passphrase means here.
    const key = scryptSync(Buffer.from(passphrase ?? "", "utf8"), envelope.salt, 32, {
        ...envelope.params,
        maxmem: 256 * envelope.params.N * envelope.params.r + 1024 * 1024,
    });
    const { xsalsa20poly1305 } = require("@noble/ciphers/salsa") as SecretBox;
    let der: Uint8Array;
    try {
        // NaCl secretbox: the Poly1305 tag, then the XSalsa20 ciphertext.
        der = xsalsa20poly1305(key, envelope.nonce).decrypt(envelope.ciphertext);
    } catch {
        throw new SigningKeyError(
            input,
            passphrase
                ? "could not be decrypted: the passphrase is wrong"
                : "is encrypted (cosign generate-key-pair); give its passphrase too",
        );
    }
    try {
        return createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" });
    } catch {
        throw new SigningKeyError(input, "decrypts to something that is not a PKCS#8 private key");
    }
}

interface Envelope {
    readonly params: { N: number; r: number; p: number };
    readonly salt: Buffer;
    readonly nonce: Buffer;
    readonly ciphertext: Buffer;
}

function parseEnvelope(json: string): Envelope | undefined {
    try {
        const data = JSON.parse(json) as {
            kdf?: { name?: unknown; params?: { N?: unknown; r?: unknown; p?: unknown }; salt?: unknown };
            cipher?: { name?: unknown; nonce?: unknown };
            ciphertext?: unknown;
        };
        const params = SCRYPT_PARAMS.find(
            (known) => known.N === data.kdf?.params?.N && known.r === data.kdf?.params?.r && known.p === data.kdf?.params?.p,
        );
        const bytes = (value: unknown) => (typeof value === "string" ? Buffer.from(value, "base64") : undefined);
        const salt = bytes(data.kdf?.salt);
        const nonce = bytes(data.cipher?.nonce);
        const ciphertext = bytes(data.ciphertext);
        if (
            data.kdf?.name !== "scrypt" ||
            data.cipher?.name !== "nacl/secretbox" ||
            !params ||
            !salt ||
            nonce?.length !== 24 ||
            !ciphertext
        )
            return undefined;
        return { params, salt, nonce, ciphertext };
    } catch {
        return undefined;
    }
}
