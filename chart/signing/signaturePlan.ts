import type { ChartMetadata } from "../model/chartfile";
import { readCosignSigningKey } from "./cosign/cosignKeys";
import { signCosignPayload } from "./cosign/cosignSignature";
import { readPgpSigningKey } from "./provenance/pgpKeys";
import { signProvenance } from "./provenance/provenance";
import { cosignFormatsFor, KeylessSigningInput, SigningInput } from "./signingInputs";
import { DEFAULT_FULCIO_URL } from "./sigstore/keylessSigner";
import { signManifestBundle } from "./sigstore/bundleSignature";
import { keySigner } from "./sigstore/keySigner";
import { createHash } from "node:crypto";
import type { Descriptor } from "../distribution/digest";
import { readNotationSigner } from "./notation/notationSigner";
import { notationEnvelope } from "./notation/notationEnvelope";
import { rfc3339Seconds } from "./signingTime";

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

/** A Sigstore bundle signing a manifest digest, and when it was made: reused while the manifest and the key stay the same. */
export interface BundleRecord {
    readonly keyFingerprint: string;
    readonly manifestDigest: string;
    /** The bundle's JSON text, as attached. */
    readonly bundle: string;
    /** RFC 3339 time of signing: the referrer manifest's `org.opencontainers.image.created`. */
    readonly created: string;
}

/** A Notation signature of a manifest: reused while the manifest and the signing certificate stay the same. */
export interface NotationRecord {
    /** Hex SHA-256 of the signing (leaf) certificate. */
    readonly thumbprint: string;
    readonly manifestDigest: string;
    /** The JWS envelope's JSON text, as attached. */
    readonly envelope: string;
}

/** What a keyless signature is made for and with: it is signed again when any of these change. */
export interface KeylessTarget {
    readonly manifestDigest: string;
    /** The Fulcio that certified the signing key (the default instance's URL when none was given). */
    readonly fulcioUrl: string;
    /** The RFC 3161 timestamp authority asked, if any. */
    readonly timestampAuthorityUrl?: string;
}

/**
 * A keyless signature that `create` or `update` is to make after the push: it needs Fulcio, a timestamp
 * authority and a fresh identity token, none of which a preview may ask for.
 */
export interface KeylessDue extends KeylessTarget {
    readonly due: true;
}

/** A keyless Sigstore bundle of a manifest, as attached: reused while its target is unchanged. */
export interface KeylessRecord extends KeylessTarget {
    /** The bundle's JSON text, as attached. */
    readonly bundle: string;
    /** RFC 3339 time of signing: the referrer manifest's `org.opencontainers.image.created`. */
    readonly created: string;
    /** The certificate's subject alternative name: e.g. the GitHub Actions workflow that signed. */
    readonly certificateIdentity: string;
    /** The OIDC issuer the certificate names. */
    readonly certificateIssuer: string;
}

/** Signatures of one publication, kept in state: public data, no key material beyond public keys. */
export interface SignatureRecords {
    readonly provenance?: ProvenanceRecord;
    readonly cosign?: CosignRecord;
    readonly bundle?: BundleRecord;
    readonly notation?: NotationRecord;
    /** Signed (a record) after the push; due (planned) until then. */
    readonly keyless?: KeylessRecord | KeylessDue;
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
    previous: SignatureRecords,
): CosignRecord | undefined {
    if (!signing?.cosignPrivateKey || !cosignFormatsFor(signing, previous).includes("legacy")) return undefined;
    const key = readCosignSigningKey(signing.cosignPrivateKey, signing.cosignPassphrase, "signing.cosignPrivateKey");
    const last = previous.cosign;
    const same =
        last &&
        last.keyFingerprint === key.fingerprint &&
        last.manifestDigest === manifestDigest &&
        last.dockerReference === dockerReference;
    if (same && typeof last.payload === "string" && typeof last.signature === "string") return last;
    return {
        keyFingerprint: key.fingerprint,
        publicKey: key.publicKeyPem,
        manifestDigest,
        dockerReference,
        ...signCosignPayload(dockerReference, manifestDigest, key),
    };
}

