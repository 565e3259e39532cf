import type { ChartMetadata } from "../model/chartfile";
import { readCosignSigningKey } from "./cosign/cosignKeys";
import { signCosignPayload } from "./cosign/cosignSignature";
import { readPgpSigningKey } from "./provenance/pgpKeys";
import { signProvenance } from "./provenance/provenance";
import type { SigningInput } from "./signingInputs";

/** A Helm provenance file and what it was made from: reused while the chart and the key stay the same. */
export interface ProvenanceRecord {
    readonly keyFingerprint: string;
    readonly chartDigest: string;
    readonly prov: string;
}

/** A cosign signature and what it was made for: reused while the manifest, the repository and the key stay the same. */
export interface CosignRecord {
    readonly keyFingerprint: string;
    readonly publicKey: string;
    readonly manifestDigest: string;
    readonly dockerReference: string;
    readonly payload: string;
    readonly signature: string;
}

/** Signatures of one publication, kept in state: public data, no key material beyond public keys. */
export interface SignatureRecords {
    readonly provenance?: ProvenanceRecord;
    readonly cosign?: CosignRecord;
}

/**
 * The provenance file for this chart: the previous one when the chart digest and the key's fingerprint are
 * unchanged (an OpenPGP signature carries its creation time, so signing again would change the manifest), a new
 * one otherwise. Signing is local: no network.
 */
export async function planProvenance(
    signing: SigningInput | undefined,
    chart: { metadata: ChartMetadata; archive: Buffer; chartDigest: string },
    previous: ProvenanceRecord | undefined,
): Promise<ProvenanceRecord | undefined> {
    if (!signing?.pgpPrivateKey) return undefined;
    const key = await readPgpSigningKey(signing.pgpPrivateKey, signing.pgpPassphrase, "signing.pgpPrivateKey");
    if (
        previous &&
        previous.keyFingerprint === key.fingerprint &&
        previous.chartDigest === chart.chartDigest &&
        typeof previous.prov === "string"
    ) {
        return previous;
    }
    return { keyFingerprint: key.fingerprint, chartDigest: chart.chartDigest, prov: await signProvenance(chart, key) };
}

/** The cosign signature of a manifest digest: the previous one when nothing it covers changed, else a new one. */
export function planCosign(
    signing: SigningInput | undefined,
    dockerReference: string,
    manifestDigest: string,
    previous: CosignRecord | undefined,
): CosignRecord | undefined {
    if (!signing?.cosignPrivateKey) return undefined;
    const key = readCosignSigningKey(signing.cosignPrivateKey, signing.cosignPassphrase, "signing.cosignPrivateKey");
    const same =
        previous &&
        previous.keyFingerprint === key.fingerprint &&
        previous.manifestDigest === manifestDigest &&
        previous.dockerReference === dockerReference;
    if (same && typeof previous.payload === "string" && typeof previous.signature === "string") return previous;
    return {
        keyFingerprint: key.fingerprint,
        publicKey: key.publicKeyPem,
        manifestDigest,
        dockerReference,
        ...signCosignPayload(dockerReference, manifestDigest, key),
    };
}

/** Previous records from state, or none when the state holds something else. */
export function previousRecords(value: unknown): SignatureRecords {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as SignatureRecords) : {};
}
