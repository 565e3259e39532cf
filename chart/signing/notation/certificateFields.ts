/**
 * The fields of an X.509 certificate that node:crypto does not expose and the Notary Project's certificate rules
 * read: the exact DER of the issuer and subject names, the signature algorithm, key usage and basic constraints, with
 * their critical flags. A minimal DER reader: it throws on anything it cannot read, and callers treat that as an
 * unreadable certificate.
 */
export interface CertificateFields {
    readonly version: number;
    readonly rawIssuer: Buffer;
    readonly rawSubject: Buffer;
    /** Dotted OID of the issuer's signature algorithm. */
    readonly signatureAlgorithm: string;
    /** Undefined when the certificate has no key usage extension. */
    readonly keyUsage?: { readonly critical: boolean; readonly bits: ReadonlySet<KeyUsage> };
    /** Undefined when the certificate has no basic constraints extension. */
    readonly basicConstraints?: { readonly critical: boolean; readonly ca: boolean; readonly pathLength?: number };
}

export type KeyUsage =
    | "digitalSignature"
    | "nonRepudiation"
    | "keyEncipherment"
    | "dataEncipherment"
    | "keyAgreement"
    | "keyCertSign"
    | "cRLSign"
    | "encipherOnly"
    | "decipherOnly";

const KEY_USAGE_BITS: KeyUsage[] = [
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly",
];

interface Tlv {
    readonly tag: number;
    /** The whole element, header included. */
    readonly raw: Buffer;
    readonly content: Buffer;
}

function readTlv(data: Buffer, offset: number): Tlv {
    if (offset + 2 > data.length) throw new Error("truncated DER");
    const tag = data[offset];
    let length = data[offset + 1];
    let header = 2;
    if (length & 0x80) {
        const count = length & 0x7f;
        if (count === 0 || count > 4 || offset + 2 + count > data.length) throw new Error("bad DER length");
        length = 0;
        for (let index = 0; index < count; index++) length = length * 256 + data[offset + 2 + index];
        header += count;
    }
    const end = offset + header + length;
    if (end > data.length) throw new Error("truncated DER");
    return { tag, raw: data.subarray(offset, end), content: data.subarray(offset + header, end) };
}

function children(element: Tlv): Tlv[] {
    const result: Tlv[] = [];
    for (let offset = 0; offset < element.content.length; offset += result[result.length - 1].raw.length) {
        result.push(readTlv(element.content, offset));
    }
    return result;
}

function oid(element: Tlv): string {
    if (element.tag !== 0x06 || element.content.length === 0) throw new Error("expected an OID");
    const bytes = element.content;
    const arcs = [Math.min(Math.floor(bytes[0] / 40), 2), bytes[0] - 40 * Math.min(Math.floor(bytes[0] / 40), 2)];
    let value = 0;
    for (const byte of bytes.subarray(1)) {
        value = value * 128 + (byte & 0x7f);
        if (!(byte & 0x80)) {
            arcs.push(value);
            value = 0;
        }
    }
    return arcs.join(".");
}

function integer(element: Tlv): number {
    if (element.tag !== 0x02 || element.content.length === 0 || element.content.length > 4) throw new Error("expected a small INTEGER");
    return element.content.reduce((value, byte) => value * 256 + byte, 0);
}

export function certificateFields(der: Buffer): CertificateFields {
    const [tbsElement, algorithm] = children(readTlv(der, 0));
    const tbs = children(tbsElement);
    const versioned = tbs[0].tag === 0xa0;
    const version = versioned ? integer(children(tbs[0])[0]) + 1 : 1;
    const [, , issuer, , subject] = tbs.slice(versioned ? 1 : 0);
    const fields: { -readonly [K in keyof CertificateFields]: CertificateFields[K] } = {
        version,
        rawIssuer: Buffer.from(issuer.raw),
        rawSubject: Buffer.from(subject.raw),
        signatureAlgorithm: oid(children(algorithm)[0]),
    };
    const extensions = tbs.find((element) => element.tag === 0xa3);
    for (const extension of extensions ? children(children(extensions)[0]) : []) {
        const parts = children(extension);
        const id = oid(parts[0]);
        const critical = parts.length === 3 && parts[1].tag === 0x01 && parts[1].content[0] !== 0;
        const value = readTlv(parts[parts.length - 1].content, 0);
        if (id === "2.5.29.15") {
            const bits = new Set<KeyUsage>();
            value.content.subarray(1).forEach((byte, index) => {
                for (let bit = 0; bit < 8; bit++)
                    if (byte & (0x80 >> bit) && KEY_USAGE_BITS[index * 8 + bit]) bits.add(KEY_USAGE_BITS[index * 8 + bit]);
            });
            fields.keyUsage = { critical, bits };
        } else if (id === "2.5.29.19") {
            const items = children(value);
            const ca = items[0]?.tag === 0x01 && items[0].content[0] !== 0;
            const length = items.find((item) => item.tag === 0x02);
            fields.basicConstraints = { critical, ca, ...(length ? { pathLength: integer(length) } : {}) };
        }
    }
    return fields;
}
