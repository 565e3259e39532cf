export { SignatureVerificationError, SigningKeyError } from "./errors";
export { readPgpKeyring, readPgpSigningKey, PgpSigningKey } from "./provenance/pgpKeys";
export { signProvenance, verifyProvenance, ProvenanceVerification, SignableChart } from "./provenance/provenance";
export { archiveFileName, provenanceMessage } from "./provenance/provenanceMessage";
export { readCosignPublicKey, readCosignSigningKey, CosignSigningKey } from "./cosign/cosignKeys";
export { signatureTag, simpleSigningPayload } from "./cosign/cosignPayload";
export { signCosignPayload, CosignSignature } from "./cosign/cosignSignature";
export {
    pushCosignSignature,
    pushCosignSignatureIn,
    verifyCosignSignature,
    verifyCosignSignatureIn,
    CosignTarget,
    CosignVerification,
} from "./cosign/cosignRegistry";
export { publicHalvesOf, SigningPrivateKeys, SigningPublicKeys } from "./publicHalves";
export { publishedProvenance } from "./provenance/publishedProvenance";
export * from "./notation";
