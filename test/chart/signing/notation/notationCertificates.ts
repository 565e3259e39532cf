import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export type TestKeyType = "ec-p256" | "ec-p384" | "rsa-2048" | "rsa-3072";

/** A test CA and a code-signing leaf it issued, made by openssl: the files and their PEM. */
export interface NotationTestChain {
    /** The root CA certificate: what a trust store holds. */
    readonly caPem: string;
    readonly leafPem: string;
    /** Leaf then root: what the signer takes. */
    readonly chainPem: string;
    /** The leaf's private key, PKCS#8 (encrypted when a passphrase was given). */
    readonly keyPem: string;
    readonly passphrase?: string;
}

const KEY_OPTIONS: Record<TestKeyType, string[]> = {
    "ec-p256": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    "ec-p384": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    "rsa-2048": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    "rsa-3072": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"],
};

function openssl(args: string[], cwd: string): void {
    execFileSync("openssl", args, { cwd, stdio: "pipe" });
}

/**
 * In `dir`: `<name>-ca.pem` (self-signed, CA:TRUE, keyCertSign, both critical) and `<name>-leaf.pem` with its key
 * (CA:FALSE, key usage digitalSignature only, critical; extended key usage codeSigning unless another is given), as
 * the Notary Project's certificate requirements ask.
 */
export function notationTestChain(
    dir: string,
    name: string,
    options: { keyType?: TestKeyType; passphrase?: string; extendedKeyUsage?: string } = {},
): NotationTestChain {
    const file = (suffix: string) => path.join(dir, `${name}${suffix}`);
    openssl(["genpkey", ...KEY_OPTIONS["ec-p256"], "-out", file("-ca.key")], dir);
    openssl(
        [
            "req",
            "-x509",
            "-new",
            "-key",
            file("-ca.key"),
            "-out",
            file("-ca.pem"),
            "-days",
            "2",
            "-subj",
            `/O=acr-helm tests/CN=${name} CA`,
        ].concat(["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]),
        dir,
    );
    const encrypt = options.passphrase ? ["-aes-256-cbc", "-pass", `pass:${options.passphrase}`] : [];
    openssl(["genpkey", ...KEY_OPTIONS[options.keyType ?? "ec-p256"], ...encrypt, "-out", file("-leaf.key")], dir);
    const unlock = options.passphrase ? ["-passin", `pass:${options.passphrase}`] : [];
    openssl(
        ["req", "-x509", "-new", "-key", file("-leaf.key"), ...unlock, "-CA", file("-ca.pem"), "-CAkey", file("-ca.key")]
            .concat(["-out", file("-leaf.pem"), "-days", "1", "-subj", `/O=acr-helm tests/CN=${name} signer`])
            .concat(["-addext", "basicConstraints=critical,CA:FALSE", "-addext", "keyUsage=critical,digitalSignature"])
            .concat(["-addext", `extendedKeyUsage=${options.extendedKeyUsage ?? "codeSigning"}`]),
        dir,
    );
    const caPem = fs.readFileSync(file("-ca.pem"), "utf8");
    const leafPem = fs.readFileSync(file("-leaf.pem"), "utf8");
    return {
        caPem,
        leafPem,
        chainPem: leafPem + caPem,
        keyPem: fs.readFileSync(file("-leaf.key"), "utf8"),
        passphrase: options.passphrase,
    };
}
