import { execFile, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../support/paths";

/** Runs the compiled acr-helm CLI as a user does; returns exit code and output. */
export function acrHelm(args: string[], env: NodeJS.ProcessEnv = {}) {
    const run = spawnSync(process.execPath, [path.join(repoRoot, "dist", "bin", "acr-helm.js"), ...args], {
        encoding: "utf8",
        env: { PATH: process.env.PATH, ...env },
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** cosign with its own Docker config (the registry's credentials) in a temp dir. */
export class CosignCli {
    readonly home = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-cosign-"));

    constructor(
        readonly binary: string,
        registry: string,
        username: string,
        password: string,
    ) {
        const auth = Buffer.from(`${username}:${password}`).toString("base64");
        fs.writeFileSync(path.join(this.home, "config.json"), JSON.stringify({ auths: { [registry]: { auth } } }));
    }

    /** `cosign verify --key <pub> --insecure-ignore-tlog=true --allow-http-registry <ref>`: exit code and output. */
    verify(publicKeyFile: string, reference: string): Promise<{ code: number; output: string }> {
        return this.run([
            "verify",
            "--key",
            publicKeyFile,
            "--insecure-ignore-tlog=true",
            "--allow-http-registry",
            "--output",
            "json",
            reference,
        ]);
    }

    /**
     * `cosign sign --key <key> --tlog-upload=false --allow-http-registry -y <ref>` (no transparency log here): a
     * Sigstore bundle referrer, cosign v3's default, or with `form: "legacy"` a layer of the `sha256-<hex>.sig` image.
     */
    sign(
        keyFile: string,
        passphrase: string,
        reference: string,
        form: "bundle" | "legacy" = "bundle",
    ): Promise<{ code: number; output: string }> {
        const args = [
            "sign",
            "--key",
            keyFile,
            "--use-signing-config=false",
            "--tlog-upload=false",
            "--allow-http-registry",
            "-y",
            reference,
        ];
        return this.run(form === "legacy" ? [...args, "--new-bundle-format=false"] : args, { COSIGN_PASSWORD: passphrase });
    }

    /** Any cosign command, with this HOME and Docker config (and a TUF cache of its own): exit code and output. */
    run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
        return new Promise((resolve) => {
            execFile(
                this.binary,
                args,
                {
                    env: {
                        PATH: process.env.PATH,
                        HOME: this.home,
                        DOCKER_CONFIG: this.home,
                        TUF_ROOT: path.join(this.home, "tuf"),
                        ...extraEnv,
                    },
                    timeout: 120_000,
                },
                (error, stdout, stderr) => {
                    resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` });
                },
            );
        });
    }

    cleanup(): void {
        fs.rmSync(this.home, { recursive: true, force: true });
    }
}
