import { X509Certificate } from "node:crypto";
import { SigningKeyError } from "../errors";
import { CertificateFields, certificateFields } from "./certificateFields";
import { Rejection } from "./notationJws";
import { pemCertificateBlocks } from "../pemCertificates";

/** Extended key usages a signing certificate may not have (serverAuth, clientAuth, emailProtection, timeStamping, OCSPSigning). */
const FORBIDDEN_EKUS = ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.8", "1.3.6.1.5.5.7.3.9"];
/** Key usages besides digitalSignature (and nonRepudiation) a signing certificate may not have. */
const FORBIDDEN_LEAF_USAGES = [
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly",
] as const;
/** Certificate signatures over MD2, MD5 or SHA-1, which are not accepted as an issuer's signature. */
const INSECURE_SIGNATURES = [
    "1.2.840.113549.1.1.2",
    "1.2.840.113549.1.1.4",
    "1.2.840.113549.1.1.5",
    "1.2.840.10040.4.3",
    "1.2.840.10045.4.1",
];

interface Certificate {
    readonly x509: X509Certificate;
    readonly fields: CertificateFields;
    readonly name: string;
}

function reject(reason: string): never {
    throw new Rejection(reason);
}

/** The trust store: PEM certificates, each a CA certificate or a self-signed one, as notation-go's trust store requires. */
export function readTrustedCertificates(pems: readonly string[], input = "trustedCertificates"): X509Certificate[] {
    if (!Array.isArray(pems)) throw new SigningKeyError(input, "must be a list of PEM certificates");
    const blocks = pems.flatMap((pem) => (typeof pem === "string" ? pemCertificateBlocks(pem) : []));
    if (blocks.length === 0) throw new SigningKeyError(input, "holds no PEM certificate (BEGIN CERTIFICATE)");
    return blocks.map((block, index) => {
        let certificate: X509Certificate;
        try {
            certificate = new X509Certificate(block);
        } catch {
            throw new SigningKeyError(input, `certificate ${index + 1} is not a readable X.509 certificate`);
        }
        if (!certificate.ca && !certificate.verify(certificate.publicKey)) {
            throw new SigningKeyError(input, `certificate ${index + 1} is neither a CA certificate nor self-signed`);
        }
        return certificate;
    });
}

/**
 * The Notary Project's rules for a signature's certificate chain (notation-core-go's code signing chain validation
 * and notation-go's authenticity and validity checks at level strict, without a timestamp): leaf first, each
 * certificate issued by the next, ending at a self-signed root; the leaf a signing certificate, the others CA
 * certificates; one of them a trusted certificate; each valid at the signing time and now.
 */
export function checkChain(
    certificates: readonly X509Certificate[],
    trusted: readonly X509Certificate[],
    signingTime: Date,
    now: Date,
): void {
    const chain = certificates.map((x509, index): Certificate => {
        try {
            return { x509, fields: certificateFields(x509.raw), name: `certificate ${index + 1} (${x509.subject.replace(/\n/g, ", ")})` };
        } catch {
            return reject(`x5c certificate ${index + 1} is not a readable X.509 certificate`);
        }
    });
    const last = chain.length - 1;
    if (last === 0 && !(chain[0].x509.verify(chain[0].x509.publicKey) && chain[0].fields.rawIssuer.equals(chain[0].fields.rawSubject))) {
        reject(`${chain[0].name} is alone in the chain but not self-signed`);
    }
    chain.forEach((certificate, index) => {
        if (index === last && last > 0 && !issuedBy(certificate, certificate))
            reject(`the chain does not end with a self-signed root: ${certificate.name} is not one`);
        if (index < last) {
            if (issuedBy(certificate, certificate)) reject(`${certificate.name} is self-signed but not last in the chain`);
            if (!issuedBy(certificate, chain[index + 1])) reject(`${certificate.name} is not issued by ${chain[index + 1].name}`);
        }
        if (index === 0) checkLeaf(certificate);
        else checkIssuer(certificate, index - 1);
    });
    if (!certificates.some((certificate) => trusted.some((trust) => trust.raw.equals(certificate.raw)))) {
        reject("the certificate chain does not contain any trusted certificate");
    }
    for (const certificate of chain) {
        const [from, to] = [Date.parse(certificate.x509.validFrom), Date.parse(certificate.x509.validTo)];
        if (signingTime.getTime() < from || signingTime.getTime() > to) {
            reject(
                `${certificate.name} was not valid at the signing time ${signingTime.toISOString()} (valid from ${certificate.x509.validFrom} to ${certificate.x509.validTo})`,
            );
        }
        if (now.getTime() < from || now.getTime() > to) {
            reject(`${certificate.name} is not valid now (valid from ${certificate.x509.validFrom} to ${certificate.x509.validTo})`);
        }
    }
}

/** Whether `issuer` signed `subject` and names it: a CA certificate (or a v1 one) allowed to sign certificates. */
function issuedBy(subject: Certificate, issuer: Certificate): boolean {
    const { basicConstraints, keyUsage, version } = issuer.fields;
    if (version === 3 ? !basicConstraints?.ca : basicConstraints && !basicConstraints.ca) return false;
    if (keyUsage && keyUsage.bits.size > 0 && !keyUsage.bits.has("keyCertSign")) return false;
    if (INSECURE_SIGNATURES.includes(subject.fields.signatureAlgorithm)) return false;
    return subject.fields.rawIssuer.equals(issuer.fields.rawSubject) && subject.x509.verify(issuer.x509.publicKey);
}

function checkLeaf(leaf: Certificate): void {
    const { basicConstraints, keyUsage } = leaf.fields;
    if (basicConstraints?.ca) reject(`${leaf.name} is a CA certificate, not a signing certificate`);
    if (!keyUsage?.critical) reject(`${leaf.name} has no critical key usage extension`);
    if (!keyUsage.bits.has("digitalSignature")) reject(`${leaf.name} does not have the key usage digitalSignature`);
    const forbidden = FORBIDDEN_LEAF_USAGES.filter((usage) => keyUsage.bits.has(usage));
    if (forbidden.length > 0) reject(`${leaf.name} has the key usage ${forbidden.join(", ")}; a signing certificate may not`);
    const ekus = (leaf.x509.keyUsage ?? []).filter((oid) => FORBIDDEN_EKUS.includes(oid));
    if (ekus.length > 0) reject(`${leaf.name} has the extended key usage ${ekus.join(", ")}, which a signing certificate may not`);
}

function checkIssuer(certificate: Certificate, certificatesBelow: number): void {
    const { basicConstraints, keyUsage } = certificate.fields;
    if (!basicConstraints?.ca) reject(`${certificate.name} issues another but is not a CA certificate`);
    if (basicConstraints.pathLength !== undefined && basicConstraints.pathLength < certificatesBelow) {
        reject(
            `${certificate.name} allows a path length of ${basicConstraints.pathLength}, below the ${certificatesBelow} the chain needs`,
        );
    }
    if (!keyUsage?.critical) reject(`${certificate.name} has no critical key usage extension`);
    if (!keyUsage.bits.has("keyCertSign")) reject(`${certificate.name} does not have the key usage keyCertSign`);
}