/** The Sigstore bundle of a manifest digest: the previous one when the manifest and the key are unchanged, else a new one. */
export async function planBundle(
    signing: SigningInput | undefined,
    manifestDigest: string,
    previous: SignatureRecords,
    now: () => Date = () => new Date(),
): Promise<BundleRecord | undefined> {
    if (!signing?.cosignPrivateKey || !cosignFormatsFor(signing, previous).includes("bundle")) return undefined;
    const key = readCosignSigningKey(signing.cosignPrivateKey, signing.cosignPassphrase, "signing.cosignPrivateKey");
    const last = previous.bundle;
    if (
        last &&
        last.keyFingerprint === key.fingerprint &&
        last.manifestDigest === manifestDigest &&
        typeof last.bundle === "string" &&
        typeof last.created === "string"
    ) {
        return last;
    }
    return {
        keyFingerprint: key.fingerprint,
        manifestDigest,
        bundle: await signManifestBundle(manifestDigest, keySigner(key)),
        created: rfc3339Seconds(now()),
    };
}

/** The Notation signature of a manifest: the previous one when the manifest and the certificate are unchanged. */
export function planNotation(
    signing: SigningInput | undefined,
    subject: Descriptor,
    previous: SignatureRecords,
): NotationRecord | undefined {
    if (!signing?.notationPrivateKey || !signing.notationCertificateChain) return undefined;
    const signer = readNotationSigner(
        {
            certificateChain: signing.notationCertificateChain,
            privateKey: signing.notationPrivateKey,
            passphrase: signing.notationPassphrase,
        },
        "signing.notation",
        { certificateChain: "signing.notationCertificateChain", privateKey: "signing.notationPrivateKey" },
    );
    const thumbprint = createHash("sha256").update(signer.certificates[0].raw).digest("hex");
    const last = previous.notation;
    if (last && last.thumbprint === thumbprint && last.manifestDigest === subject.digest && typeof last.envelope === "string") return last;
    return { thumbprint, manifestDigest: subject.digest, envelope: JSON.stringify(notationEnvelope(subject, signer)) };
}

/**
 * The keyless signature of a manifest: the previous record when it was made for the same digest with the same
 * Fulcio and timestamp authority, else a signature due after the push. Offline: nothing is asked of Fulcio.
 */
export function planKeyless(
    signing: SigningInput | undefined,
    manifestDigest: string,
    previous: SignatureRecords,
): KeylessRecord | KeylessDue | undefined {
    if (!signing?.keyless) return undefined;
    const target = keylessTargetOf(signing.keyless, manifestDigest);
    const last = previous.keyless;
    return isKeylessRecord(last) && sameKeylessTarget(last, target) ? last : { ...target, due: true };
}

/** The target a keyless input signs `manifestDigest` for. */
export function keylessTargetOf(keyless: KeylessSigningInput, manifestDigest: string): KeylessTarget {
    const target = { manifestDigest, fulcioUrl: keyless.fulcioUrl ?? DEFAULT_FULCIO_URL };
    return keyless.timestampAuthorityUrl ? { ...target, timestampAuthorityUrl: keyless.timestampAuthorityUrl } : target;
}

/** A keyless signature that was made (not one still due), with every field a record has. */
export function isKeylessRecord(value: unknown): value is KeylessRecord {
    if (typeof value !== "object" || value === null) return false;
    const record = value as Record<string, unknown>;
    return (
        record.due === undefined &&
        ["manifestDigest", "fulcioUrl", "bundle", "created", "certificateIdentity", "certificateIssuer"].every(
            (key) => typeof record[key] === "string",
        )
    );
}

/** Whether two keyless signatures are for the same manifest, by the same Fulcio and timestamp authority. */
export function sameKeylessTarget(a: KeylessTarget, b: KeylessTarget): boolean {
    return (
        a.manifestDigest === b.manifestDigest &&
        a.fulcioUrl === b.fulcioUrl &&
        (a.timestampAuthorityUrl ?? null) === (b.timestampAuthorityUrl ?? null)
    );
}

/** Previous records from state, or none when the state holds something else. */
export function previousRecords(value: unknown): SignatureRecords {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as SignatureRecords) : {};
}
