export { readNotationSigner, NotationSigner, NotationSigningInput } from "./notationSigner";
export { notationEnvelope, envelopeBytes, NotationEnvelope, NotationEnvelopeOptions } from "./notationEnvelope";
export { pushNotationSignature, pushNotationEnvelope, notationArtifact, NotationPushResult } from "./notationReferrer";
export { NOTATION_SIGNATURE_ARTIFACT_TYPE, JWS_ENVELOPE_MEDIA_TYPE, NOTATION_PAYLOAD_MEDIA_TYPE } from "./notationMediaTypes";
export { verifyNotationSignature, notationRejection, NotationTrust, NotationVerified } from "./notationVerification";
