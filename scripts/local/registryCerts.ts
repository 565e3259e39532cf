import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export interface SelfSignedCert {
    certFile: string;
    keyFile: string;
    certPem: string;
    keyPem: string;
}

/** A self-signed RSA certificate made with the openssl CLI, valid for 127.0.0.1 and localhost. */
export function makeSelfSignedCert(dir: string, name: string, commonName = "127.0.0.1"): SelfSignedCert {
    const certFile = path.join(dir, `${name}.crt`);
    const keyFile = path.join(dir, `${name}.key`);
    execFileSync(
        "openssl",
        [
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-sha256",
            "-days",
            "2",
            "-keyout",
            keyFile,
            "-out",
            certFile,
            "-subj",
            `/CN=${commonName}`,
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        { stdio: ["ignore", "ignore", "pipe"] },
    );
    return { certFile, keyFile, certPem: fs.readFileSync(certFile, "utf8"), keyPem: fs.readFileSync(keyFile, "utf8") };
}

/** Base64 DER of the first certificate in a PEM, as a JWT x5c entry wants it. */
export function pemToX5c(certPem: string): string {
    const match = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(certPem);
    if (!match) throw new Error("no certificate in PEM");
    return match[1].replace(/\s+/g, "");
}
