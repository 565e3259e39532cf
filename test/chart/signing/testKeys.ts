import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** An OpenPGP key made by Debian's gpg, exported the ways Helm and this package read them. */
export interface GpgKey {
    readonly email: string;
    readonly fingerprint: string;
    /** `gpg --armor --export-secret-keys`: what ChartPublication and `acr-helm push --key` take. */
    readonly secretArmored: string;
    readonly passphrase?: string;
    /** `gpg --export` (binary): the keyring Helm 3 and Helm 4 read. */
    readonly publicKeyringFile: string;
    /** `gpg --armor --export` */
    readonly publicArmored: string;
    readonly secretFile: string;
    readonly passphraseFile?: string;
    /** `gpg --export-secret-keys` (binary): what `helm package --sign --keyring` reads. */
    readonly secretKeyringFile: string;
}

/** An ECDSA P-256 key pair made by openssl: PKCS#8 private key and SubjectPublicKeyInfo public key, PEM. */
export interface CosignKey {
    readonly privateFile: string;
    readonly publicFile: string;
    readonly privatePem: string;
    readonly publicPem: string;
}

/** Keys in a temporary GNUPGHOME; `dispose` stops that home's gpg-agent and removes everything. */
export class TestKeys {
    readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-keys-"));
    private readonly gnupgHome = path.join(this.dir, "gnupg");

    constructor() {
        fs.mkdirSync(this.gnupgHome, { mode: 0o700 });
    }

    /** A key made in batch mode: RSA 3072 with a passphrase, or Ed25519 without one. */
    gpgKey(name: string, options: { passphrase?: string; type?: "rsa" | "ed25519" } = {}): GpgKey {
        const email = `${name}@charts.example.com`;
        const algorithm = options.type === "ed25519" ? "Key-Type: eddsa\nKey-Curve: ed25519\n" : "Key-Type: RSA\nKey-Length: 3072\n";
        const protection = options.passphrase ? `Passphrase: ${options.passphrase}\n` : "%no-protection\n";
        const params = `${algorithm}Name-Real: ${name}\nName-Email: ${email}\nExpire-Date: 0\n${protection}%commit\n`;
        this.gpg(["--gen-key"], params);
        const unlock = options.passphrase ? ["--pinentry-mode", "loopback", "--passphrase", options.passphrase] : [];
        const secretArmored = this.gpg([...unlock, "--armor", "--export-secret-keys", email]).toString("utf8");
        const file = (suffix: string, data: string | Buffer) => {
            const target = path.join(this.dir, `${name}${suffix}`);
            fs.writeFileSync(target, data);
            return target;
        };
        const fingerprint = /^fpr:::::::::([0-9A-F]{40}):/m.exec(this.gpg(["--with-colons", "--fingerprint", email]).toString("utf8"))![1];
        return {
            email,
            fingerprint,
            secretArmored,
            passphrase: options.passphrase,
            publicKeyringFile: file(".pubring.gpg", this.gpg(["--export", email])),
            publicArmored: this.gpg(["--armor", "--export", email]).toString("utf8"),
            secretFile: file(".secret.asc", secretArmored),
            passphraseFile: options.passphrase ? file(".passphrase", `${options.passphrase}\n`) : undefined,
            secretKeyringFile: file(".secring.gpg", this.gpg([...unlock, "--export-secret-keys", email])),
        };
    }

    cosignKey(name: string): CosignKey {
        const privateFile = path.join(this.dir, `${name}.key.pem`);
        const publicFile = path.join(this.dir, `${name}.pub`);
        const ecKey = execFileSync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout"]);
        execFileSync("openssl", ["pkcs8", "-topk8", "-nocrypt", "-out", privateFile], { input: ecKey });
        execFileSync("openssl", ["ec", "-in", privateFile, "-pubout", "-out", publicFile], { stdio: "pipe" });
        return {
            privateFile,
            publicFile,
            privatePem: fs.readFileSync(privateFile, "utf8"),
            publicPem: fs.readFileSync(publicFile, "utf8"),
        };
    }

    /** A key pair as `cosign generate-key-pair` writes it: `<name>.key` (cosign's encrypted format) and `<name>.pub`. */
    cosignGeneratedKey(cosign: string, name: string, passphrase: string): CosignKey & { passphraseFile: string } {
        execFileSync(cosign, ["generate-key-pair", "--output-key-prefix", name], {
            cwd: this.dir,
            env: { ...process.env, COSIGN_PASSWORD: passphrase },
            stdio: "pipe",
        });
        const privateFile = path.join(this.dir, `${name}.key`);
        const publicFile = path.join(this.dir, `${name}.pub`);
        const passphraseFile = path.join(this.dir, `${name}.passphrase`);
        fs.writeFileSync(passphraseFile, `${passphrase}\n`);
        return {
            privateFile,
            publicFile,
            passphraseFile,
            privatePem: fs.readFileSync(privateFile, "utf8"),
            publicPem: fs.readFileSync(publicFile, "utf8"),
        };
    }

    dispose(): void {
        try {
            execFileSync("gpgconf", ["--kill", "gpg-agent"], { env: { ...process.env, GNUPGHOME: this.gnupgHome }, stdio: "pipe" });
        } finally {
            fs.rmSync(this.dir, { recursive: true, force: true });
        }
    }

    private gpg(args: string[], input?: string): Buffer {
        return execFileSync("gpg", ["--batch", "--quiet", ...args], {
            env: { ...process.env, GNUPGHOME: this.gnupgHome },
            input,
            stdio: ["pipe", "pipe", "pipe"],
        });
    }
}
