import { createHash, X509Certificate } from "node:crypto";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../distribution/mediaTypes";
import { listReferrers } from "../../distribution/referrers";
import type { Repository } from "../../distribution/repository";
import { SignatureVerificationError } from "../errors";
import { checkChain, readTrustedCertificates } from "./notationChain";
import { Rejection, verifyJws } from "./notationJws";
import { JWS_ENVELOPE_MEDIA_TYPE, NOTATION_SIGNATURE_ARTIFACT_TYPE } from "./notationMediaTypes";

/** Referrer manifests and envelopes larger than these are not read: a signature takes a few KiB. */
const MAX_REFERRER_MANIFEST_BYTES = 64 * 1024;
const MAX_ENVELOPE_BYTES = 1024 * 1024;
const MAX_SIGNATURES_READ = 20;

export interface NotationTrust {
    /** PEM CA certificates: the trust store. */
    readonly trustedCertificates: readonly string[];
}

export interface NotationVerified {
    /** Digest of the signature manifest (the referrer) that verified. */
    readonly signatureDigest: string;
    /** Subject of the signing (leaf) certificate. */
    readonly signer: string;
    /** Hex SHA-256 of the signing certificate's DER. */
    readonly thumbprint: string;
}

type Subject = { digest: string; size: number; mediaType: string };

/**
 * Why one JWS envelope is not a Notary Project signature of `subject` by `trust` (scheme notary.x509, level strict,
 * as notation-go verifies), or undefined when it is. Untrusted bytes give a reason, never an exception; a trust store
 * that cannot be read throws SigningKeyError.
 */
export function notationRejection(envelope: Buffer, subject: Subject, trust: NotationTrust, now = new Date()): string | undefined {
    const verdict = judge(envelope, subject, readTrustedCertificates(trust.trustedCertificates), now);
    return typeof verdict === "string" ? verdict : undefined;
}

/** The signing certificate of an envelope that verifies, or why it does not. */
function judge(envelope: Buffer, subject: Subject, trusted: X509Certificate[], now: Date): X509Certificate | string {
    try {
        const jws = verifyJws(envelope);
        checkChain(jws.certificates, trusted, jws.signingTime, now);
        if (jws.expiry && now.getTime() >= jws.expiry.getTime()) return `the signature expired at ${jws.expiry.toISOString()}`;
        const target = (JSON.parse(jws.payload.toString("utf8")) as { targetArtifact?: unknown }).targetArtifact;
        const { mediaType, digest, size } = (typeof target === "object" && target !== null ? target : {}) as Record<string, unknown>;
        if (digest !== subject.digest || size !== subject.size || mediaType !== subject.mediaType) {
            return `the payload signs ${JSON.stringify({ mediaType, digest, size })}, not ${JSON.stringify(subject)}`;
        }
        return jws.certificates[0];
    } catch (error) {
        if (error instanceof Rejection) return error.message;
        return `the envelope could not be read (${(error as Error).message})`;
    }
}

/**
 * What `notation verify` checks at level strict for a chart's manifest: one Notary Project signature among the
 * referrers of `manifestDigest` verifies by `trust` and signs exactly that manifest's descriptor. Throws
 * SignatureVerificationError("notation") with each signature's reason otherwise.
 */
export async function verifyNotationSignature(
    repository: Repository,
    manifestDigest: string,
    trust: NotationTrust,
): Promise<NotationVerified> {
    const trusted = readTrustedCertificates(trust.trustedCertificates);
    const name = `${repository.ref}@${manifestDigest}`;
    const manifest = await repository.getManifest(manifestDigest, "pull", ["pull"]);
    if (!manifest) throw new SignatureVerificationError("notation", `Notation signature of ${name}: the manifest is not in the registry`);
    const subject = {
        mediaType: manifestMediaType(manifest.bytes, manifest.mediaType),
        digest: manifest.digest,
        size: manifest.bytes.length,
    };
    const referrers = await listReferrers(repository, manifestDigest, NOTATION_SIGNATURE_ARTIFACT_TYPE);
    if (referrers.length === 0) {
        throw new SignatureVerificationError(
            "notation",
            `Notation signature of ${name}: none found among its referrers; the chart is not signed with Notation`,
        );
    }
    const reasons: string[] = [];
    for (const referrer of referrers.slice(0, MAX_SIGNATURES_READ)) {
        const envelope = await readEnvelope(repository, referrer);
        const verdict = typeof envelope === "string" ? envelope : judge(envelope, subject, trusted, new Date());
        if (typeof verdict !== "string") {
            const thumbprint = createHash("sha256").update(verdict.raw).digest("hex");
            return { signatureDigest: referrer.digest, signer: verdict.subject.replace(/\n/g, ", "), thumbprint };
        }
        reasons.push(`${referrer.digest.slice(0, 19)}…: ${verdict}`);
    }
    if (referrers.length > MAX_SIGNATURES_READ) reasons.push(`${referrers.length - MAX_SIGNATURES_READ} more signatures not read`);
    throw new SignatureVerificationError("notation", `Notation signature of ${name}: ${reasons.join("; ")}`);
}

function manifestMediaType(bytes: Buffer, contentType: string | undefined): string {
    try {
        const declared = (JSON.parse(bytes.toString("utf8")) as { mediaType?: unknown }).mediaType;
        if (typeof declared === "string") return declared;
    } catch {
        // not JSON: the registry's content type stands
    }
    return contentType ?? OCI_MANIFEST_MEDIA_TYPE;
}

/** The envelope a signature manifest holds as its one layer, or why it cannot be read. */
async function readEnvelope(
    repository: Repository,
    referrer: { digest: string; mediaType: string; size: number },
): Promise<Buffer | string> {
    if (referrer.mediaType !== OCI_MANIFEST_MEDIA_TYPE)
        return `the signature manifest's media type ${referrer.mediaType} is not an OCI image manifest`;
    if (referrer.size > MAX_REFERRER_MANIFEST_BYTES) return `the signature manifest is larger than ${MAX_REFERRER_MANIFEST_BYTES} bytes`;
    const manifest = await repository.getManifest(referrer.digest, "pull", ["pull"], MAX_REFERRER_MANIFEST_BYTES);
    if (!manifest) return "the signature manifest is not in the registry";
    let layers: unknown;
    try {
        layers = (JSON.parse(manifest.bytes.toString("utf8")) as { layers?: unknown } | null)?.layers;
    } catch {
        return "the signature manifest is not JSON";
    }
    if (!Array.isArray(layers) || layers.length !== 1) return "the signature manifest does not hold exactly one envelope layer";
    const { mediaType, digest, size } = (layers[0] ?? {}) as Record<string, unknown>;
    if (mediaType !== JWS_ENVELOPE_MEDIA_TYPE)
        return `the envelope's media type ${JSON.stringify(mediaType)} is not ${JWS_ENVELOPE_MEDIA_TYPE} (only JWS envelopes are verified)`;
    if (
        typeof digest !== "string" ||
        !/^sha256:[a-f0-9]{64}$/.test(digest) ||
        typeof size !== "number" ||
        !Number.isSafeInteger(size) ||
        size < 0
    ) {
        return "the envelope layer's descriptor is malformed";
    }
    if (size > MAX_ENVELOPE_BYTES) return `the envelope is larger than ${MAX_ENVELOPE_BYTES} bytes`;
    return repository.fetchBlob({ mediaType, digest, size }, "pull");
}
