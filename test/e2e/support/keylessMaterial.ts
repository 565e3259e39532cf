import { execFileSync } from "child_process";
import { createHash, createPrivateKey, generateKeyPairSync, sign as signData, X509Certificate } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Signer } from "@sigstore/sign";

/** A CA standing in for Fulcio, a leaf it issued for one OIDC identity, and a trusted root naming that CA. */
export interface KeylessMaterial {
    /** Signs as cosign keyless does: the leaf certificate rides in the bundle. */
    readonly signer: Signer;
    /** A Sigstore trusted_root.json: the CA, plus a transparency log and a CT log whose keys nobody here signs with. */
    readonly trustedRoot: string;
}

/** Fulcio's OIDC issuer extension (v2: a DER UTF8String). */
const ISSUER_EXTENSION = "1.3.6.1.4.1.57264.1.8";

export function keylessMaterial(dir: string, identity: { issuer: string; email: string }): KeylessMaterial {
    const file = (name: string) => path.join(dir, name);
    const openssl = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    const ec = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"];
    openssl(["genpkey", ...ec, "-out", file("fulcio-ca.key")]);
    openssl(
        ["req", "-x509", "-new", "-key", file("fulcio-ca.key"), "-out", file("fulcio-ca.pem"), "-days", "2"].concat(
            ["-subj", "/O=acr-helm tests/CN=keyless CA", "-addext", "basicConstraints=critical,CA:TRUE"],
            ["-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        ),
    );
    openssl(["genpkey", ...ec, "-out", file("keyless.key")]);
    openssl(
        ["req", "-x509", "-new", "-key", file("keyless.key"), "-CA", file("fulcio-ca.pem"), "-CAkey", file("fulcio-ca.key")].concat(
            ["-out", file("keyless.pem"), "-days", "1", "-subj", "/O=acr-helm tests"],
            ["-addext", "keyUsage=critical,digitalSignature", "-addext", "extendedKeyUsage=codeSigning"],
            ["-addext", `subjectAltName=critical,email:${identity.email}`],
            ["-addext", `${ISSUER_EXTENSION}=ASN1:UTF8String:${identity.issuer}`],
        ),
    );
    const leafPem = fs.readFileSync(file("keyless.pem"), "utf8");
    const leafKey = createPrivateKey(fs.readFileSync(file("keyless.key")));
    const signer: Signer = {
        sign: async (data: Buffer) => ({
            signature: signData("sha256", data, leafKey),
            key: { $case: "x509Certificate", certificate: leafPem },
        }),
    };
    const ca = new X509Certificate(fs.readFileSync(file("fulcio-ca.pem")));
    const validFor = { start: new Date(Date.now() - 3_600_000).toISOString() };
    const log = (baseUrl: string) => {
        const der = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "der" });
        return {
            baseUrl,
            hashAlgorithm: "SHA2_256",
            publicKey: { rawBytes: der.toString("base64"), keyDetails: "PKIX_ECDSA_P256_SHA_256", validFor },
            logId: { keyId: createHash("sha256").update(der).digest("base64") },
        };
    };
    const trustedRoot = JSON.stringify({
        mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
        tlogs: [log("http://127.0.0.1:9")],
        certificateAuthorities: [
            {
                subject: { organization: "acr-helm tests", commonName: "keyless CA" },
                uri: "http://127.0.0.1:9",
                certChain: { certificates: [{ rawBytes: ca.raw.toString("base64") }] },
                validFor,
            },
        ],
        ctlogs: [log("http://127.0.0.1:9")],
        timestampAuthorities: [],
    });
    return { signer, trustedRoot };
}
