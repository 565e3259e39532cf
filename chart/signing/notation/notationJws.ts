import { constants, verify, X509Certificate } from "node:crypto";
import { algorithmOf, NotationAlgorithm } from "./notationAlgorithm";
import { NOTATION_PAYLOAD_MEDIA_TYPE, SIGNING_SCHEME_HEADER, SIGNING_TIME_HEADER, X509_SIGNING_SCHEME } from "./notationMediaTypes";

export const EXPIRY_HEADER = "io.cncf.notary.expiry";
const AUTHENTIC_SIGNING_TIME_HEADER = "io.cncf.notary.authenticSigningTime";
/** Header names a JWS envelope of the Notary Project defines; any other protected header is an extended attribute. */
const KNOWN_HEADERS = ["alg", "cty", "crit", EXPIRY_HEADER, SIGNING_TIME_HEADER, SIGNING_SCHEME_HEADER, AUTHENTIC_SIGNING_TIME_HEADER];
const HASHES: Record<NotationAlgorithm, string> = {
    PS256: "sha256",
    PS384: "sha384",
    PS512: "sha512",
    ES256: "sha256",
    ES384: "sha384",
    ES512: "sha512",
};
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** What a JWS envelope says once it parses and its signature verifies with its leaf certificate. */
export interface VerifiedJws {
    readonly certificates: X509Certificate[];
    readonly payload: Buffer;
    readonly signingTime: Date;
    readonly expiry?: Date;
}

/** Thrown for the first reason an envelope is refused; the message is that reason. */
export class Rejection extends Error {}

function reject(reason: string): never {
    throw new Rejection(reason);
}

function base64url(value: unknown, what: string): Buffer {
    if (typeof value !== "string" || !BASE64URL.test(value) || value.length % 4 === 1) reject(`${what} is not base64url`);
    return Buffer.from(value, "base64url");
}

function object(value: unknown, what: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) reject(`${what} is not a JSON object`);
    return value as Record<string, unknown>;
}

function json(bytes: Buffer, what: string): unknown {
    try {
        return JSON.parse(bytes.toString("utf8")) as unknown;
    } catch {
        return reject(`${what} is not JSON`);
    }
}

function time(value: unknown, name: string): Date | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) reject(`${name} is not an RFC 3339 time`);
    return new Date(value);
}

/**
 * Parses a JWS JSON (flattened) envelope as notation-core-go does and verifies its signature with the public key of
 * the first x5c certificate: the protected header's algorithm, payload type, signing scheme notary.x509, signing time
 * and critical headers; the algorithm the one the leaf's key type and size call for.
 */
