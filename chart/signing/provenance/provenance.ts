import type * as openpgp from "openpgp";
import { loadOpenpgp } from "./openpgpModule";
import type { ChartMetadata } from "../../model/chartfile";
import { sha256Digest } from "../../distribution/digest";
import { SignatureVerificationError } from "../errors";
import type { PgpSigningKey } from "./pgpKeys";
import { archiveFileName, provenanceChecksums, provenanceMessage } from "./provenanceMessage";

export interface SignableChart {
    readonly metadata: ChartMetadata;
    readonly archive: Buffer;
}

/** The chart's Helm provenance file (`<name>-<version>.tgz.prov`): the message clear-signed with SHA-512, as Helm signs. */
export async function signProvenance(chart: SignableChart, signer: PgpSigningKey): Promise<string> {
    const message = await loadOpenpgp().createCleartextMessage({ text: provenanceMessage(chart.metadata, chart.archive) });
    const signed = await loadOpenpgp().sign({
        message,
        signingKeys: signer.key,
        config: { preferredHashAlgorithm: loadOpenpgp().enums.hash.sha512 },
    });
    // Clear-signed text is signed with canonical line endings, so writing it with "\n" as Helm does keeps it valid.
    return signed.replace(/\r\n/g, "\n");
}

export interface ProvenanceVerification {
    /** Fingerprint of the key that made the signature. */
    readonly fingerprint: string;
    /** The signer's first user id, e.g. `Charts Team <charts@example.com>`. */
    readonly signedBy: string;
    /** `<name>-<version>.tgz` */
    readonly fileName: string;
    readonly chartDigest: string;
}

/**
 * What `helm verify` checks: the provenance file is signed by a key of the keyring, and names the archive's
 * SHA-256 under the archive's file name. Anything else is a SignatureVerificationError.
 */
export async function verifyProvenance(prov: string, chart: SignableChart, keyring: openpgp.PublicKey[]): Promise<ProvenanceVerification> {
    const fileName = archiveFileName(chart.metadata);
    const fail = (reason: string) => new SignatureVerificationError("provenance", `provenance of ${fileName} ${reason}`);
    let message: openpgp.CleartextMessage;
    try {
        message = await loadOpenpgp().readCleartextMessage({ cleartextMessage: prov });
    } catch {
        throw fail("is not an OpenPGP clear-signed message");
    }
    let signer: openpgp.PublicKey | undefined;
    try {
        const result = await loadOpenpgp().verify({ message, verificationKeys: keyring, expectSigned: true });
        const keyID = result.signatures[0].keyID;
        signer = keyring.find((key) => key.getKeys(keyID).length > 0);
    } catch (error) {
        throw fail(`does not verify with the keyring: ${firstLine(error)}`);
    }
    const digest = sha256Digest(chart.archive);
    const listed = provenanceChecksums(message.getText())[fileName];
    if (listed === undefined) throw fail(`does not contain a SHA-256 for a file named ${fileName}`);
    if (listed !== digest) throw fail(`lists ${listed}, but the chart archive is ${digest}: the chart was changed after it was signed`);
    return {
        fingerprint: signer?.getFingerprint().toUpperCase() ?? "",
        signedBy: signer?.getUserIDs()[0] ?? "",
        fileName,
        chartDigest: digest,
    };
}

function firstLine(error: unknown): string {
    return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
