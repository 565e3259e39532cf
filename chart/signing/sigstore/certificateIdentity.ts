import { X509Certificate } from "crypto";

/** Fulcio's OIDC issuer extension: v2 holds a DER UTF8String, v1 (deprecated) the issuer's bytes as they are. */
const ISSUER_V2 = Buffer.from([0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xbf, 0x30, 0x01, 0x08]);
const ISSUER_V1 = Buffer.from([0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xbf, 0x30, 0x01, 0x01]);

/** Who a keyless bundle's Fulcio certificate was issued to: its subject alternative name and OIDC issuer. */
export interface CertificateIdentity {
    readonly subject: string;
    readonly issuer: string;
}

/** The identity in the certificate of a Sigstore bundle (JSON text); throws when the bundle holds no certificate. */
export function certificateIdentityOf(bundle: string): CertificateIdentity {
    const parsed = JSON.parse(bundle) as {
        verificationMaterial?: { certificate?: { rawBytes?: string }; x509CertificateChain?: { certificates?: { rawBytes?: string }[] } };
    };
    const material = parsed.verificationMaterial;
    const raw = material?.certificate?.rawBytes ?? material?.x509CertificateChain?.certificates?.[0]?.rawBytes;
    if (!raw) throw new Error("the Sigstore bundle holds no certificate");
    const der = Buffer.from(raw, "base64");
    const certificate = new X509Certificate(der);
    const subject = (certificate.subjectAltName ?? "").split(", ")[0]?.replace(/^(URI|email):/, "") ?? "";
    const issuer = extensionText(der, ISSUER_V2, true) ?? extensionText(der, ISSUER_V1, false) ?? "";
    return { subject, issuer };
}

/** The text of the extension whose OID is encoded as `oid`: `SEQUENCE { oid, [critical,] OCTET STRING { value } }`. */
function extensionText(der: Buffer, oid: Buffer, utf8String: boolean): string | undefined {
    const at = der.indexOf(oid);
    if (at < 0) return undefined;
    let offset = at + oid.length;
    if (der[offset] === 0x01) offset += 2 + der[offset + 1]; // BOOLEAN critical
    const octets = readTlv(der, offset, 0x04);
    if (!octets) return undefined;
    if (!utf8String) return octets.toString("utf8");
    return readTlv(octets, 0, 0x0c)?.toString("utf8");
}

/** The value of the DER element at `offset` when its tag is `tag`. */
function readTlv(der: Buffer, offset: number, tag: number): Buffer | undefined {
    if (der[offset] !== tag) return undefined;
    let length = der[offset + 1];
    let start = offset + 2;
    if (length & 0x80) {
        const bytes = length & 0x7f;
        length = 0;
        for (let index = 0; index < bytes; index++) length = length * 256 + der[start + index];
        start += bytes;
    }
    return start + length <= der.length ? der.subarray(start, start + length) : undefined;
}
