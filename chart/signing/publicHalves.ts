import { loadOpenpgp } from "./provenance/openpgpModule";
import { readCosignSigningKey } from "./cosign/cosignKeys";
import { SigningKeyError } from "./errors";
import { pemCertificateBlocks } from "./pemCertificates";

export interface SigningPrivateKeys {
    readonly pgpPrivateKey?: string;
    readonly cosignPrivateKey?: string;
    readonly cosignPassphrase?: string;
    readonly notationCertificateChain?: string;
}

export interface SigningPublicKeys {
    /** The OpenPGP public key, ASCII-armored. */
    readonly keyring?: string;
    /** The cosign public key, PEM. */
    readonly cosignPublicKey?: string;
    /** The root of the Notation certificate chain, PEM: the trust store a release verifies against. */
    readonly notationCertificates?: string;
}

/** The public halves of signing keys: what a release verifies a chart signed with those keys against. */
export async function publicHalvesOf(keys: SigningPrivateKeys): Promise<SigningPublicKeys> {
    const result: { -readonly [K in keyof SigningPublicKeys]: SigningPublicKeys[K] } = {};
    if (keys.pgpPrivateKey) {
        try {
            // The public half needs no passphrase: only the secret key material is encrypted.
            result.keyring = (await loadOpenpgp().readPrivateKey({ armoredKey: keys.pgpPrivateKey })).toPublic().armor();
        } catch {
            throw new SigningKeyError(
                "signing.pgpPrivateKey",
                "is not an ASCII-armored OpenPGP secret key; export one with 'gpg --armor --export-secret-keys <key id>'",
            );
        }
    }
    if (keys.cosignPrivateKey) {
        result.cosignPublicKey = readCosignSigningKey(
            keys.cosignPrivateKey,
            keys.cosignPassphrase,
            "signing.cosignPrivateKey",
        ).publicKeyPem;
    }
    if (keys.notationCertificateChain) {
        const blocks = pemCertificateBlocks(keys.notationCertificateChain);
        if (blocks.length === 0) throw new SigningKeyError("signing.notationCertificateChain", "holds no PEM certificate");
        result.notationCertificates = `${blocks[blocks.length - 1]}\n`;
    }
    return result;
}