export function verifyJws(envelopeBytes: Buffer): VerifiedJws {
    const envelope = object(json(envelopeBytes, "the envelope"), "the envelope");
    const header = object(envelope.header ?? {}, "the unprotected header");
    const x5c = header.x5c ?? [];
    if (!Array.isArray(x5c) || x5c.length === 0) reject("the envelope holds no certificate chain (x5c)");
    const certificates = x5c.map((entry: unknown, index) => {
        if (typeof entry !== "string" || !BASE64.test(entry)) reject(`x5c certificate ${index + 1} is not base64`);
        try {
            return new X509Certificate(Buffer.from(entry, "base64"));
        } catch {
            return reject(`x5c certificate ${index + 1} is not a readable X.509 certificate`);
        }
    });
    const protectedPart = envelope.protected;
    const protectedHeader = object(json(base64url(protectedPart, "the protected header"), "the protected header"), "the protected header");
    const payload = base64url(envelope.payload, "the payload");
    const signature = base64url(envelope.signature, "the signature");
    if (signature.length === 0) reject("the signature is empty");
    const { alg, cty, crit } = protectedHeader;
    if (typeof alg !== "string" || !own(HASHES, alg)) reject(`the signature algorithm ${JSON.stringify(alg)} is not supported`);
    const algorithm = alg as NotationAlgorithm;
    const leafAlgorithm = keyAlgorithm(certificates[0]);
    if (!leafAlgorithm) reject("the signing certificate's key is not RSA 2048, 3072 or 4096 bits, or ECDSA P-256, P-384 or P-521");
    if (leafAlgorithm !== algorithm)
        reject(`the signing certificate's key signs with ${leafAlgorithm}, not the ${algorithm} the header names`);
    const signingInput = Buffer.from(`${protectedPart as string}.${envelope.payload as string}`, "ascii");
    if (!verifiesWith(certificates[0], algorithm, signingInput, signature))
        reject("the signature does not verify with the signing certificate");
    if (typeof json(payload, "the payload") !== "object" || json(payload, "the payload") === null)
        reject("the payload is not a JSON object");
    if (cty !== NOTATION_PAYLOAD_MEDIA_TYPE)
        reject(`the payload content type ${JSON.stringify(cty)} is not ${NOTATION_PAYLOAD_MEDIA_TYPE}`);
    const scheme = protectedHeader[SIGNING_SCHEME_HEADER];
    if (scheme !== X509_SIGNING_SCHEME) reject(`the signing scheme ${JSON.stringify(scheme)} is not ${X509_SIGNING_SCHEME}`);
    if (protectedHeader[AUTHENTIC_SIGNING_TIME_HEADER] !== undefined)
        reject(`${AUTHENTIC_SIGNING_TIME_HEADER} is not allowed with ${X509_SIGNING_SCHEME}`);
    const signingTime = time(protectedHeader[SIGNING_TIME_HEADER], SIGNING_TIME_HEADER) ?? reject("the signing time is missing");
    const expiry = time(protectedHeader[EXPIRY_HEADER], EXPIRY_HEADER);
    checkCritical(crit, protectedHeader, expiry !== undefined);
    if (expiry && expiry.getTime() <= signingTime.getTime()) reject("the expiry is not after the signing time");
    return { certificates, payload, signingTime, expiry };
}

function own(value: object, name: string): boolean {
    return Object.prototype.hasOwnProperty.call(value, name);
}

function keyAlgorithm(leaf: X509Certificate): NotationAlgorithm | undefined {
    try {
        return algorithmOf(leaf.publicKey);
    } catch {
        return undefined;
    }
}

function verifiesWith(leaf: X509Certificate, algorithm: NotationAlgorithm, data: Buffer, signature: Buffer): boolean {
    const key = leaf.publicKey;
    if (algorithm.startsWith("PS")) {
        return verify(
            HASHES[algorithm],
            data,
            { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
            signature,
        );
    }
    const bytes = { ES256: 32, ES384: 48, ES512: 66 }[algorithm as "ES256"];
    return signature.length === 2 * bytes && verify(HASHES[algorithm], data, { key, dsaEncoding: "ieee-p1363" }, signature);
}

/**
 * `crit` lists the signing scheme, and the expiry when there is one; any other name it lists must be a header of the
 * envelope beyond those the specification defines, and one this verifier cannot process: it is refused.
 */
function checkCritical(crit: unknown, header: Record<string, unknown>, hasExpiry: boolean): void {
    if (!Array.isArray(crit) || crit.length === 0 || crit.some((name) => typeof name !== "string"))
        reject(`the "crit" header is missing or not a list of names`);
    const names = crit as string[];
    for (const name of names) {
        if (name === SIGNING_SCHEME_HEADER || (name === EXPIRY_HEADER && hasExpiry)) continue;
        if (KNOWN_HEADERS.includes(name) || !own(header, name))
            reject(`the "crit" header names ${JSON.stringify(name)}, which is not an extended header present`);
        reject(
            `the critical header ${JSON.stringify(name)} is not supported (a verification plugin or extension this verifier cannot process)`,
        );
    }
    const missing = [SIGNING_SCHEME_HEADER, ...(hasExpiry ? [EXPIRY_HEADER] : [])].filter((name) => !names.includes(name));
    if (missing.length > 0) reject(`the headers ${missing.join(", ")} are not marked critical`);
}
