export { SignatureVerificationError, SigningKeyError } from "./errors";
export { readPgpKeyring, readPgpSigningKey, PgpSigningKey } from "./pgpKeys";
export { signProvenance, verifyProvenance, ProvenanceVerification, SignableChart } from "./provenance";
export { archiveFileName, provenanceMessage } from "./provenanceMessage";
export { readCosignPublicKey, readCosignSigningKey, CosignSigningKey } from "./cosignKeys";
export { signatureTag, simpleSigningPayload } from "./cosignPayload";
export { signCosignPayload, CosignSignature } from "./cosignSignature";
export {
    pushCosignSignature,
    pushCosignSignatureIn,
    verifyCosignSignature,
    verifyCosignSignatureIn,
    CosignTarget,
    CosignVerification,
} from "./cosignRegistry";
export { publicHalvesOf, SigningPrivateKeys, SigningPublicKeys } from "./publicHalves";
export { publishedProvenance } from "./publishedProvenance";
