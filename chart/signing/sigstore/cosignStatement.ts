import { SHA256_DIGEST } from "../../distribution/digest";

/** What `cosign sign` (v3, Sigstore bundle) signs: an in-toto statement naming the manifest digest. */
export const COSIGN_SIGN_PREDICATE_TYPE = "https://sigstore.dev/cosign/sign/v1";
export const IN_TOTO_STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
/** The DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

/** The statement bytes for a manifest digest, as cosign writes them (no subject name, an empty predicate). */
export function cosignSignStatement(manifestDigest: string): Buffer {
    if (!SHA256_DIGEST.test(manifestDigest)) throw new Error(`not a sha256 manifest digest: ${manifestDigest}`);
    const statement = {
        _type: IN_TOTO_STATEMENT_TYPE,
        subject: [{ digest: { sha256: manifestDigest.slice("sha256:".length) } }],
        predicateType: COSIGN_SIGN_PREDICATE_TYPE,
        predicate: {},
    };
    return Buffer.from(JSON.stringify(statement));
}

/** Whether a verified statement is a cosign signature of exactly this manifest digest. */
export function statementNames(payload: Buffer, manifestDigest: string): boolean {
    let statement: { _type?: unknown; predicateType?: unknown; subject?: unknown };
    try {
        statement = JSON.parse(payload.toString("utf8")) as typeof statement;
    } catch {
        return false;
    }
    if (statement._type !== IN_TOTO_STATEMENT_TYPE || statement.predicateType !== COSIGN_SIGN_PREDICATE_TYPE) return false;
    const hex = manifestDigest.slice("sha256:".length);
    return (
        Array.isArray(statement.subject) &&
        statement.subject.some((subject: { digest?: { sha256?: unknown } } | null) => subject?.digest?.sha256 === hex)
    );
}
