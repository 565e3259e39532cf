import { createHash } from "node:crypto";
import type { Descriptor } from "../../distribution/digest";
import type { TimeoutOptions } from "../../distribution/http/deadline";
import { pushReferrer, ReferrerArtifact } from "../../distribution/referrers";
import type { Repository } from "../../distribution/repository";
import { envelopeBytes, notationEnvelope, NotationEnvelope, NotationEnvelopeOptions } from "./notationEnvelope";
import {
    JWS_ENVELOPE_MEDIA_TYPE,
    NOTATION_SIGNATURE_ARTIFACT_TYPE,
    SIGNING_TIME_HEADER,
    THUMBPRINT_ANNOTATION,
} from "./notationMediaTypes";
import type { NotationSigner } from "./notationSigner";

/** OCI annotation of when the artifact was made: the envelope's signing time, as notation writes it. */
const CREATED_ANNOTATION = "org.opencontainers.image.created";

export interface NotationPushResult {
    /** Digest of the signature manifest (the referrer). */
    readonly signatureDigest: string;
    /** False when that manifest was already in the registry and listed. */
    readonly pushed: boolean;
}

/**
 * Signs `subject` (the chart's manifest descriptor) and attaches the envelope as a Notary Project signature: an OCI
 * referrer of artifact type application/vnd.cncf.notary.signature whose one layer is the JWS envelope.
 */
export function pushNotationSignature(
    repository: Repository,
    subject: Descriptor,
    signer: NotationSigner,
    options: NotationEnvelopeOptions & TimeoutOptions = {},
): Promise<NotationPushResult> {
    return pushNotationEnvelope(repository, subject, notationEnvelope(subject, signer, options), options);
}

/** Attaches an envelope already made (pushNotationSignature's second half). */
export async function pushNotationEnvelope(
    repository: Repository,
    subject: Descriptor,
    envelope: NotationEnvelope,
    timeouts?: TimeoutOptions,
): Promise<NotationPushResult> {
    const pushed = await repository.operation(timeouts, () => pushReferrer(repository, subject, notationArtifact(envelope)));
    return { signatureDigest: pushed.digest, pushed: pushed.pushed };
}

/** The referrer's content: the envelope layer, the chain's thumbprints and the signing time as annotations. */
export function notationArtifact(envelope: NotationEnvelope): ReferrerArtifact {
    const thumbprints = envelope.header.x5c.map((der) => createHash("sha256").update(Buffer.from(der, "base64")).digest("hex"));
    const signingTime = (JSON.parse(Buffer.from(envelope.protected, "base64url").toString("utf8")) as Record<string, unknown>)[
        SIGNING_TIME_HEADER
    ];
    return {
        artifactType: NOTATION_SIGNATURE_ARTIFACT_TYPE,
        layers: [{ mediaType: JWS_ENVELOPE_MEDIA_TYPE, data: envelopeBytes(envelope) }],
        annotations: {
            [THUMBPRINT_ANNOTATION]: JSON.stringify(thumbprints),
            ...(typeof signingTime === "string" ? { [CREATED_ANNOTATION]: signingTime } : {}),
        },
    };
}
