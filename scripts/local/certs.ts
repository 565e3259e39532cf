import { execFile } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";

const run = promisify(execFile);

/** P-256 keys: generated in milliseconds, unlike RSA. */
const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];

/** Files of a throwaway PKI for one local API server (valid one day). */
export interface LocalPki {
    caCert: string;
    caKey: string;
    /** Serving certificate for 127.0.0.1 / localhost, signed by the CA. */
    servingCert: string;
    servingKey: string;
    /** Key pair the API server signs and verifies service-account tokens with. */
    serviceAccountKey: string;
    serviceAccountPublicKey: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
    try {
        await run("openssl", args, { cwd });
    } catch (err) {
        const stderr = (err as { stderr?: string }).stderr ?? String(err);
        throw new Error(`openssl ${args[0]} failed: ${stderr.trim()} (is the Debian 'openssl' package installed?)`, {
            cause: err,
        });
    }
}

/** Generates a CA, a loopback serving certificate and a service-account key pair in `dir`. */
export async function generateLocalPki(dir: string): Promise<LocalPki> {
    const file = (name: string) => path.join(dir, name);
    await openssl(
        [
            "req",
            "-x509",
            ...EC_KEY,
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=acr-helm-local-ca",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
        ],
        dir,
    );
    await openssl(["req", ...EC_KEY, "-nodes", "-subj", "/CN=kube-apiserver", "-keyout", "serving.key", "-out", "serving.csr"], dir);
    fs.writeFileSync(
        file("serving.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n",
    );
    await openssl(
        [
            "x509",
            "-req",
            "-in",
            "serving.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "1",
            "-extfile",
            "serving.ext",
            "-out",
            "serving.crt",
        ],
        dir,
    );
    const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    fs.writeFileSync(file("sa.key"), privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    fs.writeFileSync(file("sa.pub"), publicKey.export({ type: "spki", format: "pem" }));
    return {
        caCert: file("ca.crt"),
        caKey: file("ca.key"),
        servingCert: file("serving.crt"),
        servingKey: file("serving.key"),
        serviceAccountKey: file("sa.key"),
        serviceAccountPublicKey: file("sa.pub"),
    };
}
