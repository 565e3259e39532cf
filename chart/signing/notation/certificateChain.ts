import { X509Certificate } from "node:crypto";
import { SigningKeyError } from "../errors";
import { pemCertificateBlocks } from "../pemCertificates";

/** Extended key usages the Notary Project forbids in a signing certificate. */
const FORBIDDEN_EKUS: Record<string, string> = {
    "1.3.6.1.5.5.7.3.1": "serverAuth",
    "1.3.6.1.5.5.7.3.2": "clientAuth",
    "1.3.6.1.5.5.7.3.4": "emailProtection",
    "1.3.6.1.5.5.7.3.8": "timeStamping",
    "1.3.6.1.5.5.7.3.9": "OCSPSigning",
};

/**
 * Reads PEM certificates ordered as a Notary Project signature carries them: the signing (leaf) certificate first,
 * each next one the issuer of the one before, the last a self-signed root (or a lone self-signed leaf). Checks what
 * can be checked before signing: order, issuers' signatures, validity now, CA flags and forbidden key usages.
 */
export function readCertificateChain(pem: string, input: string): X509Certificate[] {
    if (typeof pem !== "string") throw new SigningKeyError(input, "must be a string of PEM certificates");
    if (pem.includes("PRIVATE KEY")) throw new SigningKeyError(input, "holds a private key; give certificates only");
    const blocks = pemCertificateBlocks(pem);
    if (blocks.length === 0) throw new SigningKeyError(input, "holds no PEM certificate (BEGIN CERTIFICATE)");
    const certificates = blocks.map((block, index) => {
        try {
            return new X509Certificate(block);
        } catch {
            throw new SigningKeyError(input, `certificate ${index + 1} is not a readable X.509 certificate`);
        }
    });
    checkOrder(certificates, input);
    checkValidity(certificates, input);
    checkLeaf(certificates[0], input);
    return certificates;
}

function selfSigned(certificate: X509Certificate): boolean {
    return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
}

function checkOrder(certificates: X509Certificate[], input: string): void {
    const last = certificates.length - 1;
    if (last === 0) {
        if (!selfSigned(certificates[0])) {
            throw new SigningKeyError(input, "holds one certificate that is not self-signed; add its issuers up to the root");
        }
        return;
    }
    certificates.forEach((certificate, index) => {
        if (index === last) {
            if (!selfSigned(certificate)) throw new SigningKeyError(input, `does not end with a self-signed root certificate`);
            return;
        }
        if (selfSigned(certificate)) {
            throw new SigningKeyError(input, `certificate ${index + 1} is self-signed but not last; put the root last`);
        }
        const issuer = certificates[index + 1];
        if (!certificate.checkIssued(issuer) || !certificate.verify(issuer.publicKey)) {
            throw new SigningKeyError(
                input,
                `certificate ${index + 1} is not issued by certificate ${index + 2}; order the chain leaf first, then each issuer`,
            );
        }
        if (!issuer.ca) throw new SigningKeyError(input, `certificate ${index + 2} issues another but is not a CA certificate`);
    });
}

function checkValidity(certificates: X509Certificate[], input: string): void {
    const now = Date.now();
    certificates.forEach((certificate, index) => {
        if (Date.parse(certificate.validFrom) > now || Date.parse(certificate.validTo) < now) {
            throw new SigningKeyError(
                input,
                `certificate ${index + 1} is not valid now (valid from ${certificate.validFrom} to ${certificate.validTo})`,
            );
        }
    });
}

function checkLeaf(leaf: X509Certificate, input: string): void {
    if (leaf.ca) throw new SigningKeyError(input, "certificate 1 is a CA certificate; put the signing (leaf) certificate first");
    const forbidden = (leaf.keyUsage ?? []).filter((oid) => oid in FORBIDDEN_EKUS).map((oid) => FORBIDDEN_EKUS[oid]);
    if (forbidden.length > 0) {
        throw new SigningKeyError(input, `certificate 1 has extended key usage ${forbidden.join(", ")}; a signing certificate may not`);
    }
}
