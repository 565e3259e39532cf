import type * as openpgp from "openpgp";
import { loadOpenpgp } from "./openpgpModule";
import { SigningKeyError } from "../errors";

export interface PgpSigningKey {
    readonly key: openpgp.PrivateKey;
    /** Upper-case hex fingerprint of the primary key. */
    readonly fingerprint: string;
}

/**
 * Reads an ASCII-armored OpenPGP secret key (`gpg --armor --export-secret-keys <id>`) and unlocks it with the
 * passphrase when it is protected. `input` names the argument in messages; no key material is ever quoted.
 */
export async function readPgpSigningKey(armored: string, passphrase: string | undefined, input: string): Promise<PgpSigningKey> {
    let key: openpgp.PrivateKey;
    try {
        key = await loadOpenpgp().readPrivateKey({ armoredKey: armored });
    } catch {
        throw new SigningKeyError(
            input,
            "is not an ASCII-armored OpenPGP secret key; export one with 'gpg --armor --export-secret-keys <key id>'",
        );
    }
    if (!key.isDecrypted()) {
        if (passphrase === undefined || passphrase === "") {
            throw new SigningKeyError(input, "is protected by a passphrase; give the passphrase too");
        }
        try {
            key = await loadOpenpgp().decryptKey({ privateKey: key, passphrase });
        } catch {
            throw new SigningKeyError(input, "could not be unlocked: the passphrase is wrong");
        }
    }
    try {
        await key.getSigningKey();
    } catch {
        throw new SigningKeyError(input, "has no valid key that may sign (expired, revoked or encryption-only); use a signing key");
    }
    return { key, fingerprint: key.getFingerprint().toUpperCase() };
}

/**
 * Reads the public keys a signature may come from: a binary keyring (`gpg --export <id> > pubring.gpg`, what
 * Helm 3 reads) or one or more ASCII-armored public key blocks (`gpg --armor --export`, which Helm 4 also reads).
 */
export async function readPgpKeyring(data: string | Buffer, input: string): Promise<openpgp.PublicKey[]> {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    const text = bytes.toString("latin1");
    try {
        const keys = text.includes("-----BEGIN PGP")
            ? (await Promise.all(armoredBlocks(text).map((armoredKeys) => loadOpenpgp().readKeys({ armoredKeys })))).flat()
            : await loadOpenpgp().readKeys({ binaryKeys: new Uint8Array(bytes) });
        if (keys.length === 0) throw new Error("empty");
        return keys.map((key) => key.toPublic());
    } catch {
        throw new SigningKeyError(input, "is not an OpenPGP keyring; export the public key with 'gpg --export <key id> > pubring.gpg'");
    }
}

function armoredBlocks(text: string): string[] {
    return text.match(/-----BEGIN PGP (PUBLIC|PRIVATE) KEY BLOCK-----[\s\S]*?-----END PGP \1 KEY BLOCK-----/g) ?? [];
}
