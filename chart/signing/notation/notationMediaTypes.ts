/** Media types and names of the Notary Project signature specification (v1.0). */
export const NOTATION_SIGNATURE_ARTIFACT_TYPE = "application/vnd.cncf.notary.signature";
/** A JWS envelope in JSON serialization. */
export const JWS_ENVELOPE_MEDIA_TYPE = "application/jose+json";
/** The signed payload's content type (the JWS `cty`). */
export const NOTATION_PAYLOAD_MEDIA_TYPE = "application/vnd.cncf.notary.payload.v1+json";
export const SIGNING_SCHEME_HEADER = "io.cncf.notary.signingScheme";
export const SIGNING_TIME_HEADER = "io.cncf.notary.signingTime";
export const SIGNING_AGENT_HEADER = "io.cncf.notary.signingAgent";
/** The only signing scheme made here: the signing time is the signer's claim, not a timestamp authority's. */
export const X509_SIGNING_SCHEME = "notary.x509";
/** Signature manifest annotation: JSON array of the hex SHA-256 of each certificate of the chain (DER). */
export const THUMBPRINT_ANNOTATION = "io.cncf.notary.x509chain.thumbprint#S256";
