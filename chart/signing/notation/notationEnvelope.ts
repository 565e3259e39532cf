import type { Descriptor } from "../../distribution/digest";
import { jwsSign } from "./notationAlgorithm";
import {
    NOTATION_PAYLOAD_MEDIA_TYPE,
    SIGNING_AGENT_HEADER,
    SIGNING_SCHEME_HEADER,
    SIGNING_TIME_HEADER,
    X509_SIGNING_SCHEME,
} from "./notationMediaTypes";
import { notationPayload } from "./notationPayload";
import type { NotationSigner } from "./notationSigner";
import { rfc3339Seconds } from "../signingTime";

export const DEFAULT_SIGNING_AGENT = "pulumi-acr-helm";

export interface NotationEnvelopeOptions {
    /** Default: now. Sent to the second, as RFC 3339 UTC. */
    readonly signingTime?: Date;
    readonly signingAgent?: string;
}

/** A JWS envelope (JSON flattened serialization), the fields as they travel: base64url strings and the header. */
export interface NotationEnvelope {
    readonly payload: string;
    readonly protected: string;
    readonly header: { readonly x5c: string[]; readonly [SIGNING_AGENT_HEADER]: string };
    readonly signature: string;
}

/**
 * Signs `subject` (a manifest descriptor) as a Notary Project JWS envelope, signing scheme notary.x509: the protected
 * header holds the algorithm, payload content type, signing scheme (marked critical) and signing time; the
 * unprotected header the certificate chain (x5c, base64 DER, leaf first) and the signing agent.
 */
export function notationEnvelope(subject: Descriptor, signer: NotationSigner, options: NotationEnvelopeOptions = {}): NotationEnvelope {
    const protectedHeader = {
        alg: signer.algorithm,
        cty: NOTATION_PAYLOAD_MEDIA_TYPE,
        crit: [SIGNING_SCHEME_HEADER],
        [SIGNING_SCHEME_HEADER]: X509_SIGNING_SCHEME,
        [SIGNING_TIME_HEADER]: rfc3339Seconds(options.signingTime ?? new Date()),
    };
    const encodedProtected = base64url(Buffer.from(JSON.stringify(protectedHeader), "utf8"));
    const encodedPayload = base64url(notationPayload(subject));
    const signature = jwsSign(Buffer.from(`${encodedProtected}.${encodedPayload}`, "ascii"), signer.privateKey);
    return {
        payload: encodedPayload,
        protected: encodedProtected,
        header: {
            x5c: signer.certificates.map((certificate) => certificate.raw.toString("base64")),
            [SIGNING_AGENT_HEADER]: options.signingAgent ?? DEFAULT_SIGNING_AGENT,
        },
        signature: base64url(signature),
    };
}

/** The envelope blob (media type application/jose+json). */
export function envelopeBytes(envelope: NotationEnvelope): Buffer {
    return Buffer.from(JSON.stringify(envelope), "utf8");
}

export function base64url(data: Buffer): string {
    return data.toString("base64url");
}
